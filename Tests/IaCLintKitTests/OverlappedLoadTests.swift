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
