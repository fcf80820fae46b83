env         = "staging"
from_tfvars = "tfvars"
auto_wins   = "tfvars"
unset       = "given-in-tfvars"
