// Standalone templates and expressions: how Terraform reads strings and values in `.tf.json`.

import XCTest
import HCL
import IaCLintCore

final class HCLStandaloneTests: XCTestCase {
    func testTemplateFromJSONString() throws {
        let (template, diagnostics) = HCLParser.parseTemplate(Array("arn:${aws_x.y.arn}:*".utf8), path: "main.tf.json")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(template.parts.count, 3)
        guard case .literal("arn:", let r0) = template.parts[0], case .interpolation(let i) = template.parts[1],
              case .literal(":*", _) = template.parts[2] else { return XCTFail() }
        XCTAssertEqual(describe(r0), "1:1-1:5@0-4")
        XCTAssertEqual(describe(i.range), "1:5-1:19@4-18")
        XCTAssertEqual(i.expression.staticReference?.description, "aws_x.y.arn")
        XCTAssertEqual(describe(template.range), "1:1-1:21@0-20")
    }

    func testTemplateKeepsBackslashesAndUnescapesDollars() {
        let (template, diagnostics) = HCLParser.parseTemplate(Array("a\\n $${b} %%{c} \"q\" }".utf8), path: "t")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(template.literalValue, "a\\n ${b} %{c} \"q\" }")
    }

    func testSingleInterpolationAndDirectives() {
        let single = HCLParser.parseTemplate(Array("${var.enabled}".utf8), path: "t").template
        XCTAssertNotNil(single.singleInterpolation)
        let directive = HCLParser.parseTemplate(Array("%{ if x ~}\n yes\n%{~ endif }".utf8), path: "t")
        XCTAssertEqual(directive.diagnostics, [])
        guard case .ifDirective(let d)? = directive.template.parts.first else { return XCTFail() }
        XCTAssertEqual(d.thenParts.count, 1)
        XCTAssertEqual(HCLParser.parseTemplate([], path: "t").template.parts.count, 0)
    }

    func testTemplateErrors() {
        XCTAssertEqual(HCLParser.parseTemplate(Array("a ${b".utf8), path: "t").diagnostics.map(\.message),
                       ["unterminated template sequence; expected '}'"])
    }

    func testTemplateInPlaceHasFilePositions() throws {
        // A JSON file: the template is the inside of the string on line 2.
        let json = "{\n  \"arn\": \"${aws_x.y.arn}\"\n}\n"
        let source = SourceFile(path: "main.tf.json", text: json)
        let start = try XCTUnwrap(json.utf8.firstIndex(of: UInt8(ascii: "$")).map { json.utf8.distance(from: json.utf8.startIndex, to: $0) })
        let (template, diagnostics) = HCLParser.parseTemplate(in: source, from: start, to: start + 14)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(describe(template.range), "2:11-2:25@12-26")
        XCTAssertEqual(template.singleInterpolation.map { describe($0.range) }, "2:13-2:24@14-25")
    }

    func testExpression() {
        let (e, diagnostics) = HCLParser.parseExpression(Array("aws_x.y\n  .arn".utf8), path: "t")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(e.staticReference?.description, "aws_x.y.arn")
        XCTAssertEqual(HCLParser.parseExpression(Array("a b".utf8), path: "t").diagnostics.map(\.message),
                       ["unexpected identifier after the expression"])
        XCTAssertEqual(HCLParser.parseExpression([], path: "t").diagnostics.map(\.message),
                       ["expected the start of an expression, but found end of file"])
    }
}
