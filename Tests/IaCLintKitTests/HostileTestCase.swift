// Shared scaffolding for the hostile-input suite: a scratch tree per test, a known-bad neighbour
// whose finding must survive whatever the hostile file does, and time and memory guards.

import XCTest
import Glibc
@testable import IaCLintKit
import IaCLintCore

class HostileTestCase: XCTestCase {
    /// Absolute path of this test's scratch tree (world-readable so a dropped-privilege run can walk it).
    var root = ""

    override func setUpWithError() throws {
        var template = Array("/tmp/iaclint-hostile-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        root = String(cString: dir)
        chmod(root, 0o755)
    }

    override func tearDown() {
        _ = system("chmod -R u+rwx '\(root)' 2>/dev/null; rm -rf '\(root)'")
    }

    // MARK: building the tree

    func path(_ relative: String) -> String { root + "/" + relative }

    func makeDirectory(_ relative: String) {
        var dir = ""
        for part in relative.split(separator: "/") {
            dir += (dir.isEmpty ? "" : "/") + part
            mkdir(path(dir), 0o755)
        }
    }

    func write(_ relative: String, _ bytes: [UInt8]) {
        let dir = Path.directory(of: relative)
        if dir != "." && dir != relative { makeDirectory(dir) }
        let fd = open(path(relative), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { return XCTFail("cannot create \(relative)") }
        defer { close(fd) }
        var written = 0
        bytes.withUnsafeBytes { raw in
            while written < raw.count, let base = raw.baseAddress {
                let n = Glibc.write(fd, base + written, raw.count - written)
                if n <= 0 { break }
                written += n
            }
        }
        XCTAssertEqual(written, bytes.count, "short write to \(relative)")
    }

    func write(_ relative: String, _ text: String) { write(relative, Array(text.utf8)) }

    /// A stage without access logs: APIGW001 must be reported for it in every scan, whatever sits next to it.
    static let badStage = """
        resource "aws_api_gateway_stage" "neighbour" {
          rest_api_id   = "abc123"
          deployment_id = "d1"
          stage_name    = "prod"
        }

        """

    static let badTemplate = """
        AWSTemplateFormatVersion: "2010-09-09"
        Resources:
          Stage:
            Type: AWS::ApiGateway::Stage
            Properties:
              RestApiId: abc123
              DeploymentId: d1
              StageName: prod

        """

    /// Writes the known-bad Terraform stage as `relative` (default: a module of its own).
    func addNeighbour(_ relative: String = "neighbour/main.tf") { write(relative, Self.badStage) }

    // MARK: running

    /// Lints `paths` under the scratch tree, failing when it takes longer than `seconds` (a guard against
    /// hangs and blow-ups, generous because debug builds on a shared machine are slow) or when the process's
    /// peak memory passes `memoryMB`.
    /// The process's working directory is moved to `directory` (default: the scratch root) for the run:
    /// the Terraform front end resolves module and `file()` paths against it, as when a user runs iaclint there.
    func lint(_ paths: [String] = ["."], in directory: String? = nil, seconds: Double = 20, memoryMB: Int = 3072,
              configure: (inout LintRequest) -> Void = { _ in },
              file: StaticString = #filePath, line: UInt = #line) -> LintResult {
        let cwd = directory.map(path) ?? root
        var request = LintRequest(paths: paths)
        request.workingDirectory = cwd
        request.environment = [:]
        configure(&request)
        let previous = FileSystem.currentDirectory()
        XCTAssertEqual(chdir(cwd), 0, "chdir \(cwd)", file: file, line: line)
        defer { _ = chdir(previous) }
        let clock = ContinuousClock()
        let start = clock.now
        let result = Linter.lint(request)
        let elapsed = clock.now - start
        XCTAssertLessThan(elapsed, .milliseconds(Int(seconds * 1000)), "lint took \(elapsed)", file: file, line: line)
        XCTAssertLessThan(Self.peakMemoryMB(), memoryMB, "peak memory", file: file, line: line)
        return result
    }

    static func peakMemoryMB() -> Int {
        var usage = rusage()
        getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
        return usage.ru_maxrss / 1024
    }

    // MARK: assertions

    /// The neighbour's APIGW001 is still reported: the hostile file did not stop the rest of the scan.
    func assertNeighbourChecked(_ result: LintResult, _ relative: String = "neighbour/main.tf",
                                file: StaticString = #filePath, line: UInt = #line) {
        let found = result.findings.contains {
            $0.ruleID == "APIGW001" && $0.range?.file == relative && $0.range?.start.line == 1
                && $0.resource == "aws_api_gateway_stage.neighbour"
        }
        XCTAssertTrue(found, "APIGW001 for the neighbour in \(relative) missing; findings: \(describe(result))", file: file, line: line)
    }

    /// An IAC001 finding names `relative` (at `atLine` when given) and its message contains `text`;
    /// the result says the scan had input errors (exit status 2).
    @discardableResult
    func assertInputError(_ result: LintResult, in relative: String, atLine: Int? = nil, containing text: String? = nil,
                          file: StaticString = #filePath, line: UInt = #line) -> Finding? {
        let match = result.findings.first { f in
            f.ruleID == "IAC001" && f.range?.file == relative
                && (atLine == nil || f.range?.start.line == atLine)
                && (text.map { f.message.lowercased().contains($0.lowercased()) } ?? true)
        }
        XCTAssertNotNil(match, "no IAC001 in \(relative)\(atLine.map { ":\($0)" } ?? "") containing \(text ?? "-"); findings: \(describe(result))",
                        file: file, line: line)
        XCTAssertTrue(result.hadInputErrors, "an input error must make the exit status 2", file: file, line: line)
        return match
    }

    func assertNoInputErrors(_ result: LintResult, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(result.hadInputErrors, describe(result), file: file, line: line)
        XCTAssertFalse(result.findings.contains { $0.ruleID == "IAC001" }, describe(result), file: file, line: line)
    }

    func describe(_ result: LintResult) -> String {
        result.findings.map { "\($0.range?.description ?? "-") \($0.ruleID) \($0.message.prefix(160))" }.joined(separator: "\n")
    }
}
