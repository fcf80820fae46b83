// The SARIF report validated against the official SARIF 2.1.0 schema (skipped when the schema file
// is not beside the checkout), plus the properties GitHub code scanning reads.

import XCTest
import IaCLintCore
import IaCLintKit
import TestSupport

final class SARIFSchemaTests: XCTestCase {
    func validator() throws -> JSONSchemaValidator {
        let path = Path.normalize(Path.join(TestPaths.repositoryRoot, "../shared/reference/sarif-schema-2.1.0.json"))
        guard let text = TestPaths.readText(path) else {
            throw XCTSkip("skipped: the SARIF schema ../shared/reference/sarif-schema-2.1.0.json is not beside this checkout")
        }
        guard let schema = JSONTestReading.read(Array(text.utf8)) else {
            XCTFail("the SARIF schema is not valid JSON")
            throw XCTSkip("schema unreadable")
        }
        return JSONSchemaValidator(root: schema)
    }

    func parse(_ bytes: [UInt8]) throws -> JSONValue {
        guard let value = JSONTestReading.read(bytes) else {
            XCTFail("not JSON")
            throw XCTSkip("not JSON")
        }
        return value
    }

    func testReportsValidateAgainstTheOfficialSchema() throws {
        let validator = try validator()
        for report in [ReportFixture.report(), ReportFixture.report(showSuppressed: true), ReportFixture.emptyReport()] {
            let sarif = try parse(SARIFReporter().render(report))
            XCTAssertEqual(validator.validate(sarif), [])
        }
    }

    /// The SARIF the binary wrote in a CLI case, with the real rule catalog, validates too.
    func testCLIGoldenSARIFValidates() throws {
        let validator = try validator()
        let path = TestPaths.testdata("cli/sarif-file-and-text/expected_files/reports/iaclint.sarif")
        let text = try XCTUnwrap(TestPaths.readText(path), "missing \(path)")
        XCTAssertEqual(validator.validate(try parse(Array(text.utf8))), [])
    }

    func testTheValidatorRejectsBrokenSARIF() throws {
        let validator = try validator()
        let broken: JSONValue = .object([
            ("version", .string("2.0.0")),
            ("runs", .array([.object([("tool", .object([("driver", .object([("version", .string("1"))]))])),
                                      ("results", .array([.object([("level", .string("fatal")), ("message", .object([]))])]))])])),
        ])
        let problems = validator.validate(broken)
        XCTAssertTrue(problems.contains { $0.hasPrefix("$.version:") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0 == "$.runs[0].tool.driver: missing required property name" }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.hasPrefix("$.runs[0].results[0].level:") }, "\(problems)")
    }

    func testGitHubCodeScanningProperties() throws {
        let sarif = try parse(SARIFReporter().render(ReportFixture.report()))
        let run = try XCTUnwrap(sarif["runs"]?.arrayValue?.first)
        let rules = try XCTUnwrap(run["tool"]?["driver"]?["rules"]?.arrayValue)
        XCTAssertEqual(rules.map { $0["id"]?.stringValue }, ["APIGW001", "APIGW007", "IAC001"])
        XCTAssertEqual(rules[0]["properties"]?["security-severity"], .string("7.5"))
        XCTAssertEqual(rules[0]["properties"]?["tags"], .array([.string("security"), .string("logging")]))
        XCTAssertNotNil(rules[0]["help"]?["markdown"]?.stringValue)
        XCTAssertEqual(rules[0]["fullDescription"]?["text"], .string("Without access logs there is no record of who called the API."))
        let results = try XCTUnwrap(run["results"]?.arrayValue)
        XCTAssertEqual(results.count, 4)
        let warning = try XCTUnwrap(results.first { $0["ruleId"] == .string("APIGW007") })
        XCTAssertEqual(warning["ruleIndex"], .int(1))
        let location = warning["locations"]?.arrayValue?.first?["physicalLocation"]
        XCTAssertEqual(location?["artifactLocation"]?["uri"], .string("odd%2C%20dir/template.yaml"))
        XCTAssertEqual(location?["region"], .object([("startLine", .int(6)), ("startColumn", .int(17)), ("endLine", .int(6)), ("endColumn", .int(37))]))
        XCTAssertNotNil(warning["partialFingerprints"]?[SARIFReporter.fingerprintKey])
    }
}
