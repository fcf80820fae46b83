// APIGW010: the access-log group is not API Gateway's execution-log group, and for HTTP and
// WebSocket APIs sits under /aws/vendedlogs/.

import IaCLintCore

struct AccessLogGroupNameRule: Rule {
    static let executionLogPrefix = "API-Gateway-Execution-Logs_"
    static let vendedLogsPrefix = "/aws/vendedlogs/"

    static let description = RuleDescription(
        id: "APIGW010", name: "access-log-group-name", severity: .warning,
        summary: "Access logs do not go to an API-Gateway-Execution-Logs_… group; HTTP and WebSocket access logs go under /aws/vendedlogs/.",
        rationale: """
            API Gateway writes execution logs to `API-Gateway-Execution-Logs_{api-id}/{stage}`. Sending \
            access logs to a group with that name mixes the two kinds of entry, breaks metric filters \
            and queries, and ties the access logs to a group API Gateway manages. For HTTP and WebSocket \
            APIs, CloudWatch Logs delivers through a resource policy that grows with each log group and \
            has a size limit; in accounts with many APIs, enabling logging then fails with \
            "Insufficient permissions to enable logging" unless the group is under `/aws/vendedlogs/`, \
            which the policy already covers (a note).
            """,
        fix: """
            Name the access-log group after the API, for example `/aws/apigateway/<api>/access`, and for \
            HTTP and WebSocket APIs `/aws/vendedlogs/apigateway/<api>/access`:

            Terraform: `name = "/aws/vendedlogs/apigateway/${var.api_name}/access"`.

            CloudFormation and SAM: `LogGroupName: !Sub /aws/vendedlogs/apigateway/${AWS::StackName}/access`.
            """,
        tags: ["logging"], securitySeverity: 1.0,
        failing: [
            .terraform("""
                resource "aws_cloudwatch_log_group" "access" {
                  ↓name              = "API-Gateway-Execution-Logs_abc123/prod"
                  retention_in_days = 30
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
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  AccessLogs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      ↓LogGroupName: !Sub /apigateway/${AWS::StackName}/http-access
                      RetentionInDays: 30
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      AccessLogSettings:
                        DestinationArn: !GetAtt AccessLogs.Arn
                        Format: $context.requestId
                """),
        ],
        passing: [
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  AccessLogs:
                    Type: AWS::Logs::LogGroup
                    Properties:
                      LogGroupName: /aws/vendedlogs/apigateway/http-access
                      RetentionInDays: 30
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      AccessLogSettings:
                        DestinationArn: !GetAtt AccessLogs.Arn
                        Format: $context.requestId
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for usage in model.logGroupUsages() where usage.logGroup.mode == .managed {
            let group = usage.logGroup
            let key = Phrase.isTerraform(group) ? "name" : "LogGroupName"
            let entry = group.attributes.entry(key)
            // Message parts are built only for a finding: most groups have none, and joining every
            // group's stage addresses and naming it cost more than the checks.
            let stages = { usage.stages.map(\.address).joined(separator: ", ") }
            let subject = { "The log group \(group.address)" }
            let vended = usage.stages.filter { $0.apiType == .http || $0.apiType == .webSocket }
            if let entry {
                for branch in ValueReading.branches(entry.value) {
                    if let name = branch.value.stringValue {
                        check(name: name, at: entry.range ?? group.range, resource: group, subject: subject,
                              stages: stages, vendedStages: vended, &report)
                    } else if let known = AccessLogFormat.partlyKnownText(branch.value) {
                        // `!Sub API-Gateway-Execution-Logs_${Api}/prod`: the literal start decides.
                        let prefix = String(known.prefix { $0 != "$" })
                        check(namePrefix: prefix, at: entry.range ?? group.range, resource: group, subject: subject,
                              stages: stages, vendedStages: vended, &report)
                    }
                }
            } else if Phrase.isTerraform(group) ? ValueReading.isMissing(group["name_prefix"]) : true, !vended.isEmpty {
                report.add("The log group \(group.address) receives access logs from the \(vended[0].apiType) API stage \(vended.map(\.address).joined(separator: ", ")) but has a generated name outside \(Self.vendedLogsPrefix), which can hit the CloudWatch Logs resource-policy size limit in accounts with many APIs; set \(key) under \(Self.vendedLogsPrefix).",
                           at: group.range, resource: group, severity: .note, discriminator: "vended")
            }
        }
        // Literal log group ARNs on the stage itself.
        for stage in model.stages {
            // Destinations first: only a stage with a literal group reads its block (a stage has
            // destinations only when its block and destination entry are there).
            guard stage.destinations.contains(where: { if case .literalLogGroup = $0.kind { true } else { false } }),
                  stage.accessLogObject != nil, let entry = stage.destinationEntry else { continue }
            for destination in model.destinations(of: stage) {
                guard case .literalLogGroup(let name) = destination.kind else { continue }
                let vended = stage.apiType == .http || stage.apiType == .webSocket ? [stage] : []
                check(name: name, at: entry.range ?? stage.resource.range, resource: stage.resource,
                      subject: { "The access-log destination of \(stage.displayName)" }, stages: { stage.address },
                      vendedStages: vended, &report)
            }
        }
    }

    /// Only the start of the name is known: report what that start already settles.
    private func check(namePrefix prefix: String, at range: SourceRange?, resource: Resource, subject: () -> String,
                       stages: () -> String, vendedStages: [Stage], _ report: inout FindingCollector) {
        if prefix.hasPrefix(Self.executionLogPrefix) {
            check(name: prefix + "…", at: range, resource: resource, subject: subject, stages: stages, vendedStages: vendedStages, &report)
        } else if !vendedStages.isEmpty, !prefix.hasPrefix(Self.vendedLogsPrefix), !Self.vendedLogsPrefix.hasPrefix(prefix) {
            check(name: prefix + "…", at: range, resource: resource, subject: subject, stages: stages, vendedStages: vendedStages, &report)
        }
    }

    private func check(name: String, at range: SourceRange?, resource: Resource, subject: () -> String, stages: () -> String,
                       vendedStages: [Stage], _ report: inout FindingCollector) {
        if name.hasPrefix(Self.executionLogPrefix) {
            report.add("\(subject()) is named \(name), the group API Gateway uses for execution logs, so access logs from \(stages()) get mixed with them; use a group of its own such as /aws/apigateway/<api>/access.",
                       at: range, resource: resource, discriminator: "execution-logs")
        } else if !vendedStages.isEmpty, !name.hasPrefix(Self.vendedLogsPrefix) {
            report.add("\(subject()) is named \(name), outside \(Self.vendedLogsPrefix), and receives access logs from \(vendedStages.map(\.address).joined(separator: ", ")); in accounts with many HTTP or WebSocket APIs this can hit the CloudWatch Logs resource-policy size limit, so name it under \(Self.vendedLogsPrefix).",
                       at: range, resource: resource, severity: .note, discriminator: "vended")
        }
    }
}
