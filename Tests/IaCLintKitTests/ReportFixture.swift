// A fixed report exercising every reporter feature: several files, severities, related locations,
// input errors, suppressions, a baseline entry and characters that need escaping.

import IaCLintCore
import IaCLintKit
import IaCLintRules

enum ReportFixture {
    static let mainTF = """
    resource "aws_api_gateway_stage" "this" {
      stage_name    = "prod"
      rest_api_id   = aws_api_gateway_rest_api.api.id
    \tdeployment_id = aws_api_gateway_deployment.d.id
    }

    """

    static let template = """
    Resources:
      Stage:
        Type: AWS::ApiGateway::Stage
        Properties:
          AccessLogSetting:
            Format: "$context.requestId"

    """

    static let rules: [RuleDescription] = [
        RuleDescription(id: "APIGW001", name: "stage-access-logging", severity: .error,
                        summary: "API Gateway stages must have access logging configured",
                        rationale: "Without access logs there is no record of who called the API.",
                        fix: "Add `access_log_settings` pointing at a CloudWatch log group.",
                        tags: ["security", "logging"], securitySeverity: 7.5),
        RuleDescription(id: "APIGW007", name: "access-log-format-request-id", severity: .warning,
                        summary: "Access log formats should include $context.requestId",
                        rationale: "The request id ties an access log line to execution logs.",
                        fix: "Add `$context.requestId` to the format.",
                        tags: ["logging"], securitySeverity: 3.1),
        RuleDescription(id: "IAC001", name: "parse-error", severity: .error,
                        summary: "Input files must be readable and well-formed",
                        rationale: "A file that cannot be parsed is not checked.", fix: "Fix the syntax error.",
                        tags: ["correctness"], securitySeverity: 0),
    ]

    static func range(_ file: String, _ l1: Int, _ c1: Int, _ o1: Int, _ l2: Int, _ c2: Int, _ o2: Int) -> SourceRange {
        SourceRange(file: file, start: SourcePosition(line: l1, column: c1, offset: o1), end: SourcePosition(line: l2, column: c2, offset: o2))
    }

    static var findings: [Finding] {
        [
            Finding(ruleID: "APIGW001", ruleName: "stage-access-logging", severity: .error,
                    message: "stage \"prod\" has no access_log_settings; add one that points at a log group",
                    range: range("infra/main.tf", 1, 1, 0, 1, 40, 39), resource: "module.api.aws_api_gateway_stage.this",
                    related: [RelatedLocation("the module is called here", at: range("main.tf", 3, 3, 40, 3, 9, 46))]),
            Finding(ruleID: "APIGW007", ruleName: "access-log-format-request-id", severity: .warning,
                    message: "format lacks $context.requestId: 100% of lines, a,b: x\nsecond line <&> | pipe",
                    range: range("odd, dir/template.yaml", 6, 17, 120, 6, 37, 140), resource: "Stage"),
            Finding(ruleID: "APIGW001", ruleName: "stage-access-logging", severity: .note,
                    message: "deployment_id is set from a variable",
                    range: range("infra/main.tf", 4, 2, 130, 4, 15, 143), resource: "aws_api_gateway_stage.other"),
            Finding(ruleID: "IAC001", ruleName: "parse-error", severity: .error,
                    message: "unterminated string", range: range("broken.tf", 2, 5, 20, 2, 5, 20), resource: nil),
        ].sorted()
    }

    static var suppressed: [SuppressedFinding] {
        [
            SuppressedFinding(Finding(ruleID: "APIGW007", ruleName: "access-log-format-request-id", severity: .warning,
                                      message: "format lacks $context.requestId", range: range("infra/main.tf", 2, 3, 42, 2, 13, 52),
                                      resource: "aws_api_gateway_stage.legacy"), kind: .inline, reason: "legacy stage, removed in Q3"),
            SuppressedFinding(Finding(ruleID: "APIGW001", ruleName: "stage-access-logging", severity: .error,
                                      message: "stage \"old\" has no access_log_settings", range: range("infra/main.tf", 1, 1, 0, 1, 5, 4),
                                      resource: "aws_api_gateway_stage.old"), kind: .baseline, reason: "baseline.json"),
        ]
    }

    static func report(showSuppressed: Bool = false) -> Report {
        Report(tool: ToolInfo(version: "0.1.0"), findings: findings, suppressed: suppressed, showSuppressed: showSuppressed,
               rules: rules,
               sources: ["infra/main.tf": SourceFile(path: "infra/main.tf", text: mainTF),
                         "odd, dir/template.yaml": SourceFile(path: "odd, dir/template.yaml", text: template)],
               filesChecked: 3, workingDirectory: "/repo", repositoryRoot: "/repo")
    }

    static func emptyReport() -> Report {
        Report(tool: ToolInfo(version: "0.1.0"), findings: [], rules: rules, filesChecked: 2, workingDirectory: "/repo", repositoryRoot: "/repo")
    }
}
