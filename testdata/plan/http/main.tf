# HTTP API stages: the $default stage logs to a literal log group ARN; "beta" has no access logs.
resource "aws_apigatewayv2_api" "http" {
  name          = "http-demo"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:http-access"
    format          = "$context.requestId $context.status"
  }

  default_route_settings {
    detailed_metrics_enabled = true
    throttling_burst_limit   = 10
    throttling_rate_limit    = 5
  }
}

resource "aws_apigatewayv2_stage" "beta" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "beta"
}
