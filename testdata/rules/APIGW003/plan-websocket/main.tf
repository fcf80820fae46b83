resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/vendedlogs/ws-access"
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws-demo"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = jsonencode({ requestId = "$context.requestId", method = "$context.httpMethod" })
  }
  default_route_settings {
    logging_level          = "ERROR"
    throttling_burst_limit = 10
    throttling_rate_limit  = 10
  }
}
