// Structure tests: bodies, attributes, blocks and labels, with exact ranges.

import XCTest
import HCL
import IaCLintCore

final class HCLStructureTests: XCTestCase {
    func testAttributeRanges() throws {
        let parsed = parseHCL("name = \"value\"\n")
        XCTAssertEqual(parsed.diagnostics, [])
        let attribute = try XCTUnwrap(parsed.body.attributes.first)
        XCTAssertEqual(attribute.name, "name")
        XCTAssertEqual(describe(attribute.nameRange), "1:1-1:5@0-4")
        XCTAssertEqual(describe(attribute.range), "1:1-1:15@0-14")
        XCTAssertEqual(describe(attribute.expression.range), "1:8-1:15@7-14")
    }

    func testBlockWithQuotedAndBareLabels() throws {
        let text = """
            resource "aws_api_gateway_stage" this {
              stage_name = "prod"
            }

            """
        let parsed = parseHCL(text)
        XCTAssertEqual(parsed.diagnostics, [])
        let block = try XCTUnwrap(parsed.body.blocks.first)
        XCTAssertEqual(block.type, "resource")
        XCTAssertEqual(block.labelValues, ["aws_api_gateway_stage", "this"])
        XCTAssertEqual(block.labels.map(\.isQuoted), [true, false])
        XCTAssertEqual(describe(block.typeRange), "1:1-1:9@0-8")
        XCTAssertEqual(describe(block.labels[0].range), "1:10-1:33@9-32")
        XCTAssertEqual(describe(block.labels[1].range), "1:34-1:38@33-37")
        XCTAssertEqual(describe(block.openBraceRange), "1:39-1:40@38-39")
        XCTAssertEqual(describe(block.closeBraceRange), "3:1-3:2@62-63")
        XCTAssertEqual(describe(block.range), "1:1-3:2@0-63")
        XCTAssertEqual(describe(block.headerRange), "1:1-1:38@0-37")
        XCTAssertEqual(describe(block.body.range), "1:40-3:1@39-62")
        XCTAssertEqual(describe(block.body.endRange), "3:1-3:1@62-62")
        XCTAssertEqual(block.body.attribute("stage_name").map { describe($0.range) }, "2:3-2:22@42-61")
    }

    func testLabelEscapesAreDecoded() {
        let parsed = parseHCL("a \"x\\\"y\" {}\n")
        XCTAssertEqual(parsed.body.blocks.first?.labelValues, ["x\"y"])
    }

    func testNestedBlocksAndItemOrder() throws {
        let parsed = parseHCL("""
            a = 1
            b {
              c {
                d = 2
              }
            }
            e = 3

            """)
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(parsed.body.items.map { item -> String in
            switch item {
            case .attribute(let a): return "attr \(a.name)"
            case .block(let b): return "block \(b.type)"
            }
        }, ["attr a", "block b", "attr e"])
        let inner = try XCTUnwrap(parsed.body.blocks.first?.body.blocks(ofType: "c").first)
        XCTAssertEqual(inner.body.attributes.map(\.name), ["d"])
        XCTAssertEqual(describe(inner.range), "3:3-5:4@12-29")
    }

    func testOneLineBlocks() throws {
        let parsed = parseHCL("a { b = \"foo\" }\nempty {}\nlabeled \"x\" { y = 1 }\n")
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(parsed.body.blocks.map(\.type), ["a", "empty", "labeled"])
        XCTAssertEqual(parsed.body.blocks[0].body.attributes.map(\.name), ["b"])
        XCTAssertEqual(parsed.body.blocks[1].body.attributes.count, 0)
        XCTAssertEqual(describe(parsed.body.blocks[2].range), "3:1-3:22@25-46")
    }

    func testAttributeAtEndOfFileWithoutNewline() {
        let parsed = parseHCL("a = 1")
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a"])
    }

    func testEmptyAndCommentOnlyFiles() {
        XCTAssertEqual(parseHCL("").diagnostics, [])
        XCTAssertEqual(parseHCL("\n\n# only a comment").diagnostics, [])
        XCTAssertEqual(describe(parseHCL("").body.range), "1:1-1:1@0-0")
    }

    func testBlockTypeAndAttributeNamesMayBeKeywords() {
        let parsed = parseHCL("for = 1\nif { in = true }\n")
        XCTAssertEqual(parsed.diagnostics, [])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["for"])
        XCTAssertEqual(parsed.body.blocks.map(\.type), ["if"])
    }
}
