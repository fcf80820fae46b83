resource "aws_cloudwatch_log_group" "own" {
  name              = "/aws/apigateway/${var.name}"
  retention_in_days = 14
}

resource "aws_api_gateway_stage" "this" {
  rest_api_id   = var.rest_api_id
  deployment_id = var.deployment_id
  stage_name    = var.name

  access_log_settings {
    destination_arn = var.log_group_arn
    format          = var.format
  }

  depends_on = [aws_cloudwatch_log_group.own]
}
