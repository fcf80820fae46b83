variable "access_logs_enabled" {
  default = false
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/access"
  retention_in_days = 30
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "abc123"
  deployment_id = "d1"
  stage_name    = "prod"

  dynamic "access_log_settings" {
    for_each = var.access_logs_enabled ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = jsonencode({ requestId = "$context.requestId" })
    }
  }
}
