// Error tests: messages a Terraform user understands, exact ranges, recovery to later errors,
// and robustness against hostile input (deep nesting, garbage bytes).

import XCTest
import HCL
import IaCLintCore

final class HCLErrorRecoveryTests: XCTestCase {
    func testMissingEqualsOrBody() {
        let parsed = parseHCL("name\nother = 1\n")
        XCTAssertEqual(describeDiagnostics(parsed), ["1:5 expected '=' or a block body"])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["other"])
    }

    func testUnclosedBlockNamesWhereItOpened() {
        let parsed = parseHCL("a = 1\n\nresource \"x\" \"y\" {\n  b = 2\n")
        XCTAssertEqual(describeDiagnostics(parsed), ["3:18 this block opened at 3:1 is never closed"])
        XCTAssertEqual(describe(parsed.diagnostics.first?.range), "3:18-3:19@24-25")
        // The partial block is still in the tree.
        XCTAssertEqual(parsed.body.blocks.first?.body.attributes.map(\.name), ["b"])
    }

    func testDuplicateAttribute() {
        let parsed = parseHCL("x = 1\n  x = 2\n")
        XCTAssertEqual(describeDiagnostics(parsed), ["2:3 an attribute named x is already defined at 1:1"])
        XCTAssertEqual(parsed.diagnostics.first?.related.map { describe($0.range) }, ["1:1-1:2@0-1"])
    }

    func testDuplicatesInLargeBodies() {
        var text = ""
        for i in 0..<40 { text += "a\(i) = \(i)\n" }
        text += "a33 = 0\n"
        XCTAssertEqual(describeDiagnostics(parseHCL(text)), ["41:1 an attribute named a33 is already defined at 34:1"])
    }

    func testCommaSeparatedAttributes() {
        // specsuite structure/attributes/singleline_bad: the error is on the comma.
        let parsed = parseHCL("a = \"a value\", b = \"b value\"\n")
        XCTAssertEqual(parsed.diagnostics.map { describe($0.range) }, ["1:14-1:15@13-14"])
    }

    func testSeveralErrorsInOneFileAreAllReported() {
        let parsed = parseHCL("""
            a = (1 +
            b = 2
            c = [1 2]
            d = { x = 1 y = 2 }
            e = foo(1 2)
            f = "ok"

            """)
        XCTAssertEqual(describeDiagnostics(parsed), [
            "2:3 expected ')' to close the parentheses, but found '='",
            "3:8 expected ',' or ']' after a tuple element, but found number",
            "4:13 expected a newline or ',' after the object item, but found identifier",
            "5:11 expected ',' or ')' after a function argument, but found number",
        ])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a", "c", "d", "e", "f"])
    }

    func testSingleLineBlockErrorsFromTheSpecSuite() {
        let parsed = parseHCL("a { b = \"foo\", c = \"bar\" }\na { b = \"foo\"\n}\na { d {} }\n")
        XCTAssertEqual(parsed.diagnostics.map { describe($0.range) }, ["1:14-1:15@13-14", "2:14-3:1@40-41", "4:5-4:8@47-50"])
        XCTAssertEqual(parsed.diagnostics.map(\.message), [
            "only one argument is allowed in a single-line block",
            "the closing brace of a single-line block must be on the same line",
            "a single-line block cannot contain another block",
        ])
    }

    func testBrokenValueBeforeClosingBraceOnSameLine() {
        let parsed = parseHCL("block \"x\" {\n  nested = }\n}\nafter = true\n")
        XCTAssertEqual(describeDiagnostics(parsed), ["2:12 expected the start of an expression, but found '}'"])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["after"])
        XCTAssertEqual(parsed.body.blocks.first?.body.attributes.map(\.name), ["nested"])
    }

    func testUnexpectedClosingBraceAtTopLevel() {
        XCTAssertEqual(describeDiagnostics(parseHCL("}\na = 1\n")), ["1:1 unexpected '}'; there is no open block to close"])
    }

    func testHundredThousandOpenBracketsAreCappedNotOverflowing() {
        let text = "a = " + String(repeating: "[", count: 100_000) + "\nb = 1\n"
        let parsed = parseHCL(text)
        XCTAssertTrue(parsed.diagnostics.contains { $0.message.hasPrefix("this is nested too deeply") })
        XCTAssertLessThanOrEqual(parsed.diagnostics.count, 3)
    }

    func testDeepNestingOfEveryKindIsCapped() {
        let n = 50_000
        let cases = [
            String(repeating: "(", count: n) + "1" + String(repeating: ")", count: n),
            String(repeating: "{a=", count: n) + "1" + String(repeating: "}", count: n),
            String(repeating: "-", count: n) + "1",
            String(repeating: "!", count: n) + "x",
            String(repeating: "\"${", count: n) + "1" + String(repeating: "}\"", count: n),
            String(repeating: "a ? b : ", count: n) + "c",
            String(repeating: "f(", count: n) + String(repeating: ")", count: n),
            // Operator and splat chains are parsed by loops, but still build a tree this deep.
            "1" + String(repeating: " + 1", count: n),
            "a" + String(repeating: "[*]", count: n),
            "a" + String(repeating: ".*.b", count: n),
        ]
        for (i, body) in cases.enumerated() {
            let parsed = parseHCL("v = " + body + "\n")
            _ = HCLDump.dump(parsed) // walking (and later freeing) the partial tree must not overflow either
            XCTAssertEqual(parsed.diagnostics.first?.message, "this is nested too deeply (more than \(HCLParser.maximumDepth) levels)",
                           "case \(i)")
        }
        var blocks = ""
        for _ in 0..<5_000 { blocks += "b {\n" }
        for _ in 0..<5_000 { blocks += "}\n" }
        XCTAssertEqual(parseHCL(blocks).diagnostics.first?.message, "this is nested too deeply (more than \(HCLParser.maximumDepth) levels)")
    }

    func testNestingUnderTheCapIsFine() {
        let n = HCLParser.maximumDepth - 5
        let parsed = parseHCL("v = " + String(repeating: "[", count: n) + String(repeating: "]", count: n) + "\n")
        XCTAssertEqual(parsed.diagnostics, [])
    }

    func testGarbageNeverCrashes() {
        // A deterministic pseudo-random byte soup, plus every prefix of a real-looking file.
        var state: UInt64 = 0x9E3779B97F4A7C15
        for _ in 0..<200 {
            var bytes: [UInt8] = []
            for _ in 0..<300 {
                state = state &* 6364136223846793005 &+ 1442695040888963407
                let alphabet = Array("{}[]()\"$%~<<-EOT\n =.,:?*!&|#/\\abc019 ${%{".utf8)
                let r = Int(truncatingIfNeeded: state >> 33)
                bytes.append(r % 5 == 0 ? UInt8(truncatingIfNeeded: r >> 8) : alphabet[r % alphabet.count])
            }
            _ = HCLParser.parse(bytes, path: "fuzz.tf")
        }
        let sample = Array("""
            resource "aws_api_gateway_stage" "s" {
              name = "${var.x}-%{ if y }z%{ endif }"
              policy = <<-EOT
                { "a": ${jsonencode([for k, v in m : v if k != ""])} }
              EOT
              tags = { a = 1, (b) = c[*].d }
            }
            """.utf8)
        for end in 0...sample.count {
            _ = HCLParser.parse(Array(sample[0..<end]), path: "prefix.tf")
        }
    }
}

import Foundation

extension HCLErrorRecoveryTests {
    /// Worker threads may have small stacks: at the nesting cap parsing fits in 1 MiB in release
    /// builds (debug frames are several times larger, so debug gets 4 MiB).
    func testNestingCapFitsInASmallThreadStack() {
        let done = expectation(description: "parsed on a small stack")
        let thread = Thread {
            for body in ["[", "(", "{a=", "\"${", "-", "f("] {
                _ = HCLDump.dump(parseHCL("v = " + String(repeating: body, count: 1_000) + "\n"))
            }
            var blocks = ""
            for _ in 0..<1_000 { blocks += "b {\n" }
            _ = HCLDump.dump(parseHCL(blocks))
            done.fulfill()
        }
        #if DEBUG
        thread.stackSize = 4 << 20
        #else
        thread.stackSize = 1 << 20
        #endif
        thread.start()
        wait(for: [done], timeout: 120)
    }
}
