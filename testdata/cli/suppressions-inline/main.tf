resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

# iaclint:ignore APIGW001 -- internal test stage, deleted after the migration
resource "aws_apigatewayv2_stage" "orders" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "test"
  auto_deploy = true
}

// iaclint:ignore APIGW001
resource "aws_apigatewayv2_stage" "orders_no_reason" {
  api_id      = aws_apigatewayv2_api.orders.id
  name        = "qa"
  auto_deploy = true
}

# iaclint:ignore APIGW009 -- nothing here logs data traces
resource "aws_cloudwatch_log_group" "unrelated" {
  name              = "/aws/vendedlogs/unrelated"
  retention_in_days = 7
}
