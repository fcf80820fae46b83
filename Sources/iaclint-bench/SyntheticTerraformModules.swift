// The shared Terraform modules of a synthetic repository (terraform/modules/*), called by every service root.

enum SyntheticTerraformModules {
    static let providerConstraint = #"""
    terraform {
      required_version = ">= 1.5.0"
      required_providers {
        aws = {
          source  = "hashicorp/aws"
          version = ">= 5.0, < 6.0"
        }
      }
    }

    """#

    static let defaultRestFormat = SyntheticJSON.jsonencode([
        ("requestId", "$context.requestId"), ("ip", "$context.identity.sourceIp"),
        ("requestTime", "$context.requestTime"), ("httpMethod", "$context.httpMethod"),
        ("resourcePath", "$context.resourcePath"), ("status", "$context.status"),
        ("protocol", "$context.protocol"), ("responseLength", "$context.responseLength"),
    ])
    static let defaultHTTPFormat = SyntheticJSON.jsonencode([
        ("requestId", "$context.requestId"), ("ip", "$context.identity.sourceIp"),
        ("requestTime", "$context.requestTime"), ("httpMethod", "$context.httpMethod"),
        ("routeKey", "$context.routeKey"), ("status", "$context.status"),
        ("protocol", "$context.protocol"), ("responseLength", "$context.responseLength"),
    ])
    static let defaultWebSocketFormat = SyntheticJSON.jsonencode([
        ("requestId", "$context.requestId"), ("connectionId", "$context.connectionId"),
        ("eventType", "$context.eventType"), ("routeKey", "$context.routeKey"), ("status", "$context.status"),
    ])

    /// Every shared module as (path under terraform/, contents).
    static func files() -> [(String, String)] {
        [
            ("modules/access-logs/versions.tf", providerConstraint),
            ("modules/access-logs/main.tf", accessLogsMain),
            ("modules/rest-api/versions.tf", providerConstraint),
            ("modules/rest-api/variables.tf", restVariables),
            ("modules/rest-api/main.tf", restMain),
            ("modules/rest-api/outputs.tf", restOutputs),
            ("modules/http-api/versions.tf", providerConstraint),
            ("modules/http-api/main.tf", httpMain),
            ("modules/websocket-api/versions.tf", providerConstraint),
            ("modules/websocket-api/main.tf", webSocketMain),
            ("modules/apigw-account/versions.tf", providerConstraint),
            ("modules/apigw-account/main.tf", accountMain),
        ]
    }

    static let accessLogsMain = #"""
    # A CloudWatch log group for API Gateway access logs.
    variable "name" {
      type = string
    }

    variable "retention_in_days" {
      type    = number
      default = null
    }

    variable "kms_key_arn" {
      type    = string
      default = null
    }

    variable "tags" {
      type    = map(string)
      default = {}
    }

    resource "aws_cloudwatch_log_group" "this" {
      name              = var.name
      retention_in_days = var.retention_in_days
      kms_key_id        = var.kms_key_arn
      tags              = var.tags
    }

    output "arn" {
      value = aws_cloudwatch_log_group.this.arn
    }

    output "name" {
      value = aws_cloudwatch_log_group.this.name
    }

    """#

    static let restVariables = #"""
    variable "name" {
      type = string
    }

    variable "stage_name" {
      type    = string
      default = "prod"
    }

    variable "enable_access_logs" {
      type    = bool
      default = true
    }

    variable "log_group_arn" {
      type    = string
      default = ""
    }

    variable "log_format" {
      type    = string
      default = \#(SyntheticHCL.quote(defaultRestFormat))
    }

    variable "paths" {
      type    = list(string)
      default = ["items", "health"]
    }

    variable "logging_level" {
      type    = string
      default = "ERROR"
    }

    variable "tags" {
      type    = map(string)
      default = {}
    }

    """#

    static let restMain = #"""
    # A REST API with mock integrations, one stage with optional access logging, and method settings.
    resource "aws_api_gateway_rest_api" "this" {
      name = var.name
      endpoint_configuration {
        types = ["REGIONAL"]
      }
      tags = var.tags
    }

    resource "aws_api_gateway_resource" "path" {
      for_each    = toset(var.paths)
      rest_api_id = aws_api_gateway_rest_api.this.id
      parent_id   = aws_api_gateway_rest_api.this.root_resource_id
      path_part   = each.value
    }

    resource "aws_api_gateway_method" "get" {
      for_each      = aws_api_gateway_resource.path
      rest_api_id   = aws_api_gateway_rest_api.this.id
      resource_id   = each.value.id
      http_method   = "GET"
      authorization = "NONE"
    }

    resource "aws_api_gateway_integration" "mock" {
      for_each    = aws_api_gateway_method.get
      rest_api_id = aws_api_gateway_rest_api.this.id
      resource_id = each.value.resource_id
      http_method = each.value.http_method
      type        = "MOCK"
      request_templates = {
        "application/json" = jsonencode({ statusCode = 200 })
      }
    }

    resource "aws_api_gateway_deployment" "this" {
      rest_api_id = aws_api_gateway_rest_api.this.id
      triggers = {
        redeployment = sha1(jsonencode([aws_api_gateway_resource.path, aws_api_gateway_method.get, aws_api_gateway_integration.mock]))
      }
      lifecycle {
        create_before_destroy = true
      }
    }

    resource "aws_api_gateway_stage" "this" {
      rest_api_id          = aws_api_gateway_rest_api.this.id
      deployment_id        = aws_api_gateway_deployment.this.id
      stage_name           = var.stage_name
      xray_tracing_enabled = true

      dynamic "access_log_settings" {
        for_each = var.enable_access_logs ? [1] : []
        content {
          destination_arn = var.log_group_arn
          format          = var.log_format
        }
      }

      tags = var.tags
    }

    resource "aws_api_gateway_method_settings" "all" {
      rest_api_id = aws_api_gateway_rest_api.this.id
      stage_name  = aws_api_gateway_stage.this.stage_name
      method_path = "*/*"

      settings {
        metrics_enabled = true
        logging_level   = var.logging_level
      }
    }

    """#

    static let restOutputs = #"""
    output "rest_api_id" {
      value = aws_api_gateway_rest_api.this.id
    }

    output "stage_arn" {
      value = aws_api_gateway_stage.this.arn
    }

    output "invoke_url" {
      value = aws_api_gateway_stage.this.invoke_url
    }

    """#

    static let httpMain = #"""
    # An HTTP API proxying to a backend URL, with a $default stage that writes access logs.
    variable "name" {
      type = string
    }

    variable "backend_url" {
      type    = string
      default = "https://example.com"
    }

    variable "routes" {
      type    = list(string)
      default = ["GET /items", "POST /items"]
    }

    variable "log_group_arn" {
      type = string
    }

    variable "log_format" {
      type    = string
      default = \#(SyntheticHCL.quote(defaultHTTPFormat))
    }

    variable "tags" {
      type    = map(string)
      default = {}
    }

    resource "aws_apigatewayv2_api" "this" {
      name          = var.name
      protocol_type = "HTTP"
      tags          = var.tags
    }

    resource "aws_apigatewayv2_integration" "backend" {
      api_id             = aws_apigatewayv2_api.this.id
      integration_type   = "HTTP_PROXY"
      integration_method = "ANY"
      integration_uri    = var.backend_url
    }

    resource "aws_apigatewayv2_route" "route" {
      for_each  = toset(var.routes)
      api_id    = aws_apigatewayv2_api.this.id
      route_key = each.value
      target    = "integrations/${aws_apigatewayv2_integration.backend.id}"
    }

    resource "aws_apigatewayv2_stage" "default" {
      api_id      = aws_apigatewayv2_api.this.id
      name        = "$default"
      auto_deploy = true

      access_log_settings {
        destination_arn = var.log_group_arn
        format          = var.log_format
      }

      default_route_settings {
        detailed_metrics_enabled = true
        throttling_burst_limit   = 500
        throttling_rate_limit    = 1000
      }

      tags = var.tags
    }

    output "api_id" {
      value = aws_apigatewayv2_api.this.id
    }

    output "api_endpoint" {
      value = aws_apigatewayv2_api.this.api_endpoint
    }

    """#

    static let webSocketMain = #"""
    # A WebSocket API with connect/disconnect/default routes and one stage per entry of var.stages.
    variable "name" {
      type = string
    }

    variable "stages" {
      type    = map(string)
      default = { live = "INFO" }
    }

    variable "log_group_arn" {
      type    = string
      default = null
    }

    variable "log_format" {
      type    = string
      default = \#(SyntheticHCL.quote(defaultWebSocketFormat))
    }

    variable "tags" {
      type    = map(string)
      default = {}
    }

    resource "aws_apigatewayv2_api" "this" {
      name                       = var.name
      protocol_type              = "WEBSOCKET"
      route_selection_expression = "$request.body.action"
      tags                       = var.tags
    }

    resource "aws_apigatewayv2_integration" "mock" {
      api_id           = aws_apigatewayv2_api.this.id
      integration_type = "MOCK"
    }

    resource "aws_apigatewayv2_route" "route" {
      for_each  = toset(["$connect", "$disconnect", "$default"])
      api_id    = aws_apigatewayv2_api.this.id
      route_key = each.value
      target    = "integrations/${aws_apigatewayv2_integration.mock.id}"
    }

    resource "aws_apigatewayv2_stage" "stage" {
      for_each = var.stages
      api_id   = aws_apigatewayv2_api.this.id
      name     = each.key

      dynamic "access_log_settings" {
        for_each = var.log_group_arn == null ? [] : [var.log_group_arn]
        content {
          destination_arn = access_log_settings.value
          format          = var.log_format
        }
      }

      default_route_settings {
        logging_level          = each.value
        data_trace_enabled     = false
        throttling_burst_limit = 100
        throttling_rate_limit  = 50
      }

      tags = var.tags
    }

    output "api_id" {
      value = aws_apigatewayv2_api.this.id
    }

    """#

    static let accountMain = #"""
    # The region-wide API Gateway account setting with the role that lets API Gateway write to CloudWatch Logs.
    variable "role_name" {
      type    = string
      default = "api-gateway-cloudwatch"
    }

    data "aws_iam_policy_document" "assume" {
      statement {
        effect  = "Allow"
        actions = ["sts:AssumeRole"]
        principals {
          type        = "Service"
          identifiers = ["apigateway.amazonaws.com"]
        }
      }
    }

    resource "aws_iam_role" "cloudwatch" {
      name               = var.role_name
      assume_role_policy = data.aws_iam_policy_document.assume.json
    }

    resource "aws_iam_role_policy_attachment" "cloudwatch" {
      role       = aws_iam_role.cloudwatch.name
      policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"
    }

    resource "aws_api_gateway_account" "this" {
      cloudwatch_role_arn = aws_iam_role.cloudwatch.arn
      depends_on          = [aws_iam_role_policy_attachment.cloudwatch]
    }

    output "role_arn" {
      value = aws_iam_role.cloudwatch.arn
    }

    """#
}
