#!/bin/bash
# Regenerates plan.json for the rule fixtures that hold a plan next to its configuration, with
# terraform and the AWS provider offline (dummy credentials, provider skip_* settings, no AWS calls).
#   usage: testdata/rules/regenerate-plans.sh   (needs terraform 1.11.4 and a provider mirror)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
mirror=${TF_PROVIDER_MIRROR:-/opt/tf-plugins}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/terraformrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/aws"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" TF_IN_AUTOMATION=1 AWS_EC2_METADATA_DISABLED=true
for src in "$here"/*/plan-*; do
  ls "$src"/*.tf >/dev/null 2>&1 || continue   # plan-*-alone folders get a copy below
  dir="$work/$(basename "$(dirname "$src")")-$(basename "$src")"
  mkdir -p "$dir"
  cp "$src"/*.tf "$dir/"
  (cd "$dir"
   terraform init -input=false -no-color >/dev/null
   terraform plan -refresh=false -input=false -no-color -out=p.bin >/dev/null
   terraform show -json p.bin > "$src/plan.json")
  echo "$src: $(wc -c < "$src/plan.json") bytes"
done
# A plan without its configuration: the same plan, read alone.
for alone in "$here"/*/plan-*-alone; do
  cp "${alone%-alone}/plan.json" "$alone/plan.json"
done
