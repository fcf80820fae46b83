// APIGW006: a logging REST/WebSocket stage is created after the account's CloudWatch role setting.

import IaCLintCore

struct StageWaitsForAccountRule: Rule {
    static let description = RuleDescription(
        id: "APIGW006", name: "stage-waits-for-account", severity: .warning,
        summary: "A logging REST or WebSocket stage depends on the account's CloudWatch role setting declared in the same configuration.",
        rationale: """
            Terraform and CloudFormation create independent resources in parallel. When a REST or \
            WebSocket stage with logging does not depend on the account setting that names the \
            CloudWatch role, the first deployment can create the stage first and fail with "CloudWatch \
            Logs role ARN must be set in account settings to enable logging". A dependency through \
            `depends_on`, `DependsOn`, a module's `depends_on` or a reference, direct or transitive, \
            orders them.
            """,
        fix: """
            Terraform: `depends_on = [aws_api_gateway_account.this]` on the stage (or on the module \
            block that creates it).

            CloudFormation: `DependsOn: ApiGatewayAccount` on the stage (or the deployment that creates it).

            SAM: `DependsOn: ApiGatewayAccount` on the `AWS::Serverless::Api`.
            """,
        tags: ["reliability"], securitySeverity: 2.0,
        failing: [
            .cloudFormation("""
                Resources:
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: arn:aws:iam::123456789012:role/apigw-cloudwatch
                  ↓Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        Format: $context.requestId
                """),
            .terraform("""
                resource "aws_api_gateway_account" "this" {
                  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-cloudwatch"
                }
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
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: arn:aws:iam::123456789012:role/apigw-cloudwatch
                  ↓Api:
                    Type: AWS::Serverless::Api
                    Properties:
                      StageName: prod
                      OpenApiVersion: "3.0"
                      MethodSettings:
                        - HttpMethod: "*"
                          ResourcePath: /*
                          LoggingLevel: ERROR
                """),
        ],
        passing: [
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Account:
                    Type: AWS::ApiGateway::Account
                    Properties:
                      CloudWatchRoleArn: arn:aws:iam::123456789012:role/apigw-cloudwatch
                  Api:
                    Type: AWS::Serverless::Api
                    DependsOn: Account
                    Properties:
                      StageName: prod
                      OpenApiVersion: "3.0"
                      AccessLogSetting:
                        DestinationArn: arn:aws:logs:us-east-1:123456789012:log-group:access
                        Format: $context.requestId
                """),
            .terraform("""
                resource "aws_api_gateway_account" "this" {
                  cloudwatch_role_arn = "arn:aws:iam::123456789012:role/apigw-cloudwatch"
                }
                resource "aws_api_gateway_deployment" "d" {
                  rest_api_id = "abc123"
                  depends_on  = [aws_api_gateway_account.this]
                }
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = aws_api_gateway_deployment.d.id
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access"
                    format          = "$context.requestId"
                  }
                }
                """),
        ])

    /// What `depends_on` can name from the stage's module: the account itself when it is in the same
    /// module, else the outermost module block that contains it.
    static func dependencyTarget(_ account: Resource, from stage: Resource) -> String {
        // The parts as slices of the addresses: a String per part cost ~12,000 instructions a finding.
        let accountAddress = account.baseAddress, stageAddress = stage.baseAddress
        // ASCII addresses (nearly all): the same parts cut over bytes, without telling characters apart.
        if ASCIIHash.of(accountAddress) != nil, ASCIIHash.of(stageAddress) != nil {
            return asciiDependencyTarget(accountAddress, stageAddress)
        }
        let accountParts = accountAddress.split(separator: "."), stageParts = stageAddress.split(separator: ".")
        let accountModule = accountParts.dropLast(2), stageModule = stageParts.dropLast(2)
        if accountModule.elementsEqual(stageModule) { return accountParts.suffix(2).joined(separator: ".") }
        if accountModule.count >= 2, accountModule.starts(with: stageModule), accountModule.count > stageModule.count {
            let start = accountModule.startIndex + stageModule.count
            return accountModule[start..<(start + 2)].joined(separator: ".")
        }
        return accountAddress
    }

    /// `dependencyTarget` for ASCII addresses, whose characters are their bytes: the parts split at
    /// '.' over bytes (empty parts dropped, as `split` does), compared and joined as bytes.
    static func asciiDependencyTarget(_ accountAddress: String, _ stageAddress: String) -> String {
        let dot = UInt8(ascii: ".")
        let accountParts = accountAddress.utf8.split(separator: dot), stageParts = stageAddress.utf8.split(separator: dot)
        let accountModule = accountParts.dropLast(2), stageModule = stageParts.dropLast(2)
        func joined(_ parts: ArraySlice<Substring.UTF8View>) -> String {
            var bytes: [UInt8] = []
            for part in parts {
                if !bytes.isEmpty { bytes.append(dot) }
                bytes += part
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let sameParts = { (a: Substring.UTF8View, b: Substring.UTF8View) in a.elementsEqual(b) }
        if accountModule.elementsEqual(stageModule, by: sameParts) { return joined(accountParts.suffix(2)) }
        if accountModule.count >= 2, accountModule.starts(with: stageModule, by: sameParts), accountModule.count > stageModule.count {
            let start = accountModule.startIndex + stageModule.count
            return joined(accountModule[start..<(start + 2)])
        }
        return accountAddress
    }

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        // The account's scope's stages, cut out of the stages (in graph order) by the scope's runs of
        // positions: comparing every account with every stage was quadratic in large monorepos, and
        // grouping the stages by scope hashed every stage's scope.
        let positions = model.stages.map(\.position)
        for account in model.accountSettings where account.setsRole {
            let inScope = model.lookup.runs(inScope: account.resource.scope).flatMap { run in
                model.stages[ResourceLookup.slice(of: positions, in: run)]
            }
            for stage in inScope
            where stage.apiType.needsAccountRole
                && model.logsAnything(stage) && !model.dependsOn(stage.resource, account.resource) {
                let fix = Phrase.isTerraform(stage.resource)
                    ? "add depends_on = [\(Self.dependencyTarget(account.resource, from: stage.resource))] to it\(stage.resource.moduleCalls.isEmpty ? "" : " or to its module block")"
                    : "add DependsOn: \(account.resource.address) to it"
                report.add("\(StageAccessLoggingRule.capitalized(stage.displayName)) logs but does not depend on \(account.resource.address), so the first deployment can fail with \"CloudWatch Logs role ARN must be set in account settings to enable logging\"; \(fix).",
                           at: stage.resource.range, resource: stage.resource,
                           related: account.resource.range.map { [RelatedLocation("the account setting", at: $0)] } ?? [],
                           discriminator: account.resource.address)
            }
        }
    }
}
