// testdata/cloudformation/<case>: each YAML template gives the same graph as its JSON twin, and
// matches its golden dump (IACLINT_UPDATE_GOLDEN=1 rewrites the dumps).

import XCTest
import IaCLintCore
import TestSupport
@testable import CloudFormation

final class FixtureTests: XCTestCase {
    static let cases = ["rest-api-logging", "sam-apis", "intrinsics"]

    private func load(_ path: String) throws -> ResourceGraph {
        let bytes = try XCTUnwrap(try? FileSystem.read(path).get(), "cannot read \(path)")
        XCTAssertTrue(CloudFormationLoader.isTemplate(bytes, path: path), path)
        return CloudFormationLoader.load(bytes, path: "template")
    }

    func testYAMLAndJSONTwinsGiveTheSameGraph() throws {
        for name in Self.cases {
            let dir = TestPaths.testdata("cloudformation/\(name)")
            let yaml = try load(Path.join(dir, "template.yaml"))
            let json = try load(Path.join(dir, "template.json"))
            XCTAssertFalse(yaml.resources.isEmpty, name)
            XCTAssertEqual(GraphDump.dump(yaml, ranges: false), GraphDump.dump(json, ranges: false), name)
        }
    }

    func testGoldenGraphDumps() throws {
        for name in Self.cases {
            let dir = TestPaths.testdata("cloudformation/\(name)")
            let actual = GraphDump.dump(try load(Path.join(dir, "template.yaml")))
            let goldenPath = Path.join(dir, "expected-graph.txt")
            if TestPaths.updateGolden {
                try actual.write(toFile: goldenPath)
                continue
            }
            let expected = try XCTUnwrap(TestPaths.readText(goldenPath), "missing \(goldenPath); run with IACLINT_UPDATE_GOLDEN=1")
            XCTAssertEqual(actual, expected, "\(name): graph differs from \(goldenPath)")
        }
    }
}

extension String {
    /// Test-only file write through the C library (no Foundation).
    func write(toFile path: String) throws {
        guard let file = fopen(path, "wb") else { throw FileError(path: path, message: "cannot write") }
        defer { fclose(file) }
        let bytes = Array(utf8)
        guard fwrite(bytes, 1, bytes.count, file) == bytes.count else { throw FileError(path: path, message: "short write") }
    }
}
