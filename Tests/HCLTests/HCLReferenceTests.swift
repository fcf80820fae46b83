// Reference helpers: static references from traversals and the variables an expression reads.

import XCTest
import HCL
import IaCLintCore

final class HCLReferenceTests: XCTestCase {
    func testResourceAttributeReference() throws {
        let ref = try XCTUnwrap(expression("aws_cloudwatch_log_group.logs.arn").staticReference)
        XCTAssertEqual(ref.root, "aws_cloudwatch_log_group")
        XCTAssertEqual(ref.steps, [.attribute("logs"), .attribute("arn")])
        XCTAssertEqual(ref.leadingAttributeNames, ["logs", "arn"])
        XCTAssertTrue(ref.isComplete)
        XCTAssertEqual(describe(ref.range), "1:5-1:38@4-37")
    }

    func testModuleOutputAndIndexes() throws {
        XCTAssertEqual(expression("module.x.out").staticReference?.steps, [.attribute("x"), .attribute("out")])
        let indexed = try XCTUnwrap(expression("aws_x.y[\"prod\"][0].arn").staticReference)
        XCTAssertEqual(indexed.steps, [.attribute("y"), .key("prod"), .index(0), .attribute("arn")])
        XCTAssertEqual(indexed.leadingAttributeNames, ["y"])
        let legacy = try XCTUnwrap(expression("aws_x.y.0.arn").staticReference)
        XCTAssertEqual(legacy.steps, [.attribute("y"), .index(0), .attribute("arn")])
    }

    func testDynamicStepsStopTheStaticPrefix() throws {
        let ref = try XCTUnwrap(expression("aws_x.y[count.index].arn").staticReference)
        XCTAssertEqual(ref.steps, [.attribute("y")])
        XCTAssertFalse(ref.isComplete)
        let splat = try XCTUnwrap(expression("aws_x.y[*].arn").staticReference)
        XCTAssertEqual(splat.steps, [.attribute("y")])
        XCTAssertFalse(splat.isComplete)
    }

    func testReferencesThroughWrappers() {
        XCTAssertEqual(expression("\"${aws_x.y.arn}\"").staticReference?.root, "aws_x")
        XCTAssertEqual(expression("(aws_x.y).arn").staticReference?.steps, [.attribute("y"), .attribute("arn")])
        XCTAssertNil(expression("\"arn:${aws_x.y.arn}\"").staticReference)
        XCTAssertNil(expression("1").staticReference)
    }

    func testVariablesSkipForBoundNames() {
        let names = expression("{ for k, v in var.m : k => \"${v}-${local.suffix}\" if v != aws_x.y.id }").variables.map(\.root.name)
        XCTAssertEqual(names, ["var", "local", "aws_x"])
        let template = expression("\"%{ for s in var.list }${s}${data.d.x}%{ endfor }\"").variables.map(\.root.name)
        XCTAssertEqual(template, ["var", "data"])
        let nested = expression("f(a[b.c], d ? e : g.h)").variables.map { $0.staticReference.description }
        XCTAssertEqual(nested.count, 5)
    }

    func testChildrenAreInSourceOrder() {
        let children = expression("cond ? [1, 2] : f(x)").children
        XCTAssertEqual(children.map { describe($0.range) }, ["1:5-1:9@4-8", "1:12-1:18@11-17", "1:21-1:25@20-24"])
    }
}

extension HCLReferenceTests {
    func testDescription() {
        XCTAssertEqual(expression("aws_x.y[\"k\"][0].arn").staticReference?.description, "aws_x.y[\"k\"][0].arn")
    }
}
