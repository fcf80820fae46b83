# Plan against an existing state: the "old" stage was removed from the configuration (delete),
# the log group is unchanged (no-op) and the "new" stage is created.
resource "aws_cloudwatch_log_group" "kept" {
  name = "/aws/apigateway/kept"
}

resource "aws_apigatewayv2_stage" "new" {
  api_id = "abc123"
  name   = "new"

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.kept.arn
    format          = "$context.requestId"
  }
}
