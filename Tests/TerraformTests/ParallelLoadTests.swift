import XCTest
@testable import Terraform
import IaCLintCore
import TestSupport

/// Module directories are parsed on every core and groups of roots evaluated in parallel: the graph
/// must be the one a single thread builds, in the same order.
final class ParallelLoadTests: XCTestCase {
    func testParallelLoadEqualsSingleThreadLoad() {
        let root = TestPaths.testdata("terraform")
        var directories: [String] = []
        for fixture in ["dynamic", "functions", "jsonsyntax", "modules", "override"] {
            let dir = Path.join(root, fixture)
            directories.append(dir)
            if case .success(let names) = FileSystem.list(dir) {
                for name in names where FileSystem.kind(Path.join(dir, name), followLinks: true) == .directory {
                    directories.append(Path.join(dir, name))
                }
            }
        }
        var serial = TerraformOptions(scanRoot: root)
        serial.maximumConcurrency = 1
        var parallel = TerraformOptions(scanRoot: root)
        parallel.maximumConcurrency = 4
        let one = TerraformLoader.load(directories: directories, options: serial)
        let many = TerraformLoader.load(directories: directories, options: parallel)
        XCTAssertGreaterThan(Set(one.resources.map(\.scope)).count, 2, "several roots, so several groups")
        XCTAssertEqual(one.resources.map(\.address), many.resources.map(\.address))
        XCTAssertEqual(one.resources, many.resources)
        XCTAssertEqual(one.diagnostics, many.diagnostics)
    }

    func testParsingAgainPerGroupEqualsKeepingEveryTree() {
        let root = TestPaths.testdata("terraform")
        var directories: [String] = []
        for fixture in ["dynamic", "functions", "jsonsyntax", "modules", "override", "tfvars", "count", "foreach"] {
            let dir = Path.join(root, fixture)
            guard FileSystem.kind(dir) == .directory else { continue }
            directories.append(dir)
            if case .success(let names) = FileSystem.list(dir) {
                for name in names where FileSystem.kind(Path.join(dir, name), followLinks: true) == .directory {
                    directories.append(Path.join(dir, name))
                }
            }
        }
        for threads in [1, 4] {
            var keep = TerraformOptions(scanRoot: root)
            keep.maximumConcurrency = threads
            keep.reparseFromDirectoryCount = .max
            var again = keep
            again.reparseFromDirectoryCount = 0
            let kept = TerraformLoader.loadWithStatistics(directories: directories, options: keep)
            let parsedAgain = TerraformLoader.loadWithStatistics(directories: directories, options: again)
            XCTAssertGreaterThan(Set(kept.graph.resources.map(\.scope)).count, 2)
            XCTAssertEqual(kept.graph.resources, parsedAgain.graph.resources, "\(threads) threads")
            XCTAssertEqual(kept.graph.diagnostics, parsedAgain.graph.diagnostics, "\(threads) threads")
            XCTAssertEqual(kept.graph.emptyDeclarations, parsedAgain.graph.emptyDeclarations)
            XCTAssertEqual(kept.bytesParsed, parsedAgain.bytesParsed, "bytes are counted once either way")
        }
    }

    func testContiguousGroupsKeepOrderAndCoverEverything() {
        let items = (0..<10).map(String.init)
        let groups = TerraformLoader.contiguousGroups(items, count: 4)
        XCTAssertEqual(groups.flatMap { $0 }, items)
        XCTAssertLessThanOrEqual(groups.count, 4)
        XCTAssertEqual(TerraformLoader.contiguousGroups(items, count: 1), [items])
        XCTAssertEqual(TerraformLoader.contiguousGroups([], count: 3), [[]])
    }
}
