variable "api_id" { type = string }
variable "destination" { type = string }

resource "aws_apigatewayv2_stage" "this" {
  api_id      = var.api_id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = var.destination
    format          = "$context.requestId"
  }
}
