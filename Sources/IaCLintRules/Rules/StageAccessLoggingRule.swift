// APIGW001: every stage has access logging with both a destination and a format.

import IaCLintCore

struct StageAccessLoggingRule: Rule {
    static let description = RuleDescription(
        id: "APIGW001", name: "stage-access-logging", severity: .error,
        summary: "Every API Gateway stage has access logging with both a destination and a format.",
        rationale: """
            Access logs are the only record of who called an API, from where, and with what result. \
            Execution logs and metrics do not replace them. A stage without `access_log_settings` \
            (`AccessLogSetting` for REST, `AccessLogSettings` for HTTP and WebSocket) writes nothing, and \
            API Gateway only enables access logging when both a destination ARN and a format are set. \
            A stage created by `aws_api_gateway_deployment.stage_name` cannot carry access logs at all, \
            and SAM adds a second stage named `Stage` (without the API's access-log settings) unless \
            `OpenApiVersion` is set. Settings that exist only under a condition are reported with the \
            condition's name; settings whose value is unknown before deployment are not reported.
            """,
        fix: """
            Terraform:

            ```hcl
            resource "aws_api_gateway_stage" "prod" {
              rest_api_id   = aws_api_gateway_rest_api.api.id
              deployment_id = aws_api_gateway_deployment.api.id
              stage_name    = "prod"
              access_log_settings {
                destination_arn = aws_cloudwatch_log_group.access.arn
                format          = jsonencode({ requestId = "$context.requestId", status = "$context.status" })
              }
            }
            ```

            Do not create stages with `aws_api_gateway_deployment.stage_name`; declare an \
            `aws_api_gateway_stage` instead (`aws_apigatewayv2_stage` takes the same block).

            CloudFormation:

            ```yaml
            Stage:
              Type: AWS::ApiGateway::Stage
              Properties:
                RestApiId: !Ref Api
                DeploymentId: !Ref Deployment
                StageName: prod
                AccessLogSetting:            # AccessLogSettings on AWS::ApiGatewayV2::Stage
                  DestinationArn: !GetAtt AccessLogs.Arn
                  Format: '{"requestId":"$context.requestId","status":"$context.status"}'
            ```

            SAM (also works for the implicit API through `Globals`):

            ```yaml
            Globals:
              Api:
                OpenApiVersion: "3.0"        # removes the extra stage named "Stage"
                AccessLogSetting:
                  DestinationArn: !GetAtt AccessLogs.Arn
                  Format: '{"requestId":"$context.requestId","status":"$context.status"}'
            ```
            """,
        tags: ["security", "logging"], securitySeverity: 5.0,
        failing: [
            .terraform("""
                ↓resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                }
                """),
            .terraform("""
                resource "aws_api_gateway_deployment" "d" {
                  rest_api_id = "abc123"
                  ↓stage_name  = "prod"
                }
                """),
            .cloudFormation("""
                Resources:
                  ↓Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: abc123
                      StageName: prod
                """),
            .cloudFormation("""
                Conditions:
                  IsProd: !Equals [!Ref "AWS::StackName", prod]
                Resources:
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      ↓AccessLogSetting: !If
                        - IsProd
                        - DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                          Format: $context.requestId
                        - !Ref AWS::NoValue
                """),
            .cloudFormation("""
                Resources:
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      ↓AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ↓Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      OpenApiVersion: "3.0"
                """),
            RuleExample(.cloudFormationJSON, files: ["template.json": """
                {
                  "Resources": {
                    ↓"Deployment": {
                      "Type": "AWS::ApiGateway::Deployment",
                      "Properties": {"RestApiId": "abc123", "StageName": "prod"}
                    }
                  }
                }
                """]),
            RuleExample(.terraformJSON, files: ["main.tf.json": """
                {
                  ↓"resource": {
                    "aws_apigatewayv2_stage": {
                      "default": {"api_id": "abc123", "name": "$default"}
                    }
                  }
                }
                """]),
        ],
        passing: [
            .terraform("""
                resource "aws_cloudwatch_log_group" "access" {
                  name              = "/aws/apigateway/access"
                  retention_in_days = 30
                }
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = aws_cloudwatch_log_group.access.arn
                    format          = "$context.requestId $context.status"
                  }
                }
                """),
            .terraform("""
                variable "settings" {}
                resource "aws_apigatewayv2_stage" "s" {
                  api_id = "abc123"
                  name   = "$default"
                  dynamic "access_log_settings" {
                    for_each = var.settings
                    content {
                      destination_arn = access_log_settings.value.arn
                      format          = access_log_settings.value.format
                    }
                  }
                }
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Globals:
                  Api:
                    OpenApiVersion: "3.0"
                    AccessLogSetting:
                      DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                      Format: $context.requestId
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for stage in model.stages {
            let key = stage.declaration.accessLogKey
            let header = stage.resource.range
            if !stage.declaration.canCarryAccessLogs {
                let entry = stage.resource.attributes.entry("stage_name")
                report.add("\(stage.resource.address) creates the stage \"\(stage.name ?? "?")\" through stage_name, which cannot carry access logs; remove stage_name and declare an aws_api_gateway_stage with access_log_settings.",
                           at: entry?.range ?? header, resource: stage.resource)
                continue
            }
            switch stage.accessLog {
            case .unknown:
                continue
            case .absent:
                let fix = stage.declaration.isTerraform
                    ? "add an \(key) block with destination_arn and format"
                    : "add \(key) with DestinationArn and Format"
                report.add("\(Self.capitalized(stage.displayName)) has no access logging; \(fix).",
                           at: header, resource: stage.resource)
                continue
            case .conditional(let condition, _):
                report.add("\(Self.capitalized(stage.displayName)) has access logging only when the condition \(condition) holds; set \(key) unconditionally.",
                           at: stage.accessLogEntry?.range ?? header, resource: stage.resource, discriminator: "condition")
            case .present:
                break
            }
            checkParts(stage, &report)
            checkSAMExtraStage(stage, &report)
        }
    }

    /// Both parts must be present; a part removed under a condition is reported with it.
    private func checkParts(_ stage: Stage, _ report: inout FindingCollector) {
        // The two parts one after the other rather than from an array of pairs, and an unconditional
        // value read as it is rather than as a list of one branch: three arrays a stage fewer.
        checkPart(stage.declaration.destinationKey, stage.destinationEntry, of: stage, &report)
        checkPart(stage.declaration.formatKey, stage.formatEntry, of: stage, &report)
    }

    private func checkPart(_ part: String, _ entry: ObjectEntry?, of stage: Stage, _ report: inout FindingCollector) {
        let key = stage.declaration.accessLogKey
        let at = stage.accessLogEntry?.range ?? stage.resource.range
        guard let entry, !entry.value.isNull else {
            report.add("\(Self.capitalized(stage.displayName)) sets \(key) without \(part); API Gateway needs both a destination and a format, so add \(part).",
                       at: at, resource: stage.resource, discriminator: part)
            return
        }
        let missing: ValueBranch?
        switch entry.value.kind {
        case .conditional:
            missing = ValueReading.branches(entry.value).first {
                if case .absent = $0.value.kind { return true }
                return $0.value.isNull
            }
        case .absent:
            missing = ValueBranch(conditions: [], value: entry.value)
        default:
            // Not null (above) and not absent: its only branch is present.
            missing = nil
        }
        if let branch = missing {
            report.add("\(Self.capitalized(stage.displayName)) has no \(part) when \(Phrase.conditionText(branch.conditions)); set \(part) in every case.",
                       at: entry.range ?? at, resource: stage.resource, discriminator: part)
        }
    }

    /// Without `OpenApiVersion`, SAM also deploys a stage named "Stage" that has no access logs.
    private func checkSAMExtraStage(_ stage: Stage, _ report: inout FindingCollector) {
        guard stage.declaration == .samApi, ValueReading.isMissing(stage.resource["OpenApiVersion"]) else { return }
        report.add("SAM also deploys a stage named \"Stage\" for \(stage.resource.address), without its access-log settings; set OpenApiVersion (for example \"3.0\") on the API or in Globals.Api to remove that stage.",
                   at: stage.resource.range, resource: stage.resource, discriminator: "extra-stage")
    }

    static func capitalized(_ text: String) -> String {
        guard let first = text.first, first.isLowercase, text.hasPrefix("the ") else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
