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
            XCTAssertEqual(error.description, "b.json: 1:15: not a baseline file: unexpected end of input; the object is not closed")
        }
    }

    func testMalformedBaselineIsALocatedError() {
        guard case .failure(let error) = Baseline.parse(Array("{\"version\": 1,\n \"findings\": [}".utf8), path: "b.json") else {
            return XCTFail("malformed baseline accepted")
        }
        XCTAssertTrue(error.message.hasPrefix("2:") && error.message.contains("not a baseline file"), error.message)
        guard case .failure(let wrong) = Baseline.parse(Array(#"{"version": 7, "findings": []}"#.utf8), path: "b.json") else {
            return XCTFail("wrong version accepted")
        }
        XCTAssertTrue(wrong.message.contains("version 1"), wrong.message)
    }
}
