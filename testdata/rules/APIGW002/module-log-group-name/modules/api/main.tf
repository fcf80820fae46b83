variable "log_group_arn" {}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = "abc123"
  deployment_id = "d1"
  stage_name    = "prod"
  access_log_settings {
    destination_arn = var.log_group_arn
    format          = "$context.requestId"
  }
}
