import XCTest
@testable import IaCLintKit
import IaCLintCore
import TestSupport

/// The sample in examples/ is what the README runs: its findings are part of the manual.
final class LinterExamplesTests: XCTestCase {
    func testExamplesFolderFindsEachPlantedMistake() {
        var request = LintRequest(paths: ["examples"])
        request.workingDirectory = TestPaths.repositoryRoot
        let result = Linter.lint(request)
        let got = result.findings.map { "\($0.range?.description ?? "-") \($0.ruleID) \($0.resource ?? "")" }
        XCTAssertEqual(got, [
            "examples/cloudformation/api.yaml:38:3 APIGW008 ProdStage",
            "examples/cloudformation/api.yaml:47:9 APIGW002 ProdStage",
            "examples/sam/template.yaml:13:9 APIGW001 ServerlessHttpApi",
            "examples/terraform/main.tf:22:1 APIGW001 aws_api_gateway_stage.orders_prod",
            "examples/terraform/main.tf:22:1 APIGW008 aws_api_gateway_stage.orders_prod",
            "examples/terraform/main.tf:33:1 APIGW007 aws_cloudwatch_log_group.payments",
            "examples/terraform/main.tf:48:20 APIGW003 aws_apigatewayv2_stage.payments",
        ])
        XCTAssertEqual(result.filesChecked, 3)
        XCTAssertFalse(result.hadInputErrors)
        XCTAssertNotNil(result.sources["examples/terraform/main.tf"], "excerpts need the sources of every finding")
    }

    /// JSON and SARIF runs need no excerpts: only the files of findings to narrow to their focus are read,
    /// none is kept for the report, and the findings (ranges included) are those of a text run.
    func testReportsWithoutExcerptsKeepNoSources() {
        var request = LintRequest(paths: ["examples"])
        request.workingDirectory = TestPaths.repositoryRoot
        let withExcerpts = Linter.lint(request)
        request.readsSourcesForExcerpts = false
        let without = Linter.lint(request)
        XCTAssertEqual(without.findings, withExcerpts.findings)
        XCTAssertTrue(without.findings.contains { $0.ruleID == "APIGW003" && $0.focus != nil && $0.range?.start.column == 20 },
                      "the APIGW003 finding is still narrowed to its focus")
        XCTAssertEqual(Set(without.sources.keys), [])
        XCTAssertNotNil(withExcerpts.sources["examples/cloudformation/api.yaml"])
        // The text run keeps the lines its excerpts show, at their line numbers.
        for finding in withExcerpts.findings {
            guard let range = finding.range, let source = withExcerpts.sources[range.file] else { continue }
            XCTAssertFalse(source.line(range.start.line).isEmpty, "\(finding.ruleID) at \(range.file):\(range.start.line)")
        }
    }

    func testExplicitFileReportsOnlyItsFindingsButSeesTheWholeConfiguration() {
        var request = LintRequest(paths: ["examples/cloudformation/api.yaml"])
        request.workingDirectory = TestPaths.repositoryRoot
        let result = Linter.lint(request)
        XCTAssertEqual(Set(result.findings.compactMap { $0.range?.file }), ["examples/cloudformation/api.yaml"])
        XCTAssertEqual(result.findings.map(\.ruleID), ["APIGW008", "APIGW002"])
    }

    func testExcludes() {
        var request = LintRequest(paths: ["examples"])
        request.workingDirectory = TestPaths.repositoryRoot
        request.excludes = ["examples/terraform/", "*.yaml"]
        XCTAssertEqual(Linter.lint(request).findings, [])
    }
}
