#!/bin/sh
# Regenerates testdata/terraform/<case>/plan.json with a real, offline `terraform plan`.
# Needs terraform (1.11.4 was used) and the hashicorp/aws 5.100.0 provider in a filesystem
# mirror (set MIRROR, default /opt/tf-plugins, the directory above registry.terraform.io).
# Dummy credentials are in each case's providers.tf; no AWS API is called. The timestamp is
# dropped so the files only change when the plans do.
set -eu
cd "$(dirname "$0")"
MIRROR=${MIRROR:-/opt/tf-plugins}
CLI=$(mktemp)
cat > "$CLI" <<CONF
provider_installation {
  filesystem_mirror {
    path    = "$MIRROR"
    include = ["registry.terraform.io/*/*"]
  }
  direct { exclude = ["registry.terraform.io/*/*"] }
}
CONF
for case in modules dynamic jsonsyntax override functions; do
  (
    cd "$case"
    export TF_CLI_CONFIG_FILE="$CLI" AWS_EC2_METADATA_DISABLED=true
    terraform init -input=false >/dev/null
    terraform plan -refresh=false -input=false -out=plan.bin >/dev/null
    terraform show -json plan.bin | python3 -c 'import json,sys; p=json.load(sys.stdin); p.pop("timestamp",None); json.dump(p, open("plan.json","w"), indent=1, sort_keys=True)'
    rm -rf plan.bin .terraform .terraform.lock.hcl
  )
  echo "$case: plan.json regenerated"
done
rm -f "$CLI"
