// Suppressions: comments before statements and blocks, ignore-file, CloudFormation Metadata,
// reasons required, unused ones reported.

import XCTest
import IaCLintCore
@testable import IaCLintKit

final class SuppressionTests: XCTestCase {
    let tf = """
    # iaclint:ignore APIGW001 -- legacy stage, removed in Q3
    resource "aws_api_gateway_stage" "legacy" {
      stage_name = "old"
      access_log_settings {
        format = "${jsonencode({ a = "}" })}"
      }
    }

    resource "aws_api_gateway_stage" "prod" {
      // iaclint:ignore APIGW007, APIGW003 -- format is checked by the platform team
      access_log_settings {
        format = <<EOF
    {"id": "$context.requestId"}
    EOF
      }
      # iaclint:ignore APIGW005
      stage_name = "prod"
      description = "x"
    }
    # iaclint:ignore APIGW009 -- nothing follows
    """

    func finding(_ rule: String, line: Int, column: Int = 3, file: String = "main.tf", resource: String? = nil) -> Finding {
        let start = SourcePosition(line: line, column: column, offset: 0)
        return Finding(ruleID: rule, ruleName: "r", severity: .warning, message: "m \(rule) \(line)",
                       range: SourceRange(file: file, at: start), resource: resource)
    }

    func header(_ address: String, line: Int, file: String = "main.tf") -> Resource {
        Resource(address: address, type: "aws_api_gateway_stage", origin: .terraform, scope: ".",
                 range: SourceRange(file: file, start: SourcePosition(line: line, column: 1, offset: 0), end: SourcePosition(line: line, column: 10, offset: 9)))
    }

    func testMarkerSearchFindsFirstWholeOccurrence() {
        let marker = Array("iaclint:ignore".utf8)
        func find(_ text: String) -> Int? { SuppressionComment.findSequence(Array(text.utf8), marker) }
        XCTAssertEqual(find("iaclint:ignore"), 0)
        XCTAssertEqual(find("# iaclint:iaclint:ignore APIGW001"), 10)
        XCTAssertEqual(find("iiiaclint:ignor iaclint:ignore"), 16)
        XCTAssertEqual(find("x = 1 # iaclint:ignore"), 8)
        XCTAssertNil(find("iaclint:ignor"))
        XCTAssertNil(find(""))
        XCTAssertNil(find("no marker here, only iaclint: and ignore"))
    }

    func testCommentsBeforeBlocksCoverTheWholeStatement() {
        let source = SourceFile(path: "main.tf", text: tf)
        let comments = SuppressionComment.scan(source)
        XCTAssertEqual(comments.map(\.scope), [.lines(target: 2, last: 7), .lines(target: 11, last: 15), .lines(target: 17, last: 17), .nothing])
        XCTAssertEqual(comments[1].rules, ["APIGW007", "APIGW003"])
        XCTAssertEqual(comments[1].reason, "format is checked by the platform team")
        XCTAssertNil(comments[2].reason)
        XCTAssertEqual(comments[1].range, SourceRange(file: "main.tf", start: SourcePosition(line: 10, column: 3, offset: 239),
                                                       end: SourcePosition(line: 10, column: 81, offset: 317)))
    }

    func testApplyingSuppressions() {
        let source = SourceFile(path: "main.tf", text: tf)
        var graph = ResourceGraph()
        graph.add(header("aws_api_gateway_stage.legacy", line: 2))
        graph.add(header("aws_api_gateway_stage.prod", line: 9))
        let findings = [
            finding("APIGW001", line: 2, column: 1, resource: "aws_api_gateway_stage.legacy"),  // header line
            finding("APIGW001", line: 30, file: "other.tf", resource: "aws_api_gateway_stage.legacy"),  // via header
            finding("APIGW007", line: 12, resource: "aws_api_gateway_stage.prod"),  // inside the block
            finding("APIGW007", line: 17, resource: "aws_api_gateway_stage.prod"),  // after the block: kept
            finding("APIGW005", line: 17, resource: "aws_api_gateway_stage.prod"),  // no reason: kept
            finding("APIGW002", line: 3, resource: "aws_api_gateway_stage.legacy"),  // other rule: kept
        ]
        let outcome = Suppressor.apply(findings, sources: ["main.tf": source], graph: graph)
        XCTAssertEqual(outcome.suppressed.map { "\($0.finding.ruleID)@\($0.finding.range?.start.line ?? 0)" }, ["APIGW001@2", "APIGW001@30", "APIGW007@12"])
        XCTAssertEqual(outcome.suppressed.first?.reason, "legacy stage, removed in Q3")
        XCTAssertEqual(outcome.suppressed.first?.kind, .inline)
        XCTAssertEqual(outcome.findings.map { "\($0.ruleID)@\($0.range?.start.line ?? 0)" }, ["APIGW007@17", "APIGW005@17", "APIGW002@3"])
        XCTAssertEqual(outcome.notes.map(\.ruleID), ["IAC002", "IAC003", "IAC002"])
        XCTAssertEqual(outcome.notes.map(\.message), [
            "iaclint:ignore APIGW003 matches no finding; remove it",
            "iaclint:ignore APIGW005 has no reason, so it is not applied; add `-- why this is acceptable`",
            "iaclint:ignore APIGW009 matches no finding; remove it",
        ])
        XCTAssertEqual(outcome.notes.map { $0.range?.start.line }, [10, 16, 20])
        XCTAssertTrue(outcome.notes.allSatisfy { $0.severity == .note })
    }

    func testIgnoreFileAndYAMLAndUnknownRules() {
        let yaml = SourceFile(path: "t.yaml", text: """
        # iaclint:ignore-file APIGW008 -- retention is managed centrally
        Resources:
          # iaclint:ignore APIGW002 -- shared log group
          Stage:
            Type: AWS::ApiGateway::Stage
            Properties:
              X: 1
          Other:
            Type: AWS::ApiGateway::Stage
        # iaclint:ignore NOPE1 -- typo
        Outputs: {}
        """)
        let findings = [finding("APIGW008", line: 9, file: "t.yaml"), finding("APIGW002", line: 7, file: "t.yaml"),
                        finding("APIGW002", line: 9, file: "t.yaml"), finding("APIGW008", line: 1, file: "main.tf")]
        let outcome = Suppressor.apply(findings, sources: ["t.yaml": yaml], graph: ResourceGraph(), knownRules: ["APIGW008", "APIGW002"])
        XCTAssertEqual(outcome.suppressed.map(\.kind), [.file, .inline])
        XCTAssertEqual(outcome.findings.map { $0.range?.start.line }, [9, 1])
        XCTAssertEqual(outcome.notes.map(\.message), ["iaclint:ignore names unknown rule NOPE1; run `iaclint rules` for the list"])
    }

    func testCloudFormationMetadata() {
        let metadata = Value.object([ObjectEntry("iaclint", .object([ObjectEntry("ignore", .list([
            .object([ObjectEntry("rule", .string("APIGW007")), ObjectEntry("reason", .string("format owned by platform"))]),
            .object([ObjectEntry("rule", .string("APIGW004")), ObjectEntry("reason", .string("  "))]),
            .object([ObjectEntry("rule", .string("APIGW003")), ObjectEntry("reason", .string("unused"))]),
        ]))]))])
        var stage = header("Stage", line: 3, file: "t.yaml")
        stage.metadata = metadata
        var graph = ResourceGraph()
        graph.add(stage)
        let findings = [finding("APIGW007", line: 8, file: "t.yaml", resource: "Stage"),
                        finding("APIGW004", line: 8, file: "t.yaml", resource: "Stage"),
                        finding("APIGW007", line: 20, file: "t.yaml", resource: "OtherStage")]
        let outcome = Suppressor.apply(findings, sources: [:], graph: graph)
        XCTAssertEqual(outcome.suppressed.map(\.finding.ruleID), ["APIGW007"])
        XCTAssertEqual(outcome.suppressed.first?.kind, .metadata)
        XCTAssertEqual(outcome.findings.map(\.ruleID), ["APIGW004", "APIGW007"])
        XCTAssertEqual(outcome.notes.map(\.ruleID).sorted(), ["IAC002", "IAC003"])
    }

    func testDirectiveLookalikesAreIgnored() {
        let source = SourceFile(path: "a.tf", text: "# iaclint:ignored APIGW001 -- x\nx = \"# iaclint:ignore APIGW001 -- y\"\n")
        XCTAssertTrue(SuppressionComment.scan(source).isEmpty)
        XCTAssertTrue(SuppressionComment.scan(SourceFile(path: "a.json", text: "# iaclint:ignore A -- b\n{}")).isEmpty)
    }
}
