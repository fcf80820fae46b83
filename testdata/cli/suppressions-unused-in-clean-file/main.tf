resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "orders" {
  name              = "/aws/vendedlogs/orders"
  retention_in_days = 30
}

# iaclint:ignore APIGW001 -- left over from before the stage logged
resource "aws_apigatewayv2_stage" "orders" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "$default"
  auto_deploy = true
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.orders.arn
    format          = "$context.requestId $context.status"
  }
}
