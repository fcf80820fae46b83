resource "aws_cloudwatch_log_group" "access" {
  retention_in_days = 30
}

locals {
  replace = "from-override"
}
