// APIGW008: REST and WebSocket stages turn on execution logging at ERROR or INFO.

import IaCLintCore

struct ExecutionLoggingRule: Rule {
    static let description = RuleDescription(
        id: "APIGW008", name: "execution-logging", severity: .note,
        summary: "REST and WebSocket stages set execution logging to ERROR or INFO for all methods or routes.",
        rationale: """
            Access logs say what happened; execution logs say why a request failed inside API Gateway \
            (authorizer errors, mapping template errors, integration timeouts). REST stages turn them on \
            with method settings for `*/*` (`aws_api_gateway_method_settings`, `MethodSettings`), \
            WebSocket stages with the default route settings. HTTP APIs do not support execution \
            logging, and AWS rejects the setting there, so it is never asked of them.
            """,
        fix: """
            Terraform (REST):

            ```hcl
            resource "aws_api_gateway_method_settings" "all" {
              rest_api_id = aws_api_gateway_rest_api.api.id
              stage_name  = aws_api_gateway_stage.prod.stage_name
              method_path = "*/*"
              settings {
                logging_level = "ERROR"
              }
            }
            ```

            Terraform (WebSocket): `default_route_settings { logging_level = "ERROR" }` on the \
            `aws_apigatewayv2_stage`.

            CloudFormation and SAM (REST):

            ```yaml
            MethodSettings:
              - HttpMethod: "*"
                ResourcePath: /*
                LoggingLevel: ERROR
            ```

            CloudFormation (WebSocket): `DefaultRouteSettings: { LoggingLevel: ERROR }`.
            """,
        tags: ["logging"], securitySeverity: 1.0,
        failing: [
            .terraform("""
                ↓resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                }
                """),
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
                          ↓LoggingLevel: "OFF"
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ↓Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                """),
        ],
        passing: [
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
                    logging_level = "INFO"
                  }
                }
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for stage in model.stages where stage.apiType.supportsExecutionLogging && !stage.executionLogging.incomplete {
            let levels = stage.executionLogging.levels.filter(\.appliesToAllMethods)
            var sawUnknown = false
            var off: ExecutionLogging.Level?
            var on = false
            for level in levels {
                for branch in ValueReading.branches(level.value) {
                    switch branch.value.stringValue?.uppercased() {
                    case "ERROR", "INFO": on = true
                    case "OFF": off = off ?? level
                    case nil: if case .absent = branch.value.kind {} else { sawUnknown = true }
                    default: break
                    }
                }
            }
            if on || sawUnknown { continue }
            let fix = fixText(stage)
            if let off {
                report.add("\(StageAccessLoggingRule.capitalized(stage.displayName)) turns execution logging off; set the logging level to ERROR (or INFO) \(fix).",
                           at: off.entry.range ?? stage.resource.range, resource: stage.resource)
            } else {
                report.add("\(StageAccessLoggingRule.capitalized(stage.displayName)) has no execution logging; set the logging level to ERROR (or INFO) \(fix).",
                           at: stage.resource.range, resource: stage.resource)
            }
        }
    }

    private func fixText(_ stage: Stage) -> String {
        switch stage.declaration {
        case .terraformStage, .terraformDeployment:
            return "with an aws_api_gateway_method_settings for method_path \"*/*\""
        case .terraformV2Stage:
            return "in default_route_settings"
        case .cloudFormationStage, .samApi:
            return "in MethodSettings for HttpMethod \"*\" and ResourcePath \"/*\""
        case .cloudFormationDeployment:
            return "in StageDescription (LoggingLevel)"
        case .cloudFormationV2Stage, .samHttpApi, .samWebSocketApi:
            return "in DefaultRouteSettings"
        }
    }
}
