// The values the rules never read are dropped, their edges kept; what they read stays.

import XCTest
import IaCLintCore
@testable import IaCLintRules

final class UnreadValuesTests: XCTestCase {
    private func policyDocument(json: Value) -> Resource {
        let statement = Value.object([
            ObjectEntry("actions", .list([.string("sts:AssumeRole")])),
            ObjectEntry("principals", .list([.object([
                ObjectEntry("type", .string("Service")),
                ObjectEntry("identifiers", Value(.unknown(UnknownReason(.knownAfterApply)),
                                                 references: [Reference(target: "aws_iam_role.other", attribute: "arn")])),
            ])])),
        ])
        return Resource(address: "data.aws_iam_policy_document.trust", type: "aws_iam_policy_document", mode: .data,
                        origin: .terraform, scope: "root", range: nil,
                        attributes: .object([ObjectEntry("statement", .list([statement])), ObjectEntry("json", json)]))
    }

    func testAPolicyDocumentWithKnownJSONKeepsOnlyTheJSONAndTheStatementsEdges() {
        var doc = policyDocument(json: .string(#"{"Version":"2012-10-17","Statement":[]}"#))
        RuleEngine.dropUnreadAttributeValues(&doc)
        XCTAssertEqual(doc.attributes.objectEntries?.map(\.key), ["json"])
        XCTAssertEqual(doc["json"]?.stringValue, #"{"Version":"2012-10-17","Statement":[]}"#)
        XCTAssertEqual(doc.allReferences.map(\.target), ["aws_iam_role.other"], "the dropped statements' edges stay")
    }

    func testAPolicyDocumentWithUnknownJSONKeepsItsStatements() {
        var doc = policyDocument(json: Value(.unknown(UnknownReason(.knownAfterApply))))
        let before = doc
        RuleEngine.dropUnreadAttributeValues(&doc)
        XCTAssertEqual(doc, before, "the rules read the statements when the json is not known")
    }

    func testTypesNoRuleReadsKeepOnlyTheirEdges() {
        var bucket = Resource(address: "aws_s3_bucket.logs", type: "aws_s3_bucket", origin: .terraform, scope: "root", range: nil,
                              attributes: .object([ObjectEntry("bucket", .string("logs")),
                                                   ObjectEntry("policy", Value(.unknown(UnknownReason(.knownAfterApply)),
                                                                               references: [Reference(target: "aws_iam_policy.p", attribute: "arn")]))]))
        RuleEngine.dropUnreadAttributeValues(&bucket)
        XCTAssertEqual(bucket.attributes.objectEntries?.count, 0)
        XCTAssertEqual(bucket.allReferences.map(\.target), ["aws_iam_policy.p"])
    }

    func testStagesKeepEveryValueButTheirTags() {
        let tags = Value.object([ObjectEntry("Team", Value(.unknown(UnknownReason(.unsetVariable)),
                                                           references: [Reference(target: "var.team", kind: .ref)]))])
        var stage = Resource(address: "aws_api_gateway_stage.prod", type: "aws_api_gateway_stage", origin: .terraform, scope: "root",
                             range: nil, attributes: .object([ObjectEntry("stage_name", .string("prod")), ObjectEntry("tags", tags),
                                                              ObjectEntry("tags_all", tags)]))
        RuleEngine.dropUnreadAttributeValues(&stage)
        XCTAssertEqual(stage.attributes.objectEntries?.map(\.key), ["stage_name"])
        XCTAssertEqual(stage["stage_name"]?.stringValue, "prod")
        XCTAssertEqual(stage.allReferences.map(\.target), ["var.team"], "one edge per target, attribute and kind")
        var untagged = Resource(address: "aws_api_gateway_stage.dev", type: "aws_api_gateway_stage", origin: .terraform, scope: "root",
                                range: nil, attributes: .object([ObjectEntry("stage_name", .string("dev"))]))
        let before = untagged
        RuleEngine.dropUnreadAttributeValues(&untagged)
        XCTAssertEqual(untagged, before)
    }
}
