resource "aws_apigatewayv2_stage" "broken" {
  name = "unterminated
}
