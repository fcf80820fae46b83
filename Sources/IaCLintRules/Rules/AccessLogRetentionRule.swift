// APIGW007: the access-log group keeps logs for a bounded time.

import IaCLintCore

struct AccessLogRetentionRule: Rule {
    static let description = RuleDescription(
        id: "APIGW007", name: "access-log-retention", severity: .warning,
        summary: "The log group that receives access logs sets a retention period.",
        rationale: """
            A CloudWatch Logs group without a retention period keeps access logs forever: storage \
            cost grows without bound, and personal data in the logs (client IPs, user agents, \
            principals) is kept longer than any policy allows. Set `retention_in_days` \
            (`RetentionInDays`) on the group the stage logs to. Terraform's `0` means "never expire" \
            (and is what a plan shows when the argument is not set), so it is reported too.
            """,
        fix: """
            Terraform: `retention_in_days = 90` on the `aws_cloudwatch_log_group`.

            CloudFormation and SAM: `RetentionInDays: 90` on the `AWS::Logs::LogGroup` (allowed values: \
            1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, \
            3288, 3653).
            """,
        tags: ["logging", "cost"], securitySeverity: 2.0,
        failing: [
            .terraform("""
                ↓resource "aws_cloudwatch_log_group" "access" {
                  name = "/aws/apigateway/access"
                }
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = aws_cloudwatch_log_group.access.arn
                    format          = "$context.requestId"
                  }
                }
                """),
            .terraform("""
                resource "aws_cloudwatch_log_group" "access" {
                  name              = "/aws/apigateway/access"
                  ↓retention_in_days = 0
                }
                resource "aws_apigatewayv2_stage" "s" {
                  api_id = "abc123"
                  name   = "$default"
                  access_log_settings {
                    destination_arn = aws_cloudwatch_log_group.access.arn
                    format          = "$context.requestId"
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  ↓AccessLogs:
                    Type: AWS::Logs::LogGroup
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: abc123
                      StageName: $default
                      AccessLogSettings:
                        DestinationArn: !GetAtt AccessLogs.Arn
                        Format: $context.requestId
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  ↓AccessLogs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: /aws/vendedlogs/http-access
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      AccessLogSettings:
                        DestinationArn: !GetAtt AccessLogs.Arn
                        Format: $context.requestId
                """),
        ],
        passing: [
            .cloudFormation("""
                Resources:
                  AccessLogs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      RetentionInDays: 90
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: abc123
                      StageName: $default
                      AccessLogSettings:
                        DestinationArn: !GetAtt AccessLogs.Arn
                        Format: $context.requestId
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for usage in model.logGroupUsages() where usage.logGroup.mode == .managed {
            let group = usage.logGroup
            let key = Phrase.isTerraform(group) ? "retention_in_days" : "RetentionInDays"
            // Joined only for a finding: most groups have none.
            var stages: String { usage.stages.map(\.address).joined(separator: ", ") }
            let entry = group.attributes.entry(key)
            guard let entry, !entry.value.isNull else {
                report.add("The log group \(group.address), which receives access logs from \(stages), keeps them forever; set \(key) (for example 90).",
                           at: group.range, resource: group)
                continue
            }
            if let zero = ValueReading.branches(entry.value).first(where: { $0.value.numberValue == 0 }) {
                let when = zero.conditions.isEmpty ? "" : " when \(Phrase.conditionText(zero.conditions))"
                // A plan shows 0 for an unset argument: point at the declaration, not into the plan.
                let written = entry.range.flatMap { r in group.range.map { $0.fileID == r.fileID } } ?? false
                report.add("The log group \(group.address), which receives access logs from \(stages), keeps them forever (\(key) = 0 means never expire)\(when); set a period such as 90.",
                           at: written ? entry.range : group.range, resource: group)
                continue
            }
            if let branch = ValueReading.branches(entry.value).first(where: {
                if case .absent = $0.value.kind { return true }
                return $0.value.isNull
            }) {
                report.add("The log group \(group.address), which receives access logs from \(stages), keeps them forever when \(Phrase.conditionText(branch.conditions)); set \(key) in every case.",
                           at: entry.range ?? group.range, resource: group)
            }
        }
    }
}
