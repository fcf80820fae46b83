import XCTest
@testable import Terraform
import IaCLintCore
import TestSupport
import Synchronization

/// Module directories are parsed on every core and groups of roots evaluated in parallel: the graph
/// must be the one a single thread builds, in the same order.
final class ParallelLoadTests: XCTestCase {
    func testParallelLoadEqualsSingleThreadLoad() {
        let root = TestPaths.testdata("terraform")
        let directories = fixtureDirectories(["dynamic", "functions", "jsonsyntax", "modules", "override"])
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
        let directories = fixtureDirectories(["dynamic", "functions", "jsonsyntax", "modules", "override", "tfvars", "count", "foreach"])
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

    func testGroupsParsingAgainReadEachScannedFileOnce() {
        let root = TestPaths.testdata("terraform")
        let directories = fixtureDirectories(["dynamic", "functions", "jsonsyntax", "modules", "override", "tfvars", "count", "foreach"])
        for threads in [1, 4] {
            let reads = Mutex<[String: Int]>([:])
            var again = TerraformOptions(scanRoot: root, fileReader: { path in
                reads.withLock { $0[path, default: 0] += 1 }
                return FileSystem.read(path)
            })
            again.maximumConcurrency = threads
            again.reparseFromDirectoryCount = 0
            var keep = TerraformOptions(scanRoot: root)
            keep.maximumConcurrency = threads
            keep.reparseFromDirectoryCount = .max
            let parsedAgain = TerraformLoader.loadWithStatistics(directories: directories, options: again)
            let kept = TerraformLoader.loadWithStatistics(directories: directories, options: keep)
            XCTAssertEqual(kept.graph.resources, parsedAgain.graph.resources, "\(threads) threads")
            XCTAssertEqual(kept.graph.diagnostics, parsedAgain.graph.diagnostics, "\(threads) threads")
            let scanned = Set(directories.map { Path.normalize($0) })
            let counts = reads.withLock { $0 }
            let scannedFiles = counts.filter { scanned.contains(Path.directory(of: $0.key)) && ModuleReader.isConfigurationFile(Path.fileName($0.key)) }
            XCTAssertGreaterThan(scannedFiles.count, 10, "the fixtures' configuration files were read")
            for (path, n) in scannedFiles.sorted(by: { $0.key < $1.key }) {
                XCTAssertEqual(n, 1, "\(path) read \(n) times with \(threads) threads")
            }
        }
    }

    func testFirstPassFilesServeEachGroupThenFallBack() {
        let kept = FirstPassFiles(files: ["/m": [("/m/main.tf", Array("a".utf8))], "/unused": [("/unused/x.tf", [1])]],
                                  readsByDirectory: ["/m": 2])
        let disk = Mutex(0)
        let read = kept.reader(fallingBackTo: { _ in disk.withLock { $0 += 1 }; return .success(Array("disk".utf8)) })
        XCTAssertEqual(try read("/m/main.tf").get(), Array("a".utf8))
        XCTAssertEqual(try read("/m/main.tf").get(), Array("a".utf8), "two groups read the directory")
        XCTAssertEqual(disk.withLock { $0 }, 0)
        XCTAssertEqual(try read("/m/main.tf").get(), Array("disk".utf8), "a third read goes to disk")
        XCTAssertEqual(try read("/unused/x.tf").get(), Array("disk".utf8), "a directory no group reads keeps nothing")
        XCTAssertEqual(disk.withLock { $0 }, 2)
    }

    func testGroupsKeepOrderCoverEverythingAndShrink() {
        let items = (0..<200).map(String.init)
        let groups = TerraformLoader.shrinkingGroups(items, costs: Array(repeating: 10, count: 200), threads: 2)
        XCTAssertEqual(groups.flatMap { $0 }, items, "runs in order, every item once")
        XCTAssertEqual(groups.first?.count, 50, "the first run takes a quarter of the cost on two cores")
        for (earlier, later) in zip(groups, groups.dropFirst()) {
            XCTAssertGreaterThanOrEqual(earlier.count, later.count, "runs never grow toward the end")
        }
        // The floor is a 64th of the whole on two cores (31 of 2,000, so four items); only the last run,
        // what is left, may be smaller.
        XCTAssertEqual(groups.dropLast().map(\.count).min(), 4)
        XCTAssertLessThanOrEqual(groups.last?.count ?? 0, 4)
        XCTAssertLessThan(groups.count, 30)
    }

    func testGroupsFollowCostNotCount() {
        // One big root and many small ones: the big one is a run of its own.
        let items = (0..<9).map(String.init)
        let groups = TerraformLoader.shrinkingGroups(items, costs: [800] + Array(repeating: 25, count: 8), threads: 2)
        XCTAssertEqual(groups.first, ["0"])
        XCTAssertEqual(groups.flatMap { $0 }, items)
        XCTAssertEqual(TerraformLoader.shrinkingGroups(items, costs: Array(repeating: 0, count: 9), threads: 2).flatMap { $0 }, items,
                       "empty directories still count")
    }

    func testOneThreadOrOneItemIsOneGroup() {
        let items = ["a", "b", "c"]
        XCTAssertEqual(TerraformLoader.shrinkingGroups(items, costs: [1, 2, 3], threads: 1), [items])
        XCTAssertEqual(TerraformLoader.shrinkingGroups(items, costs: [], threads: 1), [items])
        XCTAssertEqual(TerraformLoader.shrinkingGroups(["a"], costs: [5], threads: 4), [["a"]])
        XCTAssertEqual(TerraformLoader.shrinkingGroups([], costs: [], threads: 4), [[]])
    }

    func testEstimatedCostCountsEachCalledModuleOnce() {
        func module(_ directory: String, _ bytes: Int) -> ScannedModule {
            ScannedModule(directory: directory, byteCount: bytes, calls: [], config: nil, fromScan: false, files: [])
        }
        func call(_ source: String, from directory: String) -> LocalCall {
            guard let call = LocalCall(source: source, in: directory) else { fatalError("\(source) is a local source") }
            return call
        }
        let modules = [module("/r1", 100), module("/r2", 7), module("/r1/a", 20), module("/r1/b", 3), module("/r1/shared", 1000)]
        let calls: [String: [LocalCall]] = [
            // r1 calls a and b, which both call shared (a diamond), and shared calls a back (a cycle).
            "/r1": [call("./a", from: "/r1"), call("./b", from: "/r1")],
            "/r1/a": [call("../shared", from: "/r1/a"), call("../../outside", from: "/r1/a")],
            "/r1/b": [call("../shared", from: "/r1/b")],
            "/r1/shared": [call("../a", from: "/r1/shared")],
        ]
        XCTAssertEqual(TerraformLoader.estimatedCosts(of: ["/r1", "/r2", "/unscanned"], modules: modules, localCalls: calls),
                       [100 + 20 + 3 + 1000, 7, 0])
        // A long chain (past the short list of modules already counted) is counted once per module.
        let chain = (0..<100).map { "/chain/m\($0)" }
        var chainCalls: [String: [LocalCall]] = [:]
        for (i, directory) in chain.enumerated() {
            chainCalls[directory] = [call("../m\((i + 1) % chain.count)", from: directory), call("../m0", from: directory)]
        }
        XCTAssertEqual(TerraformLoader.estimatedCosts(of: ["/chain/m0"], modules: chain.map { module($0, 1) }, localCalls: chainCalls), [100])
    }

    /// Each fixture directory under testdata/terraform and its direct subdirectories.
    private func fixtureDirectories(_ fixtures: [String]) -> [String] {
        let root = TestPaths.testdata("terraform")
        var directories: [String] = []
        for fixture in fixtures {
            let dir = Path.join(root, fixture)
            guard FileSystem.kind(dir) == .directory else { continue }
            directories.append(dir)
            if case .success(let names) = FileSystem.list(dir) {
                for name in names where FileSystem.kind(Path.join(dir, name), followLinks: true) == .directory {
                    directories.append(Path.join(dir, name))
                }
            }
        }
        return directories
    }
}
