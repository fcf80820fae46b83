resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/original"
  retention_in_days = 1
  tags = {
    from = "main"
  }
}

resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "ws" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "ws"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.access.arn
    format          = "original"
  }
}

locals {
  keep    = "kept"
  replace = "from-main"
}

output "locals" {
  value = "${local.keep}/${local.replace}"
}
