// APIGW009: full request and response logging writes secrets into the execution logs.

import IaCLintCore

struct DataTraceLoggingRule: Rule {
    static let description = RuleDescription(
        id: "APIGW009", name: "data-trace-logging", severity: .warning,
        summary: "Stages do not turn on data trace logging (full requests and responses in the execution logs).",
        rationale: """
            `data_trace_enabled` / `DataTraceEnabled` logs full request and response bodies and headers \
            into CloudWatch Logs: authorization tokens, API keys, passwords and personal data included. \
            AWS recommends it for troubleshooting only, never for production stages.
            """,
        fix: """
            Remove `data_trace_enabled = true` (Terraform method settings or route settings) or \
            `DataTraceEnabled: true` (CloudFormation and SAM `MethodSettings`, `StageDescription`, \
            `DefaultRouteSettings`), or set it to false. Use execution logging at `ERROR` and access logs instead.
            """,
        tags: ["security", "logging"], securitySeverity: 6.0,
        failing: [
            .terraform("""
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                }
                resource "aws_api_gateway_method_settings" "all" {
                  rest_api_id = "abc123"
                  stage_name  = aws_api_gateway_stage.prod.stage_name
                  method_path = "*/*"
                  settings {
                    logging_level      = "INFO"
                    ↓data_trace_enabled = true
                  }
                }
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      MethodSettings:
                        - HttpMethod: "*"
                          ResourcePath: /*
                          LoggingLevel: INFO
                          ↓DataTraceEnabled: true
                """),
        ],
        passing: [
            .cloudFormation("""
                Resources:
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      MethodSettings:
                        - HttpMethod: "*"
                          ResourcePath: /*
                          LoggingLevel: ERROR
                          DataTraceEnabled: false
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for stage in model.stages where stage.apiType != .http {
            for (index, entry) in stage.executionLogging.dataTrace.enumerated() {
                guard let branch = ValueReading.branches(entry.value).first(where: { ValueReading.knownBool($0.value) == true }) else { continue }
                let when = branch.conditions.isEmpty ? "" : " when \(Phrase.conditionText(branch.conditions))"
                report.add("\(StageAccessLoggingRule.capitalized(stage.displayName)) logs full requests and responses (data trace)\(when), secrets included; turn data tracing off and rely on access logs and ERROR-level execution logs.",
                           at: entry.range ?? stage.resource.range, resource: stage.resource,
                           discriminator: "\(index)")
            }
        }
    }
}
