// APIGW004: REST and WebSocket stages that log to CloudWatch need the account's CloudWatch role.

import IaCLintCore

struct AccountCloudWatchRoleRule: Rule {
    static let description = RuleDescription(
        id: "APIGW004", name: "account-cloudwatch-role", severity: .error,
        summary: "REST and WebSocket stages that log to CloudWatch Logs need the account's CloudWatch role set in the scanned configuration.",
        rationale: """
            REST and WebSocket APIs write access logs and execution logs to CloudWatch Logs through one \
            IAM role per account and region, set in the API Gateway account settings. Without it, \
            creating or updating the stage fails with "CloudWatch Logs role ARN must be set in account \
            settings to enable logging" (BadRequestException). HTTP APIs do not use this role, and REST \
            stages that send access logs to Firehose only do not need it. When the role is set outside \
            this repository (another stack, a landing zone), say so with `account-role: external` in \
            `.iaclint.yml`.
            """,
        fix: """
            Terraform:

            ```hcl
            resource "aws_api_gateway_account" "this" {
              cloudwatch_role_arn = aws_iam_role.apigateway_cloudwatch.arn
            }
            ```

            CloudFormation and SAM:

            ```yaml
            ApiGatewayAccount:
              Type: AWS::ApiGateway::Account
              Properties:
                CloudWatchRoleArn: !GetAtt ApiGatewayCloudWatchRole.Arn
            ```

            The role must trust `apigateway.amazonaws.com` and carry \
            `arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs` (see APIGW005). \
            If the account setting is managed elsewhere, add `account-role: external` to `.iaclint.yml`.
            """,
        tags: ["logging", "reliability"], securitySeverity: 4.0,
        failing: [
            .terraform("""
                ↓resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
                    format          = "$context.requestId"
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  Account:
                    Type: AWS::ApiGateway::Account
                  ↓Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      MethodSettings:
                        - HttpMethod: "*"
                          ResourcePath: /*
                          LoggingLevel: ERROR
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ↓Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      OpenApiVersion: "3.0"
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        Format: $context.requestId
                """),
        ],
        passing: [
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      AccessLogSettings:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/access
                        Format: $context.requestId
                """),
            .terraform("""
                resource "aws_apigatewayv2_api" "http" {
                  name          = "http"
                  protocol_type = "HTTP"
                }
                resource "aws_apigatewayv2_stage" "s" {
                  api_id = aws_apigatewayv2_api.http.id
                  name   = "$default"
                  access_log_settings {
                    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
                    format          = "$context.requestId"
                  }
                }
                """),
            .terraform("""
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-access"
                    format          = "$context.requestId"
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: arn:aws:iam::123456789012:role/apigw-cloudwatch
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    DependsOn: Account
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        Format: $context.requestId
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        if report.options.accountRoleExternal { return }
        if model.accountSettings.contains(where: \.setsRole) { return }
        let withoutRole = model.accountSettings.first
        for stage in model.stages where stage.apiType.needsAccountRole && model.logsToCloudWatch(stage) {
            let existing = withoutRole.map { " (\($0.resource.address) does not set \($0.roleKey))" } ?? ""
            let fix = Phrase.isTerraform(stage.resource)
                ? "add an aws_api_gateway_account with cloudwatch_role_arn"
                : "add an AWS::ApiGateway::Account with CloudWatchRoleArn"
            report.add("\(StageAccessLoggingRule.capitalized(stage.displayName)) logs to CloudWatch Logs, but no account setting in the scanned configuration sets the API Gateway CloudWatch role\(existing), so deployment fails with \"CloudWatch Logs role ARN must be set in account settings to enable logging\"; \(fix), or set account-role: external in .iaclint.yml if it is set elsewhere.",
                       at: stage.resource.range, resource: stage.resource,
                       related: withoutRole.flatMap { a in a.resource.range.map { [RelatedLocation("account setting without a role", at: $0)] } } ?? [])
        }
    }
}
