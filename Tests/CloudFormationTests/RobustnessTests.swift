// Damaged input never crashes the reader or the loader: truncated templates, byte noise, deep nesting.

import XCTest
import IaCLintCore
import TestSupport
@testable import CloudFormation

final class RobustnessTests: XCTestCase {
    func testTruncatedAndCorruptedFixturesLoadOrReportErrors() throws {
        for name in FixtureTests.cases {
            for file in ["template.yaml", "template.json"] {
                let path = TestPaths.testdata("cloudformation/\(name)/\(file)")
                let bytes = try XCTUnwrap(try? FileSystem.read(path).get())
                var cut = 0
                while cut < bytes.count {
                    let graph = CloudFormationLoader.load(Array(bytes[..<cut]), path: file)
                    for d in graph.diagnostics { XCTAssertFalse(d.message.isEmpty) }
                    cut += 7
                }
                // Flip bytes to characters YAML and JSON treat specially.
                var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
                for _ in 0..<60 {
                    var noisy = bytes
                    for _ in 0..<4 {
                        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                        let at = Int(seed >> 33) % max(1, noisy.count)
                        let specials: [UInt8] = [0x09, 0x0A, 0x22, 0x27, 0x26, 0x2A, 0x21, 0x7B, 0x5B, 0x3A, 0x2D, 0xFF, 0xC3, 0x00]
                        noisy[at] = specials[Int(seed >> 40) % specials.count]
                    }
                    _ = CloudFormationLoader.load(noisy, path: file)
                    _ = CloudFormationLoader.isTemplate(noisy, path: file)
                }
            }
        }
    }

    func testDeepNestingIsAnErrorNotAStackOverflow() {
        let yaml = "Resources:\n  A:\n    Type: AWS::S3::Bucket\n    Properties:\n      P: " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "\n"
        let graph = CloudFormationLoader.load(Array(yaml.utf8), path: "deep.yaml")
        XCTAssertTrue(graph.diagnostics.contains { $0.severity == .error })
        let json = "{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\", \"Properties\": {\"P\": " + String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000) + "}}}}"
        XCTAssertTrue(CloudFormationLoader.load(Array(json.utf8), path: "deep.json").diagnostics.contains { $0.severity == .error })
    }

    func testRefCyclesThroughNameProperties() {
        let text = """
            Resources:
              A: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: !Ref B}}
              B: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: !Ref A}}
            """
        let graph = CloudFormationLoader.load(Array(text.utf8), path: "cycle.yaml")
        XCTAssertEqual(graph.resources.count, 2)
        XCTAssertTrue(graph.resources[0]["LogGroupName"]?.isUnknown ?? false)
    }
}
