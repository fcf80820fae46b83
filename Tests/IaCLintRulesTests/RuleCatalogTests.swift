// The catalogue (ids, names, examples) and the generated rule pages, which must not drift.

import XCTest
import IaCLintCore
import TestSupport
@testable import IaCLintRules

final class RuleCatalogTests: XCTestCase {
    func testCatalogueListsEveryRuleOnce() {
        let ids = RuleCatalog.all.map(\.id)
        XCTAssertEqual(ids, (1...10).map { String(format: "APIGW%03d", $0) } + ["IAC001"])
        XCTAssertEqual(Set(RuleCatalog.all.map(\.name)).count, RuleCatalog.all.count)
        XCTAssertEqual(RuleCatalog.rule("apigw003")?.name, "access-log-format")
        XCTAssertEqual(RuleCatalog.rule("stage-access-logging")?.id, "APIGW001")
        XCTAssertNil(RuleCatalog.rule("APIGW999"))
        let severities = Dictionary(uniqueKeysWithValues: RuleCatalog.all.map { ($0.id, $0.severity) })
        XCTAssertEqual(severities["APIGW006"], .warning)
        XCTAssertEqual(severities["APIGW008"], .note)
        XCTAssertEqual(severities["IAC001"], .error)
        XCTAssertEqual(RuleCatalog.rule("IAC001")?.summary, "A file could not be read or parsed; everything else is still checked.")
    }

    func testEveryRuleHasFailingAndPassingExamplesWithMarkers() {
        for rule in RuleCatalog.all where rule.id != "IAC001" {
            XCTAssertFalse(rule.failing.isEmpty, rule.id)
            XCTAssertFalse(rule.passing.isEmpty, rule.id)
            for example in rule.failing {
                XCTAssertTrue(example.files.values.contains { $0.contains("↓") }, "\(rule.id): a failing example without ↓")
            }
            for example in rule.passing {
                XCTAssertFalse(example.files.values.contains { $0.contains("↓") }, "\(rule.id): a passing example with ↓")
            }
            for word in ["Terraform", "CloudFormation", "SAM"] {
                XCTAssertTrue(rule.fix.contains(word), "\(rule.id): the fix does not mention \(word)")
            }
        }
    }

    /// `rules/<ID>.md` are generated from the descriptions; `IACLINT_UPDATE_GOLDEN=1` rewrites them.
    func testRulePagesMatchTheDescriptions() throws {
        let directory = Path.join(TestPaths.repositoryRoot, "rules")
        var expectedFiles: [String: String] = ["README.md": "# iaclint rules\n\n" + RulePage.index(RuleCatalog.all)]
        for rule in RuleCatalog.all { expectedFiles["\(rule.id).md"] = RulePage.markdown(rule) }
        for (name, expected) in expectedFiles.sorted(by: { $0.key < $1.key }) {
            let path = Path.join(directory, name)
            if TestPaths.updateGolden {
                try write(expected, to: path)
                continue
            }
            guard let actual = TestPaths.readText(path) else {
                XCTFail("\(path) is missing; run the tests with IACLINT_UPDATE_GOLDEN=1")
                continue
            }
            if actual != expected {
                let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
                let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let line = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
                XCTFail("\(path) drifted from the rule description at line \(line + 1): expected \"\(line < e.count ? e[line] : "")\"; run with IACLINT_UPDATE_GOLDEN=1")
            }
        }
    }

    func testPageContainsTheExamplesAndFix() {
        guard let rule = RuleCatalog.rule("APIGW003") else { return XCTFail("no APIGW003") }
        let page = RulePage.markdown(rule)
        XCTAssertTrue(page.hasPrefix("# APIGW003 access-log-format\n"))
        XCTAssertTrue(page.contains("## How to fix"))
        XCTAssertTrue(page.contains("```hcl"))
        XCTAssertTrue(page.contains("```yaml"))
    }

    private func write(_ text: String, to path: String) throws {
        guard let file = fopen(path, "w") else { throw XCTSkip("cannot write \(path)") }
        defer { fclose(file) }
        _ = Array(text.utf8).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    }
}
