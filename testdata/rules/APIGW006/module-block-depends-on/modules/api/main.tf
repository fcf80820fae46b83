variable "name" {
  type = string
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = "abc123"
  deployment_id = "d1"
  stage_name    = var.name
  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
    format          = "$context.requestId"
  }
}
