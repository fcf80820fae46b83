# Excluded in .iaclint.yml: this stage without access logs is not reported.
resource "aws_apigatewayv2_api" "old" {
  name          = "old"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "old" {
  api_id = aws_apigatewayv2_api.old.id
  name   = "$default"
}
