// Baselines: written, read back, survive line moves, absorb each finding once.

import XCTest
import IaCLintCore
import IaCLintKit

final class BaselineTests: XCTestCase {
    func finding(_ rule: String, _ resource: String, line: Int, file: String = "main.tf") -> Finding {
        Finding(ruleID: rule, ruleName: "r", severity: .error, message: "m",
                range: SourceRange(file: file, at: SourcePosition(line: line, column: 1, offset: line * 10)), resource: resource)
    }

    func testRoundTripAndLineMoves() throws {
        let before = [finding("APIGW001", "aws_api_gateway_stage.a", line: 3), finding("APIGW007", "aws_api_gateway_stage.b", line: 20),
                      finding("IAC001", "x", line: 1)]
        let bytes = Baseline(findings: before).serialized()
        let baseline = try Baseline.parse(bytes, path: "b.json").get()
        XCTAssertEqual(baseline.entries.count, 2, "input errors are never baselined")
        XCTAssertEqual(baseline.entries.first, BaselineEntry(fingerprint: before[0].fingerprint, rule: "APIGW001",
                                                             resource: "aws_api_gateway_stage.a", file: "main.tf"))
        // The same findings after lines were inserted above them, plus a new one and a duplicate.
        let after = [finding("APIGW001", "aws_api_gateway_stage.a", line: 13), finding("APIGW007", "aws_api_gateway_stage.b", line: 40),
                     finding("APIGW001", "aws_api_gateway_stage.c", line: 50), finding("APIGW001", "aws_api_gateway_stage.a", line: 60)]
        let (new, known) = baseline.partition(after, baselinePath: "b.json")
        XCTAssertEqual(known.map { $0.finding.range?.start.line }, [13, 40])
        XCTAssertEqual(known.first?.kind, .baseline)
        XCTAssertEqual(new.map { $0.range?.start.line }, [50, 60])
    }

    func testRejectsForeignFiles() {
        for text in ["{}", "[1]", "{\"version\": 1}", "{\"version\": 1, \"findings\": [{\"rule\": \"A\"}]}", "{\"version\": 1,"] {
            if case .success = Baseline.parse(Array(text.utf8), path: "b.json") { XCTFail("accepted \(text)") }
        }
        if case .failure(let error) = Baseline.parse(Array("{\"version\": 1,".utf8), path: "b.json") {
            XCTAssertEqual(error.description, "b.json: 1:15: not a baseline file: expected a string key")
        }
    }

    func testJSONReaderHandlesEscapesAndDepth() {
        guard case .success(let value) = JSONReader.parse(Array(#"{"a": "x\"\u00e9\ud83d\ude00\n", "b": [1, -2.5e3, true, null]}"#.utf8)) else {
            return XCTFail("valid JSON rejected")
        }
        XCTAssertEqual(value["a"], .string("x\"é😀\n"))
        XCTAssertEqual(value["b"], .array([.int(1), .double(-2500), .bool(true), .null]))
        let deep = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        if case .success = JSONReader.parse(Array(deep.utf8)) { XCTFail("unbounded nesting accepted") }
    }
}
