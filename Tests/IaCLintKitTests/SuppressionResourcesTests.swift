// The graph a run keeps after the rules: only what suppressions read, with the same suppressions applied.

import XCTest
import IaCLintCore
@testable import IaCLintKit
import TestSupport

final class SuppressionResourcesTests: XCTestCase {
    func resource(_ address: String, scope: String = ".", line: Int, file: String = "main.tf") -> Resource {
        Resource(address: address, type: "aws_api_gateway_stage", origin: .terraform, scope: scope,
                 range: SourceRange(file: file, start: SourcePosition(line: line, column: 1, offset: 0),
                                    end: SourcePosition(line: line, column: 10, offset: 9)))
    }

    func finding(_ rule: String, line: Int, file: String = "main.tf", resource: String?) -> Finding {
        Finding(ruleID: rule, ruleName: "r", severity: .warning, message: "m \(rule) \(line)",
                range: SourceRange(file: file, at: SourcePosition(line: line, column: 3, offset: 0)), resource: resource)
    }

    func testKeepsResourcesWithMetadataAndEveryResourceAFindingNamesInGraphOrder() {
        var withMetadata = resource("Stage", scope: "t.yaml", line: 3, file: "t.yaml")
        withMetadata.metadata = .object([ObjectEntry("iaclint", .object([ObjectEntry("ignore", .list([
            .object([ObjectEntry("rule", .string("APIGW007")), ObjectEntry("reason", .string("owned elsewhere"))]),
        ]))]))])
        let graph = ResourceGraph(resources: [
            resource("aws_api_gateway_stage.a", line: 1),
            resource("aws_s3_bucket.unrelated", line: 5),
            withMetadata,
            resource("aws_api_gateway_stage.a", scope: "other", line: 7, file: "other/main.tf"),
        ])
        let findings = [finding("APIGW001", line: 1, resource: "aws_api_gateway_stage.a"),
                        finding("APIGW007", line: 8, file: "t.yaml", resource: "Stage"),
                        finding("APIGW002", line: 9, resource: nil)]
        let kept = SuppressionResources.kept(from: graph, findings: findings)
        XCTAssertEqual(kept.resources.map(\.address), ["aws_api_gateway_stage.a", "Stage", "aws_api_gateway_stage.a"])
        XCTAssertEqual(kept.resources.map(\.scope), [".", "t.yaml", "other"])

        // Suppressions read the kept graph as they read the whole one.
        let source = SourceFile(path: "other/main.tf", bytes: Array("# iaclint:ignore APIGW001 -- moved\n".utf8))
        let sources = ["other/main.tf": source]
        let whole = Suppressor.apply(findings, sources: sources, graph: graph)
        let fromKept = Suppressor.apply(findings, sources: sources, graph: kept)
        XCTAssertEqual(fromKept.findings, whole.findings)
        XCTAssertEqual(fromKept.suppressed, whole.suppressed)
        XCTAssertEqual(fromKept.notes, whole.notes)
        XCTAssertEqual(whole.suppressed.map(\.finding.ruleID), ["APIGW007"])
    }

    /// A run that frees the graph after the rules reports what one that keeps it reports.
    func testReleasingTheGraphChangesNoReport() throws {
        var request = LintRequest(paths: ["examples"])
        request.workingDirectory = TestPaths.repositoryRoot
        let whole = Linter.lint(request)
        request.releasesGraphAfterRules = true
        let released = Linter.lint(request)
        XCTAssertEqual(released.findings, whole.findings)
        XCTAssertLessThan(released.graph.resources.count, whole.graph.resources.count)
        let named = Set(whole.findings.compactMap(\.resource))
        let expected = whole.graph.resources.filter { $0.metadata != nil || named.contains($0.address) }
        XCTAssertEqual(released.graph.resources.map(\.address), expected.map(\.address))
        XCTAssertEqual(released.graph.resources.map(\.range), expected.map(\.range))
        XCTAssertEqual(released.graph.resources.map(\.metadata), expected.map(\.metadata))
        XCTAssertTrue(released.graph.resources.allSatisfy { $0.attributes.objectEntries?.isEmpty == true }, "values are not kept")
        func report(_ result: LintResult) -> Report {
            CheckRunner.buildReport(result, config: Configuration(), baseline: nil, baselinePath: "", knownRules: [],
                                    showSuppressed: true, tool: .current, workingDirectory: TestPaths.repositoryRoot,
                                    repositoryRoot: nil).0
        }
        let a = report(released), b = report(whole)
        XCTAssertEqual(a.findings, b.findings)
        XCTAssertEqual(a.suppressed, b.suppressed)
    }
}
