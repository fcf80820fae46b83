# Stages multiplied with count and for_each, and a resource with count = 0 (no instances).
variable "stages" {
  type    = map(string)
  default = { dev = "INFO", prod = "ERROR" }
}

resource "aws_apigatewayv2_api" "http" {
  name          = "multi"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "per_stage" {
  for_each = var.stages
  name     = "/aws/apigateway/multi-${each.key}"
}

resource "aws_apigatewayv2_stage" "by_name" {
  for_each = var.stages
  api_id   = aws_apigatewayv2_api.http.id
  name     = each.key

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.per_stage[each.key].arn
    format          = "$context.requestId"
  }
}

resource "aws_apigatewayv2_stage" "numbered" {
  count  = 2
  api_id = aws_apigatewayv2_api.http.id
  name   = "n${count.index}"
}

resource "aws_apigatewayv2_stage" "none" {
  count  = 0
  api_id = aws_apigatewayv2_api.http.id
  name   = "never"
}
