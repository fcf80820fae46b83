// Damaged plans never crash the loader: truncations, byte flips and wrong shapes give diagnostics.

import XCTest
import IaCLintCore
import TestSupport
@testable import TerraformPlan

final class TerraformPlanRobustnessTests: XCTestCase {
    private func fixture(_ name: String) throws -> [UInt8] {
        guard case .success(let bytes) = FileSystem.read(TestPaths.testdata("plan/\(name)/plan.json")) else {
            throw XCTSkip("missing fixture \(name)")
        }
        return bytes
    }

    func testTruncatedPlansGiveOneErrorAndNoCrash() throws {
        let bytes = try fixture("modules")
        for cut in stride(from: 0, to: bytes.count, by: 97) {
            let result = TerraformPlanLoader.load(Array(bytes[..<cut]), path: "cut.json")
            XCTAssertEqual(result.graph.diagnostics.filter { $0.severity == .error }.count, 1, "cut at \(cut)")
            XCTAssertEqual(result.graph.resources.count, 0)
        }
    }

    func testFlippedBytesNeverCrash() throws {
        let original = try fixture("rest")
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<300 {
            var bytes = original
            for _ in 0..<3 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let at = Int(state >> 33) % bytes.count
                bytes[at] = UInt8(truncatingIfNeeded: state >> 17)
            }
            let result = TerraformPlanLoader.load(bytes, path: "flip.json")
            XCTAssertEqual(result.sources.count, result.graph.resources.count)
        }
    }

    func testWrongShapesAreTolerated() {
        let documents = [
            #"{"format_version": "1.0", "planned_values": []}"#,
            #"{"format_version": "1.0", "planned_values": {"root_module": {"resources": [1, "x", null, {"address": 5}]}}}"#,
            #"{"format_version": "1.0", "resource_changes": [{"address": "aws_x.y", "change": {"actions": "create", "after": 3, "after_unknown": {"a": true}}}]}"#,
            #"{"format_version": "1.0", "resource_changes": [{"address": "module.m[\"a\"].aws_x.y", "change": {"after": {}, "after_unknown": [true]}}], "configuration": {"root_module": {"module_calls": {"m": {"module": {"resources": [{"address": "aws_x.y", "expressions": {"a": {"references": ["var.v", "module.", "data", "aws_x"]}}}]}}}}}}"#,
            #"{"format_version": 1.2, "values": {"root_module": {"child_modules": [{"child_modules": [{}]}]}}}"#,
            #"{"format_version": "1.0", "planned_values": {"root_module": {}}, "configuration": {"root_module": {"module_calls": {"m": {"source": "../../../x", "module": {"module_calls": {"n": {"source": "./y"}}}}}}}}"#,
        ]
        for text in documents {
            let result = TerraformPlanLoader.load(Array(text.utf8), path: "odd.json")
            XCTAssertEqual(result.graph.diagnostics.filter { $0.severity == .error }, [], text)
        }
        // A resource address that is not an address still becomes a resource, without a crash.
        let odd = TerraformPlanLoader.load(Array(#"{"format_version": "1.0", "resource_changes": [{"address": "not an address", "type": "t", "change": {"actions": ["create"], "after": {"k": 1}}}]}"#.utf8), path: "odd.json")
        XCTAssertEqual(odd.graph.resources.map(\.address), ["not an address"])
        XCTAssertEqual(odd.sources.first?.configAddress, "not an address")
    }

    func testDeepNestingIsAnErrorNotAStackOverflow() {
        let deep = #"{"format_version": "1.0", "resource_changes": [{"address": "a.b", "change": {"after": "# + String(repeating: "[", count: 100_000)
        let result = TerraformPlanLoader.load(Array(deep.utf8), path: "deep.json")
        XCTAssertEqual(result.graph.diagnostics.first?.message, "nesting is deeper than 512 levels")
    }
}
