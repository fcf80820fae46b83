// Rules over graphs built in code: exact ranges, resources, three-valued logic, modules.

import XCTest
import IaCLintCore
@testable import IaCLintRules

final class RuleEngineGraphTests: XCTestCase {
    let literalGroup = Value.string("arn:aws:logs:us-east-1:123456789012:log-group:access")

    func testMissingAccessLogPointsAtTheHeader() {
        let stage = G.resource("aws_api_gateway_stage", "aws_api_gateway_stage.prod", line: 3,
                               [G.entry("stage_name", .string("prod"), line: 4)])
        let found = G.findings([stage]).rule("APIGW001")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.range?.start.line, 3)
        XCTAssertEqual(found.first?.range?.start.column, 1)
        XCTAssertEqual(found.first?.resource, "aws_api_gateway_stage.prod")
        XCTAssertEqual(found.first?.severity, .error)
    }

    func testUnknownAccessLogIsNeverReported() {
        let stage = G.resource("aws_api_gateway_stage", "aws_api_gateway_stage.prod", line: 3,
                               [G.entry("access_log_settings", .unknown(UnknownReason(.unsetVariable, "var.logs")), line: 4)])
        XCTAssertEqual(G.findings([stage]).filter { ["APIGW001", "APIGW002", "APIGW003"].contains($0.ruleID) }, [])
    }

    func testConditionalAccessLogNamesTheCondition() {
        let settings = Value.object([ObjectEntry("DestinationArn", literalGroup), ObjectEntry("Format", .string("$context.requestId"))])
        let conditional = Value(.conditional(Condition("IsProd"), whenTrue: settings, whenFalse: Value(.absent)))
        let stage = G.resource("AWS::ApiGateway::Stage", "Stage", line: 5, file: "t.yaml", origin: .cloudFormation, scope: "t.yaml",
                               [G.entry("AccessLogSetting", conditional, line: 9, file: "t.yaml")])
        let found = G.findings([stage]).rule("APIGW001")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.range?.start.line, 9)
        XCTAssertTrue(found.first?.message.contains("IsProd") ?? false)
    }

    func testEmptyDynamicBlockListIsMissing() {
        let stage = G.resource("aws_apigatewayv2_stage", "aws_apigatewayv2_stage.s", line: 1,
                               [G.entry("access_log_settings", .list([]), line: 2)])
        XCTAssertEqual(G.findings([stage]).rule("APIGW001").count, 1)
    }

    func testDestinationKinds() {
        let group = G.resource("aws_cloudwatch_log_group", "aws_cloudwatch_log_group.access", line: 1,
                               [G.entry("name", .string("access"), line: 2), G.entry("retention_in_days", .number(30), line: 3)])
        // `.name`: known from configuration, still a reference.
        var byName = Value.string("access", range: G.range("main.tf", 15, 20, length: 36))
        byName.references = [Reference(target: "aws_cloudwatch_log_group.access", attribute: "name", range: G.range("main.tf", 15, 20, length: 36))]
        let f1 = G.findings([group, G.restStage(destination: byName, format: .string("$context.requestId"))]).rule("APIGW002")
        XCTAssertEqual(f1.count, 1)
        XCTAssertEqual(f1.first?.range?.start.line, 15)
        XCTAssertTrue(f1.first?.message.contains("aws_cloudwatch_log_group.access.arn") ?? false, f1.first?.message ?? "")

        // `.arn`: fine, and the group is linked (no APIGW007 because retention is set).
        let byARN = G.ref("aws_cloudwatch_log_group.access", "arn", line: 15)
        let f2 = G.findings([group, G.restStage(destination: byARN, format: .string("$context.requestId"))])
        XCTAssertEqual(f2.rule("APIGW002"), [])
        XCTAssertEqual(f2.rule("APIGW007"), [])

        // Another service's ARN, a non-ARN, an undeclared group, a count = 0 group.
        XCTAssertEqual(G.findings([G.restStage(destination: .string("arn:aws:s3:::bucket"), format: .string("$context.requestId"))]).rule("APIGW002").count, 1)
        XCTAssertEqual(G.findings([G.restStage(destination: .string("access"), format: .string("$context.requestId"))]).rule("APIGW002").count, 1)
        let missing = G.ref("aws_cloudwatch_log_group.nope", "arn", line: 15)
        let f3 = G.findings([G.restStage(destination: missing, format: .string("$context.requestId"))]).rule("APIGW002")
        XCTAssertTrue(f3.first?.message.contains("not declared") ?? false)
        let f4 = G.findings([G.restStage(destination: missing, format: .string("$context.requestId"))],
                            empty: [ScopedAddress(scope: ".", address: "aws_cloudwatch_log_group.nope"): G.range("main.tf", 1)]).rule("APIGW002")
        XCTAssertTrue(f4.first?.message.contains("count = 0") ?? false)
        // A literal log group ARN with the `:*` suffix is fine.
        XCTAssertEqual(G.findings([G.restStage(destination: .string("arn:aws-cn:logs:cn-north-1:123456789012:log-group:/a/b:*"), format: .string("$context.requestId"))]).rule("APIGW002"), [])
    }

    func testCloudFormationSubThatBuildsTheARNIsALogGroup() {
        let group = G.resource("AWS::Logs::LogGroup", "Logs", line: 2, file: "t.yaml", origin: .cloudFormation, scope: "t.yaml")
        // `!Sub arn:${AWS::Partition}:logs:...:log-group:${Logs}`: the Ref is one part of a longer value.
        let valueRange = G.range("t.yaml", 12, 25, length: 90)
        let refRange = G.range("t.yaml", 12, 100, length: 7)
        let sub = Value(.unknown(UnknownReason(.deploymentContext, "AWS::Region")), range: valueRange,
                        references: [Reference(target: "Logs", kind: .ref, range: refRange)])
        let settings = Value.object([G.entry("DestinationArn", sub, line: 12, file: "t.yaml"),
                                     G.entry("Format", .string("$context.requestId"), line: 13, file: "t.yaml")])
        let stage = G.resource("AWS::ApiGateway::Stage", "Stage", line: 5, file: "t.yaml", origin: .cloudFormation, scope: "t.yaml",
                               [G.entry("AccessLogSetting", settings, line: 11, file: "t.yaml")])
        let found = G.findings([group, stage])
        XCTAssertEqual(found.rule("APIGW002"), [])
        // The group is recognised as the destination: it has no retention.
        XCTAssertEqual(found.rule("APIGW007").first?.resource, "Logs")
        // `!Ref Logs` alone is the name.
        let ref = Value(.unknown(UnknownReason(.knownAfterApply, "Logs")), range: G.range("t.yaml", 12, 25, length: 9),
                        references: [Reference(target: "Logs", kind: .ref, range: G.range("t.yaml", 12, 30, length: 4))])
        let settings2 = Value.object([G.entry("DestinationArn", ref, line: 12, file: "t.yaml"),
                                      G.entry("Format", .string("$context.requestId"), line: 13, file: "t.yaml")])
        let stage2 = G.resource("AWS::ApiGateway::Stage", "Stage", line: 5, file: "t.yaml", origin: .cloudFormation, scope: "t.yaml",
                                [G.entry("AccessLogSetting", settings2, line: 11, file: "t.yaml")])
        XCTAssertTrue(G.findings([group, stage2]).rule("APIGW002").first?.message.contains("!GetAtt Logs.Arn") ?? false)
    }

    func testFindingsInsideModulesNameTheCaller() {
        let call = RelatedLocation("module \"api\"", at: G.range("main.tf", 7, 1, length: 12))
        let stage = G.resource("aws_api_gateway_stage", "module.api.aws_api_gateway_stage.this", line: 3, file: "modules/api/main.tf",
                               moduleCalls: [call])
        let found = G.findings([stage]).rule("APIGW001")
        XCTAssertEqual(found.first?.range?.file, "modules/api/main.tf")
        XCTAssertEqual(found.first?.related.first?.range.start.line, 7)
        XCTAssertTrue(found.first?.message.contains("main.tf:7") ?? false)
    }

    func testAccountRoleNeededOnlyForRESTAndWebSocketLoggingToCloudWatch() {
        let rest = G.restStage(destination: literalGroup, format: .string("$context.requestId"))
        XCTAssertEqual(G.findings([rest]).rule("APIGW004").count, 1)
        XCTAssertEqual(G.findings([rest], options: RuleOptions(accountRoleExternal: true)).rule("APIGW004"), [])
        let firehose = G.restStage(destination: .string("arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-a"),
                                   format: .string("$context.requestId"))
        XCTAssertEqual(G.findings([firehose]).rule("APIGW004"), [])
        let api = G.resource("aws_apigatewayv2_api", "aws_apigatewayv2_api.h", line: 1, [G.entry("protocol_type", .string("HTTP"), line: 2)])
        let http = G.resource("aws_apigatewayv2_stage", "aws_apigatewayv2_stage.h", line: 5, [
            G.entry("api_id", G.ref("aws_apigatewayv2_api.h", "id", line: 6), line: 6),
            G.entry("access_log_settings", .list([.object([G.entry("destination_arn", literalGroup, line: 8),
                                                           G.entry("format", .string("$context.requestId"), line: 9)])]), line: 7),
        ])
        let httpFindings = G.findings([api, http])
        XCTAssertEqual(httpFindings.rule("APIGW004"), [])
        XCTAssertEqual(httpFindings.rule("APIGW008"), [], "never asked of HTTP APIs")
        // With an account setting: APIGW004 is satisfied, APIGW006 wants the dependency.
        let account = G.resource("aws_api_gateway_account", "aws_api_gateway_account.this", line: 30,
                                 [G.entry("cloudwatch_role_arn", .string("arn:aws:iam::123456789012:role/x"), line: 31)])
        let both = G.findings([rest, account])
        XCTAssertEqual(both.rule("APIGW004"), [])
        XCTAssertEqual(both.rule("APIGW006").count, 1)
        let waiting = G.restStage(destination: literalGroup, format: .string("$context.requestId"),
                                  dependsOn: [Reference(target: "aws_api_gateway_account.this", kind: .dependsOn)])
        XCTAssertEqual(G.findings([waiting, account]).rule("APIGW006"), [])
    }

    func testTransitiveDependency() {
        let account = G.resource("aws_api_gateway_account", "aws_api_gateway_account.this", line: 30,
                                 [G.entry("cloudwatch_role_arn", .string("arn:aws:iam::123456789012:role/x"), line: 31)])
        let deployment = G.resource("aws_api_gateway_deployment", "aws_api_gateway_deployment.d", line: 20,
                                    dependsOn: [Reference(target: "aws_api_gateway_account.this", kind: .dependsOn)])
        let stage = G.restStage(destination: literalGroup, format: .string("$context.requestId"),
                                extra: [G.entry("deployment_id", G.ref("aws_api_gateway_deployment.d", "id", line: 12), line: 12)])
        let model = LoggingModel(graph: ResourceGraph(resources: [account, deployment, stage]))
        XCTAssertTrue(model.dependsOn(stage, account))
        XCTAssertFalse(model.dependsOn(account, stage))
    }

    func testRolePermissionsFromJSONStringsWithDenyAndWildcards() {
        let trust = #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"sts:AssumeRole","Principal":{"Service":"apigateway.amazonaws.com"}}]}"#
        let allowAll = #"{"Statement":[{"Effect":"Allow","Action":"logs:*","Resource":"*"},{"Effect":"Deny","Action":["logs:PutLogEvents"],"Resource":"*"}]}"#
        let role = G.resource("aws_iam_role", "aws_iam_role.cw", line: 1, [G.entry("name", .string("cw"), line: 2),
                                                                          G.entry("assume_role_policy", .string(trust), line: 3)])
        let policy = G.resource("aws_iam_role_policy", "aws_iam_role_policy.p", line: 10, [
            G.entry("role", G.ref("aws_iam_role.cw", "id", line: 11), line: 11),
            G.entry("policy", .string(allowAll), line: 12),
        ])
        let account = G.resource("aws_api_gateway_account", "aws_api_gateway_account.this", line: 30,
                                 [G.entry("cloudwatch_role_arn", G.ref("aws_iam_role.cw", "arn", line: 31), line: 31)])
        let found = G.findings([role, policy, account]).rule("APIGW005")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.resource, "aws_api_gateway_account.this")
        XCTAssertTrue(found.first?.message.contains("logs:PutLogEvents") ?? false, found.first?.message ?? "")
        XCTAssertFalse(found.first?.message.contains("logs:CreateLogGroup") ?? true)

        // Managed policy by attachment, with the literal role name: fine.
        let attachment = G.resource("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.a", line: 20, [
            G.entry("role", .string("cw"), line: 21),
            G.entry("policy_arn", .string("arn:aws:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"), line: 22),
        ])
        XCTAssertEqual(G.findings([role, attachment, account]).rule("APIGW005"), [])
        // An attached policy that cannot be read: no conclusion.
        let unknownPolicy = G.resource("aws_iam_role_policy_attachment", "aws_iam_role_policy_attachment.b", line: 20, [
            G.entry("role", .string("cw"), line: 21),
            G.entry("policy_arn", .string("arn:aws:iam::123456789012:policy/custom"), line: 22),
        ])
        XCTAssertEqual(G.findings([role, unknownPolicy, account]).rule("APIGW005"), [])
        // A literal role ARN outside the scan: not checked.
        let external = G.resource("aws_api_gateway_account", "aws_api_gateway_account.this", line: 30,
                                  [G.entry("cloudwatch_role_arn", .string("arn:aws:iam::123456789012:role/elsewhere"), line: 31)])
        XCTAssertEqual(G.findings([external]).rule("APIGW005"), [])
    }

    func testARNPrefixSearch() {
        XCTAssertTrue(DestinationResolver.containsARNPrefix(#"Fn::Sub "arn:${AWS::Partition}:logs""#))
        XCTAssertTrue(DestinationResolver.containsARNPrefix("aarn:"))
        XCTAssertFalse(DestinationResolver.containsARNPrefix("ar n:"))
        XCTAssertFalse(DestinationResolver.containsARNPrefix("Logs has no LogGroupName"))
        XCTAssertEqual(ARN("arn:aws:logs:us-east-1:1:log-group:/a/b:*")?.logGroupName, "/a/b")
        XCTAssertNil(ARN("arn:aws:logs:us-east-1:1:log-group:")?.logGroupName)
        XCTAssertEqual(ARN("arn:aws:firehose:us-east-1:1:deliverystream/amazon-apigateway-x")?.deliveryStreamName, "amazon-apigateway-x")
        XCTAssertNil(ARN("arn:aws:logs:us-west-2:012345678901/API-Gateway-Execution-Logs"))
    }

    func testDeeplyNestedValuesDoNotCrash() {
        var nested = Value.object([])
        for _ in 0..<10_000 { nested = .list([nested]) }
        var conditional = Value(.absent)
        for i in 0..<5_000 { conditional = Value(.conditional(Condition("C\(i)"), whenTrue: conditional, whenFalse: .string("x"))) }
        let stage = G.resource("aws_api_gateway_stage", "aws_api_gateway_stage.deep", line: 1, [
            G.entry("access_log_settings", nested, line: 2),
            G.entry("stage_name", conditional, line: 3),
        ])
        let found = G.findings([stage])
        XCTAssertEqual(found.rule("APIGW001"), [], "too deep to tell: unknown, not reported")
    }

    func testGlob() {
        XCTAssertTrue(Glob.matches(pattern: "logs:*", "logs:PutLogEvents"))
        XCTAssertTrue(Glob.matches(pattern: "logs:Describe*", "logs:DescribeLogStreams"))
        XCTAssertTrue(Glob.matches(pattern: "LOGS:putlogevents", "logs:PutLogEvents"))
        XCTAssertFalse(Glob.matches(pattern: "logs:Create*", "logs:PutLogEvents"))
        XCTAssertTrue(Glob.matches(pattern: "*", "sts:AssumeRole"))
        XCTAssertTrue(Glob.matches(pattern: "logs:?utLogEvents", "logs:PutLogEvents"))
    }

    func testExecutionLoggingAndDataTraceFromMethodSettings() {
        let stage = G.restStage(destination: literalGroup, format: .string("$context.requestId"))
        let settings = G.resource("aws_api_gateway_method_settings", "aws_api_gateway_method_settings.all", line: 40, [
            G.entry("rest_api_id", .string("abc"), line: 41),
            G.entry("stage_name", G.ref("aws_api_gateway_stage.prod", "stage_name", line: 42), line: 42),
            G.entry("method_path", .string("*/*"), line: 43),
            G.entry("settings", .list([.object([G.entry("logging_level", .string("INFO"), line: 45),
                                                G.entry("data_trace_enabled", .bool(true), line: 46)])]), line: 44),
        ])
        let found = G.findings([stage, settings])
        XCTAssertEqual(found.rule("APIGW008"), [])
        XCTAssertEqual(found.rule("APIGW009").map { $0.range?.start.line }, [46])
        XCTAssertEqual(G.findings([stage]).rule("APIGW008").map { $0.severity }, [.note])
    }

    func testTerraformDeploymentStageCannotCarryAccessLogs() {
        let deployment = G.resource("aws_api_gateway_deployment", "aws_api_gateway_deployment.d", line: 1,
                                    [G.entry("stage_name", .string("prod"), line: 3)])
        let found = G.findings([deployment]).rule("APIGW001")
        XCTAssertEqual(found.map { $0.range?.start.line }, [3])
        XCTAssertTrue(found.first?.message.contains("aws_api_gateway_stage") ?? false)
        let noStage = G.resource("aws_api_gateway_deployment", "aws_api_gateway_deployment.d", line: 1)
        XCTAssertEqual(G.findings([noStage]), [])
    }

    func testSAMImplicitAPIAndExtraStage() {
        let implicit = G.resource("AWS::Serverless::Api", "ServerlessRestApi", line: 12, file: "t.yaml", origin: .sam, scope: "t.yaml",
                                  metadata: .object([ObjectEntry("iaclint:implicit", .bool(true))]))
        let found = G.findings([implicit]).rule("APIGW001")
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.resource, "ServerlessRestApi")
        XCTAssertTrue(found.first?.message.contains("\"Prod\"") ?? false, found.first?.message ?? "")
        // With access logs but no OpenApiVersion: the extra "Stage" stage is reported once.
        let settings = Value.object([ObjectEntry("DestinationArn", literalGroup), ObjectEntry("Format", .string("$context.requestId"))])
        let api = G.resource("AWS::Serverless::Api", "Api", line: 3, file: "t.yaml", origin: .sam, scope: "t.yaml",
                             [G.entry("StageName", .string("prod"), line: 6, file: "t.yaml"),
                              G.entry("AccessLogSetting", settings, line: 7, file: "t.yaml")])
        let extra = G.findings([api]).rule("APIGW001")
        XCTAssertEqual(extra.count, 1)
        XCTAssertTrue(extra.first?.message.contains("OpenApiVersion") ?? false)
    }

    func testLogGroupNames() {
        let group = G.resource("aws_cloudwatch_log_group", "aws_cloudwatch_log_group.g", line: 1,
                               [G.entry("name", .string("API-Gateway-Execution-Logs_abc/prod"), line: 2),
                                G.entry("retention_in_days", .number(7), line: 3)])
        let stage = G.restStage(destination: G.ref("aws_cloudwatch_log_group.g", "arn", line: 15), format: .string("$context.requestId"))
        let found = G.findings([group, stage]).rule("APIGW010")
        XCTAssertEqual(found.map { $0.range?.start.line }, [2])
        XCTAssertEqual(found.first?.resource, "aws_cloudwatch_log_group.g")
        XCTAssertEqual(found.first?.severity, .warning)
    }

    func testFingerprintsDoNotDependOnLines() {
        let a = G.findings([G.resource("aws_api_gateway_stage", "aws_api_gateway_stage.prod", line: 3)])
        let b = G.findings([G.resource("aws_api_gateway_stage", "aws_api_gateway_stage.prod", line: 30)])
        XCTAssertEqual(a.map(\.fingerprint), b.map(\.fingerprint))
    }
}
