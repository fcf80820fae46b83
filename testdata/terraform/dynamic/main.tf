variable "logging_enabled" {
  type    = bool
  default = true
}

variable "disabled" {
  type    = bool
  default = false
}

variable "routes" {
  type = map(object({ throttle = number }))
  default = {
    "GET /a"  = { throttle = 10 }
    "POST /b" = { throttle = 20 }
  }
}

resource "aws_cloudwatch_log_group" "access" {
  name              = "/aws/apigateway/dynamic"
  retention_in_days = 90
}

resource "aws_apigatewayv2_api" "http" {
  name          = "dyn"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "on" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "on"

  dynamic "access_log_settings" {
    for_each = var.logging_enabled ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = "$context.requestId $context.routeKey"
    }
  }

  dynamic "route_settings" {
    for_each = var.routes
    iterator = route
    content {
      route_key              = route.key
      throttling_rate_limit  = route.value.throttle
      throttling_burst_limit = route.value.throttle * 2
    }
  }
}

resource "aws_apigatewayv2_stage" "off" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "off"

  dynamic "access_log_settings" {
    for_each = var.disabled ? [1] : []
    content {
      destination_arn = aws_cloudwatch_log_group.access.arn
      format          = "$context.requestId"
    }
  }
}

resource "aws_cloudwatch_log_group" "never" {
  count = var.disabled ? 1 : 0
  name  = "never"
}

resource "aws_cloudwatch_log_group" "nothing" {
  for_each = {}
  name     = each.key
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["apigateway.amazonaws.com"]
    }
  }
}

data "aws_iam_policy_document" "logs" {
  statement {
    sid    = "Logs"
    effect = "Allow"
    actions = [
      "logs:CreateLogGroup",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ]
    resources = ["*"]
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = ["123456789012"]
    }
  }
}

resource "aws_iam_role" "cloudwatch" {
  name               = "apigw-cloudwatch"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = aws_iam_role.cloudwatch.id
  policy = data.aws_iam_policy_document.logs.json
}
