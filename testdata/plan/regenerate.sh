#!/bin/bash
# Regenerates plan.json (and state.json) for each case with terraform and the AWS provider offline:
# dummy credentials, provider skip_* settings, `plan -refresh=false`, no AWS API calls.
#   usage: testdata/plan/regenerate.sh [CASE...]   (needs terraform 1.11.4 and a provider mirror)
# Each case is copied to a temporary directory so .terraform/ and lock files stay out of the repo.
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
cases=("$@")
[ ${#cases[@]} -eq 0 ] && cases=(rest http websocket modules count_foreach dynamic_unknown delete_state)
for c in "${cases[@]}"; do
  src="$here/$c"
  dir="$work/$c"
  mkdir -p "$dir"
  cp -r "$src/." "$dir/"
  rm -f "$dir/plan.json" "$dir/state.json"
  (cd "$dir"
   terraform init -input=false -no-color >/dev/null
   terraform plan -refresh=false -input=false -no-color -out=p.bin >/dev/null
   terraform show -json p.bin > "$src/plan.json"
   if [ -f terraform.tfstate ]; then terraform show -json terraform.tfstate > "$src/state.json"; fi)
  echo "$c: $(wc -c < "$src/plan.json") bytes"
done
