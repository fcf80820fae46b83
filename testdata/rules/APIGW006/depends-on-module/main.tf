module "account" {
  source = "./modules/account"
}

resource "aws_api_gateway_stage" "waits" {
  rest_api_id   = "abc123"
  deployment_id = "d1"
  stage_name    = "waits"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
    format          = "$context.requestId"
  }
  depends_on = [module.account]
}

resource "aws_api_gateway_stage" "races" {
  rest_api_id   = "abc123"
  deployment_id = "d1"
  stage_name    = "races"
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
    format          = "$context.requestId"
  }
}
