import XCTest
@testable import IaCLintKit
import IaCLintCore

final class PlanConfigurationMergeTests: XCTestCase {
    let tfRange = SourceRange(file: "infra/main.tf", start: SourcePosition(line: 4, column: 1, offset: 40), end: SourcePosition(line: 4, column: 40, offset: 79))
    let argRange = SourceRange(file: "infra/main.tf", start: SourcePosition(line: 8, column: 5, offset: 120), end: SourcePosition(line: 8, column: 50, offset: 165))

    func stage(_ address: String, key: String? = nil, origin: Resource.Origin, scope: String, attributes: Value, range: SourceRange?) -> Resource {
        Resource(address: address, type: "aws_api_gateway_stage", origin: origin, scope: scope, instanceKey: key, range: range, attributes: attributes)
    }

    func testPlanValuesFillUnknownsAndKeepConfigurationRanges() {
        let logRef = Reference(target: "aws_cloudwatch_log_group.l", attribute: "arn")
        let configFormat = Value(.unknown(UnknownReason(.unsetVariable, "var.format")), range: argRange)
        let config = stage("aws_api_gateway_stage.s", origin: .terraform, scope: "infra", attributes: .object([
            ObjectEntry("access_log_settings", .list([.object([
                ObjectEntry("format", configFormat),
                ObjectEntry("destination_arn", .unknown(UnknownReason(.knownAfterApply), range: argRange, references: [logRef])),
            ])])),
        ]), range: tfRange)
        let plan = stage("aws_api_gateway_stage.s", origin: .terraformPlan, scope: "infra/plan.json", attributes: .object([
            ObjectEntry("access_log_settings", .list([.object([
                ObjectEntry("format", .string("$context.requestId")),
                ObjectEntry("destination_arn", .unknown(UnknownReason(.knownAfterApply))),
            ])])),
            ObjectEntry("stage_name", .string("prod")),
        ]), range: nil)
        let merged = PlanConfigurationMerge.merge(plan: [plan], into: [config], configurationScope: "infra")
        XCTAssertEqual(merged.count, 1)
        let settings = merged[0]["access_log_settings"]?.listValue?.first
        XCTAssertEqual(settings?["format"]?.stringValue, "$context.requestId")
        XCTAssertEqual(settings?["format"]?.range, argRange, "the plan's value is reported at the configuration's line")
        XCTAssertEqual(settings?["destination_arn"]?.references, [logRef])
        XCTAssertEqual(merged[0]["stage_name"]?.stringValue, "prod")
        XCTAssertEqual(merged[0].range, tfRange)
        XCTAssertEqual(merged[0].scope, "infra")
    }

    func testInstancesOnlyThePlanKnowsPointAtTheDeclaration() {
        let config = stage("aws_api_gateway_stage.s", origin: .terraform, scope: "infra", attributes: .object([]), range: tfRange)
        let plans = ["0", "1"].map { (key: String) -> Resource in
            stage("aws_api_gateway_stage.s[\(key)]", key: key, origin: .terraformPlan, scope: "infra/plan.json",
                  attributes: .object([ObjectEntry("stage_name", .string("s\(key)"))]), range: nil)
        }
        let merged = PlanConfigurationMerge.merge(plan: plans, into: [config], configurationScope: "infra")
        XCTAssertEqual(merged.map(\.address), ["aws_api_gateway_stage.s[0]", "aws_api_gateway_stage.s[1]"])
        XCTAssertEqual(merged.map(\.range), [tfRange, tfRange])
        XCTAssertEqual(merged.map(\.scope), ["infra", "infra"])
        XCTAssertEqual(merged[1]["stage_name"]?.stringValue, "s1")
    }

    func testConfigurationOnlyResourcesStay() {
        let config = stage("aws_api_gateway_stage.other", origin: .terraform, scope: "infra", attributes: .object([]), range: tfRange)
        let merged = PlanConfigurationMerge.merge(plan: [], into: [config], configurationScope: "infra")
        XCTAssertEqual(merged.map(\.address), ["aws_api_gateway_stage.other"])
    }
}
