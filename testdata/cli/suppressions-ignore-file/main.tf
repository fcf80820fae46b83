# iaclint:ignore-file APIGW001 -- this module is a throwaway sandbox
resource "aws_apigatewayv2_api" "sandbox" {
  name          = "sandbox"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "sandbox" {
  api_id = aws_apigatewayv2_api.sandbox.id
  name   = "$default"
}
