# dynamic blocks: one whose for_each is known (rendered in the plan), one whose for_each is known
# only after apply (the whole block is unknown), and values known only after apply.
resource "aws_cloudwatch_log_group" "access" {
  name = "/aws/apigateway/dynamic-access"
}

resource "aws_apigatewayv2_api" "http" {
  name          = "dyn"
  protocol_type = "HTTP"
}

locals {
  log_settings = [{ format = "$context.requestId $context.status" }]
}

resource "aws_apigatewayv2_stage" "known" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "known"

  dynamic "access_log_settings" {
    for_each = local.log_settings
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = access_log_settings.value.format
    }
  }
}

resource "aws_apigatewayv2_stage" "unknown" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "unknown"

  dynamic "access_log_settings" {
    for_each = aws_cloudwatch_log_group.access.arn == "" ? [] : [1]
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = "$context.requestId"
    }
  }
}
