# Lines added above the old stage: the baseline still matches it (fingerprints have no line numbers).
# A second comment line.

resource "aws_apigatewayv2_api" "orders" {
  name          = "orders"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "orders" {
  api_id = aws_apigatewayv2_api.orders.id
  name   = "$default"
}

# New since the baseline: reported and failing.
resource "aws_apigatewayv2_stage" "orders_v2" {
  api_id = aws_apigatewayv2_api.orders.id
  name   = "v2"
}
