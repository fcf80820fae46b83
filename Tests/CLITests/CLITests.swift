// Runs the built `iaclint` binary on every case under testdata/cli/<case>/:
//   args           the arguments, one per line (after `iaclint`)
//   exit_code      the expected exit status
//   expected.txt   the expected standard output
//   expected_stderr.txt   (optional) the expected standard error
//   env            (optional) NAME=VALUE lines added to the environment
//   expected_files/<path>  (optional) files the run must write, compared byte for byte
//   anything else  the workspace: copied to a scratch git repository the binary runs in
// IACLINT_UPDATE_GOLDEN=1 rewrites the expected files from the actual run.

import Foundation
import XCTest
import IaCLintCore
import TestSupport

final class CLITests: XCTestCase {
    static let controlFiles: Set<String> = ["args", "exit_code", "expected.txt", "expected_stderr.txt", "env", "expected_files"]

    func binary() throws -> String {
        if let path = ProcessInfo.processInfo.environment["IACLINT_BINARY"] { return path }
        let candidates = [
            Path.join(Path.directory(of: CommandLine.arguments.first ?? ""), "iaclint"),
            Path.join(Path.directory(of: Path.directory(of: CommandLine.arguments.first ?? "")), "iaclint"),
            Path.join(TestPaths.repositoryRoot, ".build/debug/iaclint"),
        ]
        for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        throw XCTSkip("the iaclint binary was not built next to the tests; run `swift build --build-tests` first")
    }

    func testEveryCase() throws {
        let binary = try binary()
        let root = TestPaths.testdata("cli")
        let cases = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        XCTAssertGreaterThan(cases.count, 10)
        for name in cases {
            try runCase(name, directory: Path.join(root, name), binary: binary)
        }
    }

    /// IACLINT_TIMINGS=1 prints one line per phase on standard error and leaves standard output alone.
    func testTimingsListEveryPhase() throws {
        let binary = try binary()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = ["check", "--format", "json", Path.join(TestPaths.repositoryRoot, "examples")]
        var environment = ProcessInfo.processInfo.environment
        environment["IACLINT_TIMINGS"] = "1"
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = String(decoding: stdout.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let err = String(decoding: stderr.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, "the examples have findings")
        XCTAssertTrue(out.hasPrefix("{"), "the JSON report is untouched")
        for phase in ["discovery (3 files)", "templates and plans (2 files)", "terraform (1 directories)", "join (", "rules (",
                      "sources and focus", "suppressions and baseline", "reports", "peak RSS"] {
            XCTAssertTrue(err.contains("iaclint timings: \(phase)"), "no timing line for \(phase) in:\n\(err)")
        }
        XCTAssertTrue(err.contains(" ms wall, "), err)
    }

    func runCase(_ name: String, directory: String, binary: String) throws {
        let fm = FileManager.default
        let scratch = NSTemporaryDirectory() + "iaclint-cli-\(name)-\(UInt32.random(in: 0...UInt32.max))"
        try fm.createDirectory(atPath: scratch + "/.git", withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        for entry in try fm.contentsOfDirectory(atPath: directory) where !CLITests.controlFiles.contains(entry) {
            try fm.copyItem(atPath: Path.join(directory, entry), toPath: Path.join(scratch, entry))
        }
        let args = (TestPaths.readText(Path.join(directory, "args")) ?? "")
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)

        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment.removeValue(forKey: "GITHUB_STEP_SUMMARY")
        for key in environment.keys where key.hasPrefix("TF_VAR_") { environment.removeValue(forKey: key) }
        for line in (TestPaths.readText(Path.join(directory, "env")) ?? "").split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { environment[parts[0]] = parts[1] }
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = args
        process.currentDirectoryURL = URL(fileURLWithPath: scratch)
        process.environment = environment
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let actualOut = String(decoding: out, as: UTF8.self)
        let actualErr = String(decoding: err, as: UTF8.self)
        let status = Int(process.terminationStatus)

        let expectedFilesDirectory = Path.join(directory, "expected_files")
        if TestPaths.updateGolden {
            try "\(status)\n".write(toFile: Path.join(directory, "exit_code"), atomically: true, encoding: .utf8)
            try actualOut.write(toFile: Path.join(directory, "expected.txt"), atomically: true, encoding: .utf8)
            if !actualErr.isEmpty || fm.fileExists(atPath: Path.join(directory, "expected_stderr.txt")) {
                try actualErr.write(toFile: Path.join(directory, "expected_stderr.txt"), atomically: true, encoding: .utf8)
            }
            for file in (try? fm.subpathsOfDirectory(atPath: expectedFilesDirectory)) ?? [] {
                let produced = Path.join(scratch, file)
                if let text = TestPaths.readText(produced) {
                    try text.write(toFile: Path.join(expectedFilesDirectory, file), atomically: true, encoding: .utf8)
                }
            }
            return
        }
        let expectedStatus = Int((TestPaths.readText(Path.join(directory, "exit_code")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines))
        XCTAssertEqual(status, expectedStatus, "\(name): exit status; stderr: \(actualErr)")
        XCTAssertEqual(actualOut, TestPaths.readText(Path.join(directory, "expected.txt")) ?? "", "\(name): standard output")
        if let expectedErr = TestPaths.readText(Path.join(directory, "expected_stderr.txt")) {
            XCTAssertEqual(actualErr, expectedErr, "\(name): standard error")
        }
        for file in (try? fm.subpathsOfDirectory(atPath: expectedFilesDirectory)) ?? [] {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: Path.join(expectedFilesDirectory, file), isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            XCTAssertEqual(TestPaths.readText(Path.join(scratch, file)), TestPaths.readText(Path.join(expectedFilesDirectory, file)),
                           "\(name): written file \(file)")
        }
    }
}
