// The evaluator's unhashed shortcuts must answer exactly what the sets and tables they replace answer.

import XCTest
@testable import Terraform
import IaCLintCore

final class EvaluatorShortcutTests: XCTestCase {
    func testMetaArgumentChecksMatchTheirSets() {
        let names = Array(resourceMetaArguments) + Array(resourceMetaBlocks) + Array(moduleMetaArguments)
            + ["", "Count", "counts", "provider_", "tags", "lifecycle ", "dynamic", "content", "for_eac", "depends_on2"]
        for name in names {
            XCTAssertEqual(isResourceMetaArgument(name), resourceMetaArguments.contains(name), name)
            XCTAssertEqual(isResourceMetaBlock(name), resourceMetaBlocks.contains(name), name)
        }
    }

    func testFunctionResolutionsMatchTheTables() {
        let names = Set(FunctionLibrary.table.keys).union(FunctionLibrary.unknownAtPlan).union(FunctionLibrary.preservesStructure)
        XCTAssertEqual(Set(FunctionLibrary.resolutions.keys), names)
        for name in names {
            let r = FunctionLibrary.resolutions[name]
            XCTAssertEqual(r?.spec != nil, FunctionLibrary.table[name] != nil, name)
            XCTAssertEqual(r?.unknownAtPlan, FunctionLibrary.unknownAtPlan.contains(name), name)
            XCTAssertEqual(r?.preservesStructure, FunctionLibrary.preservesStructure.contains(name), name)
        }
    }

    /// A type conversion that changes nothing returns the value itself, ranges and edges included.
    func testConversionToTheSameTypeKeepsTheValue() {
        let range = SourceRange(file: "main.tf", start: .start, end: SourcePosition(line: 1, column: 4, offset: 3))
        let refs = [Reference(target: "aws_s3_bucket.b", attribute: "arn", range: range)]
        let values: [(TypeConstraint, Value)] = [
            (.string, Value(.string("x"), range: range, references: refs, via: [range])),
            (.number, Value(.number(2), range: range)),
            (.bool, Value(.bool(true), references: refs)),
        ]
        for (type, value) in values {
            let converted = type.convert(value, evaluateDefault: { _ in .null })
            XCTAssertEqual(converted, value)
            XCTAssertEqual(converted.via, value.via)
        }
        XCTAssertEqual(TypeConstraint.string.convert(.number(1.5), evaluateDefault: { _ in .null }).stringValue, "1.5")
        XCTAssertEqual(TypeConstraint.bool.convert(.string("true"), evaluateDefault: { _ in .null }).boolValue, true)
    }
}
