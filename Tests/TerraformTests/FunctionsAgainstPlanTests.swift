// Every function output of testdata/terraform/functions equals what real Terraform planned.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

final class FunctionsAgainstPlanTests: XCTestCase {
    func testEveryOutputEqualsThePlannedValue() throws {
        let plan = try XCTUnwrap(Fixture.plan("functions"))
        let planned = try XCTUnwrap(plan["planned_values"]?["outputs"]?.objectEntries)
        let ours = TerraformLoader.rootOutputs(directory: Fixture.directory("functions"), options: Fixture.options())
        XCTAssertEqual(planned.count, ours.count)
        XCTAssertGreaterThanOrEqual(planned.count, 24)
        for entry in planned {
            let expected = try XCTUnwrap(entry.value["value"], entry.key)
            let actual = try XCTUnwrap(ours[entry.key], entry.key)
            XCTAssertTrue(actual.sameContents(as: expected),
                          "\(entry.key): iaclint \(PlanComparator().describe(actual)) != terraform \(PlanComparator().describe(expected))")
        }
    }

    func testJSONEncodeIsByteExactGolden() {
        let object = Value.object([
            ObjectEntry("status", .string("$context.status")),
            ObjectEntry("requestId", .string("$context.requestId")),
            ObjectEntry("xml", .string("<a href=\"x\">&</a>\u{2028}\u{2029}\u{08}\u{0C}\u{01}")),
            ObjectEntry("n", .list([.number(1), .number(0.5), .number(-2e-7), .number(1e21), .null, .bool(false)])),
        ])
        XCTAssertEqual(TerraformJSONEncoder.encode(object),
                       #"{"n":[1,0.5,-0.0000002,1000000000000000000000,null,false],"requestId":"$context.requestId","status":"$context.status","xml":"\u003ca href=\"x\"\u003e\u0026\u003c/a\u003e\u2028\u2029\b\f\u0001"}"#)
        XCTAssertNil(TerraformJSONEncoder.encode(.list([.unknown(.knownAfterApply, "x")])))
    }

    func testNumbersPrintLikeTerraform() {
        XCTAssertEqual(TerraformNumber.format(42), "42")
        XCTAssertEqual(TerraformNumber.format(-0.25), "-0.25")
        XCTAssertEqual(TerraformNumber.format(1.5e-7), "0.00000015")
        XCTAssertEqual(TerraformNumber.format(123456789.125), "123456789.125")
        XCTAssertEqual(TerraformNumber.format(1e22), "10000000000000000000000")
        XCTAssertEqual(TerraformNumber.parse("1e3"), 1000)
        XCTAssertNil(TerraformNumber.parse("inf"))
        XCTAssertNil(TerraformNumber.parse("0x10"))
    }

    func testUnknownArgumentsAndUnknownFunctionsGiveUnknown() {
        let ctx = FunctionContext(range: nil, moduleDirectory: ".", scanRoot: "/", readFile: { FileSystem.read($0) })
        let u = Value.unknown(.knownAfterApply, "aws_x.y.arn")
        XCTAssertEqual(FunctionLibrary.call("upper", [u], ctx).unknownReason?.kind, .knownAfterApply)
        XCTAssertEqual(FunctionLibrary.call("provider::aws::arn_parse", [.string("x")], ctx).unknownReason?.kind, .unsupportedFunction)
        XCTAssertEqual(FunctionLibrary.call("no_such_function", [], ctx).unknownReason?.kind, .unsupportedFunction)
        XCTAssertEqual(FunctionLibrary.call("length", [.list([u, u])], ctx).numberValue, 2)
        XCTAssertEqual(FunctionLibrary.call("element", [.list([]), .number(0)], ctx).unknownReason?.kind, .invalid)
        XCTAssertEqual(FunctionLibrary.call("timestamp", [], ctx).unknownReason?.kind, .knownAfterApply)
        XCTAssertEqual(FunctionLibrary.call("substr", [.string("abc"), .number(0), .number(-5)], ctx).unknownReason?.kind, .invalid)
    }
}

final class FunctionEdgeCaseTests: XCTestCase {
    private let ctx = FunctionContext(range: nil, moduleDirectory: ".", scanRoot: "/", readFile: { FileSystem.read($0) })

    func testRangeTerminatesAtLargeMagnitudes() {
        XCTAssertEqual(FunctionLibrary.call("range", [.number(1e20), .number(1e20 + 1e6), .number(0.5)], ctx).unknownReason?.kind, .limit)
        XCTAssertEqual(FunctionLibrary.call("range", [.number(1e20), .number(1e20 + 40000), .number(0.5)], ctx).listValue?.count, 65536)
        XCTAssertEqual(FunctionLibrary.call("range", [.number(5), .number(1)], ctx).listValue?.compactMap(\.numberValue), [5, 4, 3, 2])
        XCTAssertEqual(FunctionLibrary.call("range", [.number(0), .number(1), .number(0)], ctx).unknownReason?.kind, .invalid)
    }

    func testHugeNumbersDoNotTrap() {
        for name in ["format", "substr", "element", "parseint", "pow", "indent"] {
            _ = FunctionLibrary.call(name, [.string("%d %x %05.2f"), .number(1e300), .number(-1e300)], ctx)
            _ = FunctionLibrary.call(name, [.number(.infinity), .number(-.infinity), .number(.nan)], ctx)
        }
        XCTAssertEqual(FunctionLibrary.call("format", [.string("%d"), .number(1e300)], ctx).unknownReason?.kind, .invalid)
    }
}
