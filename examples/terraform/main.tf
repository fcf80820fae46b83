# A small REST and HTTP API setup with three mistakes iaclint finds before `terraform apply` would.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = ">= 5.0" }
  }
}

provider "aws" {
  region = "eu-west-1"
}

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders"
}

resource "aws_api_gateway_deployment" "orders" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
}

# Mistake 1: the stage writes no access logs.
resource "aws_api_gateway_stage" "orders_prod" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  deployment_id = aws_api_gateway_deployment.orders.id
  stage_name    = "prod"
}

resource "aws_apigatewayv2_api" "payments" {
  name          = "payments"
  protocol_type = "HTTP"
}

resource "aws_cloudwatch_log_group" "payments" {
  # Mistake 2: no retention_in_days, so the logs are kept (and paid for) forever.
  name = "/aws/vendedlogs/payments"
}

resource "aws_apigatewayv2_stage" "payments" {
  api_id      = aws_apigatewayv2_api.payments.id
  name        = "$default"
  auto_deploy = true

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.payments.arn
    # Mistake 3: HTTP APIs reject unknown variables; the variable is sourceIp.
    format = jsonencode({
      requestId = "$context.requestId"
      ip        = "$context.identity.sourceIP"
      status    = "$context.status"
    })
  }
}

resource "aws_iam_role" "apigw_cloudwatch" {
  name = "api-gateway-cloudwatch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "apigateway.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "apigw_cloudwatch" {
  role       = aws_iam_role.apigw_cloudwatch.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
}

resource "aws_api_gateway_account" "this" {
  cloudwatch_role_arn = aws_iam_role.apigw_cloudwatch.arn
}
