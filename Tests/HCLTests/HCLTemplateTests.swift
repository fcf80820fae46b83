// Template tests: escapes, interpolation, directives, strip markers and heredocs.

import XCTest
import HCL
import IaCLintCore

final class HCLTemplateTests: XCTestCase {
    private func template(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Template? {
        guard case .template(let t) = expression(text, file: file, line: line) else {
            XCTFail("not a template", file: file, line: line)
            return nil
        }
        return t
    }

    func testEveryEscape() {
        let t = template(#""a\nb\rc\td\"e\\f\u00e9\U0001F600 $${x} %%{y}""#)
        XCTAssertEqual(t?.literalValue, "a\nb\rc\td\"e\\fé😀 ${x} %{y}")
        XCTAssertEqual(t.map { describe($0.range) }, "1:5-1:51@4-50")
    }

    func testInvalidEscapesAreReported() {
        let parsed = parseHCL(#"v = "a\qb \u12""# + "\n")
        XCTAssertEqual(describeDiagnostics(parsed), [
            "1:7 invalid escape sequence \\q",
            "1:11 invalid unicode escape; \\u needs 4 hexadecimal digits naming a valid character",
        ])
    }

    func testInterpolationParts() throws {
        let t = try XCTUnwrap(template(#""prod-${var.env}-x""#))
        XCTAssertEqual(t.parts.count, 3)
        guard case .literal("prod-", let r0) = t.parts[0], case .interpolation(let i) = t.parts[1],
              case .literal("-x", _) = t.parts[2] else { return XCTFail() }
        XCTAssertEqual(describe(r0), "1:6-1:11@5-10")
        XCTAssertEqual(describe(i.range), "1:11-1:21@10-20")
        XCTAssertNil(t.singleInterpolation)
        XCTAssertNil(t.literalValue)
    }

    func testSingleInterpolationUnwraps() throws {
        let t = try XCTUnwrap(template(#""${aws_cloudwatch_log_group.logs.arn}""#))
        guard case .scopeTraversal(let s)? = t.singleInterpolation else { return XCTFail() }
        XCTAssertEqual(s.root.name, "aws_cloudwatch_log_group")
    }

    func testStripMarkers() {
        XCTAssertEqual(literals(template(#""hello ${~ "world" }""#)), ["hello"])
        guard case .ifDirective(let d)? = template(#""%{ if true ~} hello %{~ endif }""#)?.parts.first else { return XCTFail() }
        XCTAssertEqual(literals(d.thenParts), ["hello"])
        // Only literals adjacent to the marker are stripped.
        XCTAssertEqual(literals(template(#""a ${"b" ~} c""#)), ["a ", "c"])
    }

    func testIfElseDirective() throws {
        let t = try XCTUnwrap(template(#""%{if x}yes%{else}no%{endif}""#))
        guard t.parts.count == 1, case .ifDirective(let d) = t.parts[0] else { return XCTFail() }
        XCTAssertEqual(literals(d.thenParts), ["yes"])
        XCTAssertEqual(d.elseParts.map(literals), ["no"])
        XCTAssertEqual(describe(d.range), "1:6-1:33@5-32")
    }

    func testForDirectiveAndNesting() throws {
        let t = try XCTUnwrap(template(#""%{for k, v in m}%{if v}${k}%{endif},%{endfor}""#))
        guard case .forDirective(let f) = t.parts[0] else { return XCTFail() }
        XCTAssertEqual(f.keyVariable?.name, "k")
        XCTAssertEqual(f.valueVariable.name, "v")
        XCTAssertEqual(f.bodyParts.count, 2)
        guard case .ifDirective = f.bodyParts[0] else { return XCTFail() }
    }

    func testUnbalancedDirectivesAreReported() {
        XCTAssertEqual(describeDiagnostics(parseHCL("v = \"%{if x}a\"\n")), ["1:6 this %{if} is never closed; expected %{endif}"])
        XCTAssertEqual(describeDiagnostics(parseHCL("v = \"a%{endfor}\"\n")), ["1:7 %{endfor} without a matching %{for}"])
        XCTAssertEqual(describeDiagnostics(parseHCL("v = \"%{ while x }\"\n")),
                       ["1:9 expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{', but found identifier"])
    }

    func testHeredoc() throws {
        let parsed = parseHCL("v = <<EOT\n  Foo\n  ${bar}\nEOT\nw = 1\n")
        XCTAssertEqual(parsed.diagnostics, [])
        guard case .template(let t)? = parsed.body.attribute("v")?.expression else { return XCTFail() }
        XCTAssertEqual(t.heredoc, Template.Heredoc(marker: "EOT", flush: false))
        XCTAssertEqual(literals(t.parts), ["  Foo\n  ", "\n"])
        XCTAssertEqual(describe(t.range), "1:5-4:4@4-28")
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["v", "w"])
    }

    func testHeredocKeepsBackslashesLiteral() {
        let parsed = parseHCL("v = <<EOT\na\\nb $${x}\nEOT\n")
        guard case .template(let t)? = parsed.body.attribute("v")?.expression else { return XCTFail() }
        XCTAssertEqual(t.literalValue, "a\\nb ${x}\n")
    }

    func testFlushHeredocIndentation() {
        func flush(_ body: String) -> String? {
            let parsed = parseHCL("v = <<-EOT\n\(body)  EOT\n")
            XCTAssertEqual(parsed.diagnostics, [])
            guard case .template(let t)? = parsed.body.attribute("v")?.expression else { return nil }
            return t.literalValue ?? literals(t.parts).joined(separator: "|")
        }
        XCTAssertEqual(flush("    Foo\n      Bar\n    Baz\n"), "Foo\n  Bar\nBaz\n")
        XCTAssertEqual(flush("    Foo\n  Bar\n    Baz\n"), "  Foo\nBar\n  Baz\n")
        XCTAssertEqual(flush("\tFoo\n  Bar\n  Baz\n"), "Foo\n Bar\n Baz\n")
        XCTAssertEqual(flush("    Foo\n\n    Bar\n"), "Foo\n\nBar\n")
        XCTAssertEqual(flush("    Foo\n  ${x}\n"), "  Foo\n|\n")
    }

    func testUnterminatedStringAndHeredoc() {
        let unterminated = parseHCL("a = \"abc\nb = 1\n")
        XCTAssertEqual(describeDiagnostics(unterminated), ["1:5 unterminated string"])
        XCTAssertEqual(describe(unterminated.diagnostics.first?.range), "1:5-1:9@4-8")
        XCTAssertEqual(unterminated.body.attributes.map(\.name), ["a", "b"])
        let heredoc = parseHCL("a = <<EOT\nabc\n")
        XCTAssertEqual(describeDiagnostics(heredoc), ["1:5 unterminated heredoc; expected a line containing only EOT"])
    }

    private func literals(_ t: Template?) -> [String] { literals(t?.parts ?? []) }

    private func literals(_ parts: [TemplatePart]) -> [String] {
        parts.compactMap { if case .literal(let s, _) = $0 { return s } else { return nil } }
    }
}
