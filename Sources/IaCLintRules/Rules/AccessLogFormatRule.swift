// APIGW003: the access-log format is one line, names the request, uses real variables, and is
// valid JSON when it looks like JSON.

import IaCLintCore

struct AccessLogFormatRule: Rule {
    static let description = RuleDescription(
        id: "APIGW003", name: "access-log-format", severity: .error,
        summary: "The access-log format is one non-empty line with $context.requestId or $context.extendedRequestId, known variables, and valid JSON when it is JSON.",
        rationale: """
            API Gateway rejects a format that is not a single line ("Access Log format must be single \
            line, new line character is allowed only at end of the format"; REST allows one trailing \
            newline, HTTP and WebSocket none; a Terraform heredoc always ends with one) and one without \
            `$context.requestId` or `$context.extendedRequestId` ("Access Log format must include either \
            $context.requestId or $context.extendedRequestId"). HTTP APIs reject unknown variables ("The \
            following context variables are not supported: [...]"); REST and WebSocket APIs log them as \
            empty, which silently loses the field (a warning there). Variable names are case-sensitive \
            and differ per API type (`resourcePath` is REST only, `routeKey` HTTP and WebSocket). A \
            format that starts with `{` is meant to be JSON and must stay valid JSON once the variables \
            are filled in. HTTP and WebSocket formats are limited to 1,024 characters.
            """,
        fix: """
            Build JSON formats with `jsonencode` in Terraform, which gives one valid line:

            ```hcl
            format = jsonencode({
              requestId = "$context.requestId"
              ip        = "$context.identity.sourceIp"
              status    = "$context.status"
            })
            ```

            In CloudFormation and SAM, write the format on one line (not a `|` block scalar):

            ```yaml
            Format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","status":"$context.status"}'
            ```

            Replace a heredoc with `jsonencode` or wrap it in `trimspace(...)`. Use the variable names \
            documented for your API type; the message suggests the nearest one.
            """,
        tags: ["logging", "correctness"], securitySeverity: 3.0,
        failing: [
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
                    format          = "$context.requestId ↓$context.identity.sourceIP"
                  }
                }
                """),
            .terraform("""
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
                    ↓format          = <<EOT
                {"requestId": "$context.requestId",
                 "status": "$context.status"}
                EOT
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        ↓Format: '{"status": "$context.status"}'
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      OpenApiVersion: "3.0"
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        ↓Format: '{"requestId": "$context.requestId", "status": $context.status,}'
                """),
            .cloudFormation("""
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: http
                      ProtocolType: HTTP
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: !Ref Api
                      StageName: $default
                      AccessLogSettings:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        Format: !Sub '{"stack":"${AWS::StackName}","requestId":"$context.requestId","path":"↓$context.resourcePath"}'
                """),
        ],
        passing: [
            .terraform("""
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
                    format = jsonencode({
                      requestId = "$context.requestId"
                      ip        = "$context.identity.sourceIp"
                      claims    = "$context.authorizer.claims.sub"
                    })
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        Format: '$context.identity.sourceIp [$context.requestTime] "$context.httpMethod $context.resourcePath" $context.status $context.extendedRequestId'
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        var checks = AccessLogFormatChecks()
        for stage in model.stages {
            guard stage.accessLogObject != nil, let entry = stage.formatEntry else { continue }
            for branch in ValueReading.branches(entry.value) {
                guard let text = branch.value.stringValue else {
                    checkPartlyKnown(branch, entry: entry, stage: stage, &checks, &report)
                    continue
                }
                // Named only for a finding: most formats have no problem, and the name cost more than the look-up.
                var subject: String {
                    let when = branch.conditions.isEmpty ? "" : " when \(Phrase.conditionText(branch.conditions))"
                    return "The access-log format of \(stage.displayName)\(when)"
                }
                for problem in checks.problems(text, api: stage.apiType) {
                    let (message, key) = describe(problem, subject: subject, stage: stage)
                    report.add(message, at: entry.range, resource: stage.resource,
                               severity: problem.isError ? .error : .warning,
                               discriminator: key + Phrase.conditionText(branch.conditions),
                               focus: focus(of: problem))
                }
            }
        }
    }

    /// The text to underline inside a multi-line format expression: the one wrong variable.
    private func focus(of problem: FormatProblem) -> String? {
        if case .unknownVariables(let unknown) = problem.kind, unknown.count == 1 { return "$context.\(unknown[0].name)" }
        return nil
    }

    /// A template with unknown parts (`!Sub` with `${AWS::StackName}`): only what the known text
    /// settles — unknown variables and line breaks in it — is checked.
    private func checkPartlyKnown(_ branch: ValueBranch, entry: ObjectEntry, stage: Stage, _ checks: inout AccessLogFormatChecks,
                                  _ report: inout FindingCollector) {
        guard let text = AccessLogFormat.partlyKnownText(branch.value) else { return }
        var subject: String {
            let when = branch.conditions.isEmpty ? "" : " when \(Phrase.conditionText(branch.conditions))"
            return "The access-log format of \(stage.displayName)\(when)"
        }
        for problem in checks.problems(text, api: stage.apiType) {
            switch problem.kind {
            case .unknownVariables, .unsupportedVariable, .newline(trailingOnly: false):
                let (message, key) = describe(problem, subject: subject, stage: stage)
                report.add(message, at: entry.range, resource: stage.resource, severity: problem.isError ? .error : .warning,
                           discriminator: key + Phrase.conditionText(branch.conditions), focus: focus(of: problem))
            default:
                continue
            }
        }
    }

    private func describe(_ problem: FormatProblem, subject: String, stage: Stage) -> (String, String) {
        let api = stage.apiType == .unknown ? "this" : stage.apiType.description
        switch problem.kind {
        case .empty:
            return ("\(subject) is empty; write a format that includes $context.requestId.", "empty")
        case .newline(let trailingOnly):
            if trailingOnly {
                return ("\(subject) ends with a newline, which \(api) APIs reject (a heredoc always adds one); remove it, for example with trimspace() or jsonencode().", "newline")
            }
            return ("\(subject) spans several lines, but API Gateway accepts a single line only; write it on one line (jsonencode() in Terraform, a quoted string instead of a block scalar in YAML).", "newline")
        case .missingRequestId:
            return ("\(subject) has neither $context.requestId nor $context.extendedRequestId, which API Gateway requires; add \"requestId\":\"$context.requestId\".", "request-id")
        case .unknownVariables(let unknown):
            let names = unknown.map { "$context.\($0.name)" }.joined(separator: ", ")
            let kind = api == "this" ? "known" : api
            let consequence = stage.apiType == .http ? "HTTP APIs reject" : "API Gateway does not fill in"
            let article = kind == "HTTP" ? "an" : "a"
            let what = unknown.count == 1 ? "\(names), not \(article) \(kind) access-log variable, which \(consequence)"
                : "\(names), which are not \(kind) access-log variables and which \(consequence)"
            let hints = unknown.compactMap { u in u.suggestion.map { "$context.\($0) for $context.\(u.name)" } }
            let fix = hints.isEmpty ? (unknown.count == 1 ? "remove it or use a documented variable" : "remove them or use documented variables")
                : (unknown.count == 1 && hints.count == 1 ? "did you mean $context.\(unknown[0].suggestion ?? "")?" : "use \(hints.joined(separator: ", ")), and remove the others")
            return ("\(subject) uses \(what); \(fix)\(fix.hasSuffix("?") ? "" : ".")", "variables")
        case .unsupportedVariable(let family):
            return ("\(subject) uses \(family) variables, but access logs support only $context variables; use the matching $context variable.", "family:" + family)
        case .invalidJSON(let message):
            return ("\(subject) starts with '{' but is not valid JSON once variables are filled in (\(message)); quote every value and check commas, or build it with jsonencode().", "json")
        case .tooLong(let length):
            return ("\(subject) is \(length) characters, over the \(AccessLogFormat.maximumV2Length)-character limit of \(api) APIs; drop fields.", "length")
        }
    }
}
