// The check command in-process with a fixed pipeline result: output pairing, exit statuses,
// failure levels, configuration, baseline writing and reuse, atomic report files.

import XCTest
import IaCLintCore
@testable import IaCLintKit

final class CheckRunnerTests: XCTestCase {
    var directory = ""

    override func setUpWithError() throws {
        directory = NSTemporaryDirectory() + "iaclint-runner-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory + "/.git", withIntermediateDirectories: true)
    }

    override func tearDown() { try? FileManager.default.removeItem(atPath: directory) }

    func testOutputPairing() throws {
        XCTAssertEqual(try OutputRequest.pair(["check", "--format", "text", "--format", "sarif", "--output", "r.sarif", "."]).get(),
                       [OutputRequest(format: .text), OutputRequest(format: .sarif, path: "r.sarif")])
        XCTAssertEqual(try OutputRequest.pair(["--format=json", "-o", "a.json", "-f", "junit", "--output=b.xml", "-f", "github"]).get(),
                       [OutputRequest(format: .json, path: "a.json"), OutputRequest(format: .junit, path: "b.xml"), OutputRequest(format: .github)])
        XCTAssertEqual(try OutputRequest.pair(["--output", "report.txt"]).get(), [OutputRequest(format: .text, path: "report.txt")])
        XCTAssertEqual(try OutputRequest.pair(["main.tf"]).get(), [OutputRequest(format: .text)])
        XCTAssertEqual(try OutputRequest.pair(["--", "--format"]).get(), [OutputRequest(format: .text)])
        for bad in [["--format", "text", "--format", "json"], ["--format", "xml"], ["--format"], ["-f", "json", "-o", "a", "-o", "b"],
                    ["-f", "json", "-o", "a", "-f", "sarif", "-o", "a"]] {
            if case .success = OutputRequest.pair(bad) { XCTFail("accepted \(bad)") }
        }
    }

    func result(_ severities: [Severity], inputError: Bool = false) -> LintResult {
        var result = LintResult()
        let source = SourceFile(path: "main.tf", text: "resource \"aws_api_gateway_stage\" \"s\" {\n}\n")
        result.sources = ["main.tf": source]
        result.filesChecked = 1
        result.findings = severities.enumerated().map { i, severity in
            Finding(ruleID: "APIGW00\(i + 1)", ruleName: "r\(i)", severity: severity, message: "finding \(i)",
                    range: source.range(0, 8), resource: "aws_api_gateway_stage.s")
        }
        if inputError {
            result.findings.append(Finding(ruleID: "IAC001", ruleName: "parse-error", severity: .error, message: "bad",
                                           range: source.range(40, 41), resource: nil))
            result.hadInputErrors = true
        }
        return result
    }

    func run(_ options: CheckOptions, _ result: LintResult) -> ExitStatus {
        let saved = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(directory)
        defer { FileManager.default.changeCurrentDirectoryPath(saved) }
        var options = options
        if options.outputs == [OutputRequest(format: .text)] { options.outputs = [OutputRequest(format: .json, path: "out.json")] }
        return CheckRunner.run(options, lint: { _ in result })
    }

    func testExitStatusFollowsTheFailureLevel() {
        var options = CheckOptions()
        XCTAssertEqual(run(options, result([])), .success)
        XCTAssertEqual(run(options, result([.note])), .success, "notes do not fail by default")
        XCTAssertEqual(run(options, result([.warning])), .findings)
        options.failOn = .error
        XCTAssertEqual(run(options, result([.warning])), .success)
        XCTAssertEqual(run(options, result([.error])), .findings)
        options.failOn = .never
        XCTAssertEqual(run(options, result([.error])), .success)
        XCTAssertEqual(run(options, result([], inputError: true)), .usageOrInputError, "input errors fail even with never")
        options.failOn = .note
        XCTAssertEqual(run(options, result([.note])), .findings)
    }

    func testConfigurationAndBaseline() throws {
        try "fail-on: error\nrules:\n  APIGW001: {severity: note}\n".write(toFile: directory + "/.iaclint.yml", atomically: true, encoding: .utf8)
        var options = CheckOptions()
        options.paths = ["."]
        XCTAssertEqual(run(options, result([.error, .warning])), .success, "APIGW001 lowered to note, fail-on error")
        let report = try String(contentsOfFile: directory + "/out.json", encoding: .utf8)
        XCTAssertTrue(report.contains("\"severity\": \"note\""), report)

        try "rules:\n  APIGW001: {severity: fatal}\n".write(toFile: directory + "/.iaclint.yml", atomically: true, encoding: .utf8)
        XCTAssertEqual(run(options, result([.error])), .usageOrInputError)
        try FileManager.default.removeItem(atPath: directory + "/.iaclint.yml")

        options.writeBaselinePath = "baseline.json"
        XCTAssertEqual(run(options, result([.error, .warning])), .success, "a baseline just written absorbs everything")
        options.writeBaselinePath = nil
        options.baselinePath = "baseline.json"
        XCTAssertEqual(run(options, result([.error, .warning])), .success)
        XCTAssertEqual(run(options, result([.error, .warning, .error])), .findings, "a new finding fails")
        options.baselinePath = "missing.json"
        XCTAssertEqual(run(options, result([])), .usageOrInputError)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tmp") }
        XCTAssertEqual(leftovers, [], "atomic writes leave no temporary files")
    }

    func testConfigurationExcludesBecomeWorkingDirectoryPatterns() {
        XCTAssertEqual(CheckRunner.excludeRelativeToWorkingDirectory("legacy/**", configDirectory: "/r", cwd: "/r"), "legacy/**")
        XCTAssertEqual(CheckRunner.excludeRelativeToWorkingDirectory("legacy/**", configDirectory: "/r/infra", cwd: "/r"), "infra/legacy/**")
        XCTAssertEqual(CheckRunner.excludeRelativeToWorkingDirectory("legacy/**", configDirectory: "/r", cwd: "/r/infra"), "../legacy/**")
        XCTAssertEqual(CheckRunner.excludeRelativeToWorkingDirectory("**/*.generated.tf", configDirectory: "/r", cwd: "/r/infra"), "**/*.generated.tf")
    }
}
