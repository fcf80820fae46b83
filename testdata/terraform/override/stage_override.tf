resource "aws_apigatewayv2_stage" "ws" {
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "$context.connectionId $context.eventType"
  }
}
