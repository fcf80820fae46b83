// Every rule's failing and passing examples, run through the whole pipeline (`Linter.lint`):
// failing examples must be reported exactly at each `↓`, passing examples not at all.

import XCTest
import IaCLintCore
import TestSupport
import IaCLintKit
@testable import IaCLintRules

final class RuleExampleTests: XCTestCase {
    func testEveryRuleExample() throws {
        var ran = 0, skipped = 0
        for rule in RuleCatalog.all {
            for (index, example) in rule.failing.enumerated() {
                if try run(rule, example, label: "failing #\(index + 1)", mustFail: true) { ran += 1 } else { skipped += 1 }
            }
            for (index, example) in rule.passing.enumerated() {
                if try run(rule, example, label: "passing #\(index + 1)", mustFail: false) { ran += 1 } else { skipped += 1 }
            }
        }
        print("rule examples: \(ran) run through Linter.lint")
        XCTAssertGreaterThan(ran, 0)
    }

    private func run(_ rule: RuleDescription, _ example: RuleExample, label: String, mustFail: Bool) throws -> Bool {
        let root = try ExampleLoading.temporaryDirectory()
        let files = example.files.map { MarkedFile(name: $0.key, marked: $0.value) }
        for file in files { try ExampleLoading.write(file.text, to: Path.join(root, file.name)) }
        let result = ExampleLoading.lint(root: root)
        // Dropping the values of resources no rule reads must not change a single finding.
        XCTAssertEqual(ExampleLoading.lint(root: root, dropsUnreadAttributeValues: false).findings, result.findings,
                       "\(rule.id) \(label): findings differ when every attribute value is kept")
        XCTAssertEqual(result.findings.filter { $0.ruleID == ParseErrorRule.id }, [], "\(rule.id) \(label): the example does not load")
        XCTAssertEqual(result.filesChecked, files.count, "\(rule.id) \(label): not every file was read")
        let found = result.findings.filter { $0.ruleID == rule.id }
        let positions = Set(found.compactMap { f in
            f.range.map { MarkedFile.Position(file: $0.file, line: $0.start.line, column: $0.start.column) }
        })
        let expected = Set(files.flatMap(\.markers))
        XCTAssertEqual(positions.sorted(), expected.sorted(),
                       "\(rule.id) \(label) (\(example.language)):\n" + found.map { "  \($0.range?.description ?? "?"): \($0.message)" }.joined(separator: "\n"))
        return true
    }
}
