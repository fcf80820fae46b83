// Every reporter against golden files in testdata/reporters (IACLINT_UPDATE_GOLDEN=1 rewrites them).

import XCTest
import IaCLintCore
import IaCLintKit
import TestSupport

final class ReporterGoldenTests: XCTestCase {
    func assertGolden(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let path = TestPaths.testdata("reporters/\(name)")
        let actual = String(decoding: bytes, as: UTF8.self)
        if TestPaths.updateGolden {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = TestPaths.readText(path) else {
            return XCTFail("missing golden file \(path); run with IACLINT_UPDATE_GOLDEN=1 to create it", file: file, line: line)
        }
        XCTAssertEqual(actual, expected, "output differs from \(name)", file: file, line: line)
    }

    func testEveryFormatMatchesItsGoldenFile() throws {
        let extensions: [ReportFormat: String] = [.text: "txt", .json: "json", .sarif: "sarif", .github: "txt",
                                                  .junit: "xml", .checkstyle: "xml", .gitlab: "json"]
        for format in ReportFormat.allCases {
            let ext = extensions[format] ?? "txt"
            try assertGolden(format.reporter().render(ReportFixture.report()), "\(format.rawValue).\(ext)")
            try assertGolden(format.reporter().render(ReportFixture.emptyReport()), "\(format.rawValue)-empty.\(ext)")
        }
    }

    func testTextWithColourAndSuppressed() throws {
        try assertGolden(TextReporter(colour: true).render(ReportFixture.report()), "text-colour.txt")
        try assertGolden(TextReporter().render(ReportFixture.report(showSuppressed: true)), "text-show-suppressed.txt")
        try assertGolden(JSONReporter().render(ReportFixture.report(showSuppressed: true)), "json-show-suppressed.json")
        try assertGolden(SARIFReporter().render(ReportFixture.report(showSuppressed: true)), "sarif-show-suppressed.sarif")
    }

    func testGitHubStepSummary() throws {
        try assertGolden(GitHubReporter().stepSummary(ReportFixture.report()), "github-step-summary.md")
    }

    func testTextHasNoEscapeSequencesWithoutColour() {
        let text = String(decoding: TextReporter(colour: false).render(ReportFixture.report()), as: UTF8.self)
        XCTAssertFalse(text.contains("\u{1B}["))
        let coloured = String(decoding: TextReporter(colour: true).render(ReportFixture.report()), as: UTF8.self)
        XCTAssertTrue(coloured.contains("\u{1B}[1;31merror[APIGW001]:\u{1B}[0m"))
    }

    func testLargeTextReportIsWrittenInBoundedPiecesThatJoinToTheWholeReport() {
        let source = SourceFile(path: "a.tf", text: String(repeating: "stage = \"prod\"\n", count: 3000))
        let findings = (0..<3000).map { i -> Finding in
            let offset = i * 15
            let r = SourceRange(file: "a.tf", start: SourcePosition(line: i + 1, column: 1, offset: offset),
                                end: SourcePosition(line: i + 1, column: 6, offset: offset + 5))
            return Finding(ruleID: "X1", ruleName: "x", severity: .warning, message: "finding \(i)", range: r, resource: nil)
        }
        let report = Report(tool: ToolInfo(version: "1"), findings: findings, rules: [], sources: ["a.tf": source],
                            filesChecked: 1, workingDirectory: "/w")
        var pieces: [[UInt8]] = []
        TextReporter().stream(report) { pieces.append($0) }
        XCTAssertGreaterThan(pieces.count, 1, "a report of 3,000 findings comes in more than one piece")
        XCTAssertTrue(pieces.allSatisfy { $0.count < (64 << 10) + 4096 }, "\(pieces.map(\.count))")
        let text = String(decoding: pieces.joined(), as: UTF8.self)
        let entries = text.split(separator: "\n").filter { $0.hasPrefix("a.tf:") }
        XCTAssertEqual(entries.count, 3000)
        XCTAssertEqual(entries.first, "a.tf:1:1: warning[X1]: finding 0")
        XCTAssertEqual(entries.last, "a.tf:3000:1: warning[X1]: finding 2999")
        XCTAssertTrue(text.hasSuffix("3000 findings (3000 warnings) in 1 file.\n"), String(text.suffix(80)))
        XCTAssertEqual(Array(text.utf8), TextReporter().render(report))
    }

    func testTextUnderlinesTheRangeKeepingTabs() {
        let source = SourceFile(path: "a.tf", text: "\tfoo = bar\n")
        let r = SourceRange(file: "a.tf", start: SourcePosition(line: 1, column: 2, offset: 1), end: SourcePosition(line: 1, column: 5, offset: 4))
        let finding = Finding(ruleID: "X1", ruleName: "x", severity: .error, message: "m", range: r, resource: nil)
        let report = Report(tool: ToolInfo(version: "1"), findings: [finding], rules: [], sources: ["a.tf": source],
                            filesChecked: 1, workingDirectory: "/w")
        let text = String(decoding: TextReporter().render(report), as: UTF8.self)
        XCTAssertEqual(text, """
            a.tf:1:2: error[X1]: m
               |
             1 | \tfoo = bar
               | \t^~~
            1 finding (1 error) in 1 file.

            """)
    }

    func testGitHubEscaping() {
        XCTAssertEqual(GitHubReporter.escapeData("100%\r\na:b,c"), "100%25%0D%0Aa:b,c")
        XCTAssertEqual(GitHubReporter.escapeProperty("100%\r\na:b,c"), "100%25%0D%0Aa%3Ab%2Cc")
        let out = String(decoding: GitHubReporter().render(ReportFixture.report()), as: UTF8.self)
        XCTAssertTrue(out.contains("::warning file=odd%2C dir/template.yaml,line=6,endLine=6,col=17,endColumn=37,title=APIGW007 access-log-format-request-id::format lacks $context.requestId: 100%25 of lines, a,b: x%0Asecond line <&> | pipe\n"), out)
    }

    func testJSONReportParsesBackWithTheDocumentedKeys() throws {
        let bytes = JSONReporter().render(ReportFixture.report())
        guard let root = JSONTestReading.read(bytes) else { return XCTFail("report is not JSON") }
        XCTAssertEqual(root["version"], .int(1))
        let findings = try XCTUnwrap(root["findings"]?.arrayValue)
        XCTAssertEqual(findings.count, 3)
        let keys = findings.first.flatMap { value -> [String]? in
            if case .object(let entries) = value { return entries.map(\.0) } else { return nil }
        }
        XCTAssertEqual(keys, ["rule", "name", "severity", "message", "file", "line", "column", "endLine", "endColumn", "resource", "fingerprint"])
        XCTAssertEqual(root["errors"]?.arrayValue?.count, 1)
        XCTAssertEqual(root["summary"]?["suppressed"], .int(1))
        XCTAssertEqual(root["summary"]?["baselined"], .int(1))
    }
}
