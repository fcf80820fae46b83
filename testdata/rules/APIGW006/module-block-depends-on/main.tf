# The module block's depends_on orders every resource inside it after the account setting:
# the stage in module.waits needs nothing more; the one in module.races is not ordered.
resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-cloudwatch"
}

module "waits" {
  source     = "./modules/api"
  name       = "waits"
  depends_on = [aws_api_gateway_account.this]
}

module "races" {
  source = "./modules/api"
  name   = "races"
}
