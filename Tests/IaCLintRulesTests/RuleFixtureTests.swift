// Multi-file cases under testdata/rules/<ID>/<case>/ (modules, roles in another file, several
// templates): every file goes through its front end; expected.json lists the findings of the
// rules it names, by rule, file, line, column and resource.

import XCTest
import IaCLintCore
import TestSupport
import IaCLintKit
@testable import IaCLintRules

final class RuleFixtureTests: XCTestCase {
    struct Expected: Hashable, CustomStringConvertible {
        var rule: String, file: String, line: Int, column: Int, resource: String?
        var description: String { "\(rule) \(file):\(line):\(column) \(resource ?? "-")" }
    }

    func testEveryFixtureFolder() throws {
        let root = TestPaths.testdata("rules")
        guard case .success(let ruleDirectories) = FileSystem.list(root) else { return XCTFail("no testdata/rules") }
        var cases = 0
        for ruleDirectory in ruleDirectories {
            guard case .success(let caseNames) = FileSystem.list(Path.join(root, ruleDirectory)) else { continue }
            for caseName in caseNames {
                let folder = Path.join(Path.join(root, ruleDirectory), caseName)
                guard FileSystem.kind(folder) == .directory else { continue }
                try check(folder, label: "\(ruleDirectory)/\(caseName)")
                cases += 1
            }
        }
        print("rule fixtures: \(cases) cases")
        XCTAssertGreaterThanOrEqual(cases, 10)
    }

    private func check(_ folder: String, label: String) throws {
        guard let text = TestPaths.readText(Path.join(folder, "expected.json")),
              case .success(let json) = JSONText.parse(text) else {
            return XCTFail("\(label): missing or invalid expected.json")
        }
        let rules = Set((json["rules"]?.listValue ?? []).compactMap(\.stringValue))
        var expected: [Expected] = []
        var messages: [Expected: String] = [:]
        var severities: [Expected: String] = [:]
        for item in json["findings"]?.listValue ?? [] {
            let e = Expected(rule: item["rule"]?.stringValue ?? "", file: item["file"]?.stringValue ?? "",
                             line: Int(item["line"]?.numberValue ?? 0), column: Int(item["column"]?.numberValue ?? 0),
                             resource: item["resource"]?.stringValue)
            expected.append(e)
            if let m = item["message"]?.stringValue { messages[e] = m }
            if let s = item["severity"]?.stringValue { severities[e] = s }
        }
        // `load` limits the files read (e.g. the plan alone, without its configuration).
        let only = json["load"]?.listValue?.compactMap(\.stringValue)
        let files = ExampleLoading.listFiles(folder).filter { $0 != "expected.json" && (only?.contains($0) ?? true) }
        let all: [Finding]
        if only == nil {
            // The whole pipeline, as `iaclint` runs in the folder.
            let result = ExampleLoading.lint(root: folder)
            XCTAssertEqual(ExampleLoading.lint(root: folder, dropsUnreadAttributeValues: false).findings, result.findings,
                           "\(folder): findings differ when every attribute value is kept")
            XCTAssertEqual(result.findings.filter { $0.ruleID == ParseErrorRule.id }, [], "\(label): input errors")
            all = result.findings
        } else {
            // Some files only (a plan without its configuration): the front ends directly.
            guard let graph = ExampleLoading.load(root: folder, files: files) else { throw XCTSkip("front end missing") }
            XCTAssertEqual(graph.diagnostics.filter { $0.severity == .error }, [], "\(label): input errors")
            all = RuleEngine.check(graph)
        }
        let found = all.filter { rules.contains($0.ruleID) }
        let actual = found.map { f in
            Expected(rule: f.ruleID, file: f.range?.file ?? "", line: f.range?.start.line ?? 0,
                     column: f.range?.start.column ?? 0, resource: f.resource)
        }
        XCTAssertEqual(actual.sorted { $0.description < $1.description }, expected.sorted { $0.description < $1.description },
                       "\(label):\n" + found.map { "  \($0.ruleID) \($0.range?.description ?? "?"): \($0.message)" }.joined(separator: "\n"))
        for (e, fragment) in messages {
            let match = zip(actual, found).first { $0.0 == e }?.1
            XCTAssertTrue(match?.message.contains(fragment) ?? false, "\(label): \(e) message lacks \(fragment): \(match?.message ?? "none")")
        }
        for (e, severity) in severities {
            let match = zip(actual, found).first { $0.0 == e }?.1
            XCTAssertEqual(match?.severity.rawValue, severity, "\(label): \(e)")
        }
    }
}
