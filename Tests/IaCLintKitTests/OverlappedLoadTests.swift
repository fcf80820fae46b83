// Templates and plans loaded beside the Terraform load give what loading them first gives, and the
// map that shares their files between a background thread and every core keeps order and takes
// each item once.

import XCTest
import Dispatch
import Synchronization
@testable import IaCLintKit
import IaCLintCore
import TestSupport

final class OverlappedLoadTests: XCTestCase {
    /// testdata holds every input kind, plans beside their configuration, and unreadable inputs.
    func testLoadingBesideTerraformChangesNothing() {
        for path in ["testdata", "examples"] {
            var request = LintRequest(paths: [path])
            request.workingDirectory = TestPaths.repositoryRoot
            let before = Linter.lint(request, overlapping: false)
            let beside = Linter.lint(request, overlapping: true)
            XCTAssertGreaterThan(before.findings.count, 0, path)
            XCTAssertEqual(beside.findings, before.findings, path)
            XCTAssertEqual(beside.notes, before.notes, path)
            XCTAssertEqual(beside.filesChecked, before.filesChecked, path)
            XCTAssertEqual(beside.hadInputErrors, before.hadInputErrors, path)
            XCTAssertEqual(beside.graph.resources, before.graph.resources, path)
            XCTAssertEqual(beside.sources.keys.sorted(), before.sources.keys.sorted(), path)
        }
    }

    func testSharedCursorMapKeepsOrderAndTakesEachItemOnce() {
        let calls = Counter()
        let items = Array(0..<5_000)
        let map = SharedCursorMap(items) { (i: Int) -> Int in
            calls.add()
            return i * 3
        }
        XCTAssertEqual(map.finish(), items.map { $0 * 3 })
        XCTAssertEqual(calls.value, items.count)
    }

    /// The background thread alone finishes the work when the caller comes back late.
    func testSharedCursorMapBackgroundThreadWorksAlone() {
        let items = Array(0..<64)
        let map = SharedCursorMap(items) { (i: Int) -> String in "item \(i)" }
        let deadline = DispatchTime.now() + .seconds(5)
        while DispatchTime.now() < deadline, !map.allTakenForTesting { usleep(1_000) }
        XCTAssertTrue(map.allTakenForTesting, "the background thread took every item before finish()")
        XCTAssertEqual(map.finish(), items.map { "item \($0)" })
    }

    func testSharedCursorMapOfNothing() {
        XCTAssertEqual(SharedCursorMap([Int]()) { $0 }.finish(), [])
    }

    private final class Counter: Sendable {
        private let count = Atomic<Int>(0)
        func add() { count.wrappingAdd(1, ordering: .relaxed) }
        var value: Int { count.load(ordering: .relaxed) }
    }
}

/// The Terraform directories of a scan are found per directory, not per file: the same list (first
/// seen order, each once) and count as a set of every file's directory.
final class TerraformDirectoryListTests: XCTestCase {
    func testDirectoriesMatchEachFilesDirectoryInFirstSeenOrder() {
        let paths: [(String, InputKind)] = [
            ("main.tf", .terraform), ("vars.tf", .terraform), ("dev.tfvars", .terraformVariables),
            ("a/main.tf", .terraform), ("a/x.tf.json", .terraformJSON), ("a/t.yaml", .structured),
            ("ab/main.tf", .terraform), ("a/late.tf", .terraform),  // `a` again, after `ab`
            ("/abs.tf", .terraform), ("/abs/b/c.tf", .terraform), ("only/vars.tfvars", .terraformVariables),
            ("é/ü.tf", .terraform), ("é/v.tf", .terraform), ("e/w.tf", .terraform), ("./dot.tf", .terraform),
        ]
        let files = paths.map { DiscoveredFile(path: $0.0, absolutePath: "/work/" + $0.0, kind: $0.1, explicitlyGiven: false) }
        var expected: [String] = []
        var count = 0
        for file in files where file.kind.isTerraform && file.kind != .terraformVariables {
            count += 1
            let directory = Path.directory(of: file.path)
            if !expected.contains(directory) { expected.append(directory) }
        }
        let found = Linter.terraformDirectories(of: files)
        XCTAssertEqual(found.directories, expected)
        XCTAssertEqual(found.directories, [".", "a", "ab", "/", "/abs/b", "é", "e"])
        XCTAssertEqual(found.fileCount, count)
        XCTAssertEqual(Linter.terraformDirectories(of: []).directories, [])
    }
}
