# WebSocket API stage logging to a Firehose stream and one logging to a log group.
resource "aws_apigatewayv2_api" "ws" {
  name                       = "ws-demo"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_cloudwatch_log_group" "ws" {
  name = "/aws/apigateway/ws-access"
}

resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "amazon-apigateway-ws-logs"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = "arn:aws:iam::123456789012:role/firehose"
    bucket_arn = "arn:aws:s3:::ws-logs"
  }
}

resource "aws_apigatewayv2_stage" "prod" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "prod"

  access_log_settings {
    destination_arn = aws_kinesis_firehose_delivery_stream.logs.arn
    format          = "$context.requestId $context.connectionId $context.eventType"
  }

  default_route_settings {
    logging_level          = "ERROR"
    data_trace_enabled     = false
    throttling_burst_limit = 100
    throttling_rate_limit  = 50
  }
}

resource "aws_apigatewayv2_stage" "dev" {
  api_id = aws_apigatewayv2_api.ws.id
  name   = "dev"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.ws.arn
    format          = "$context.requestId"
  }
}
