// Shared helpers for the HCL tests: parsing text and describing positions compactly.

import XCTest
import HCL
import IaCLintCore

func parseHCL(_ text: String, path: String = "test.tf") -> HCLFile {
    HCLParser.parse(Array(text.utf8), path: path)
}

/// `line:column-line:column@start-end`, the format of the golden dumps.
func describe(_ r: SourceRange?) -> String {
    guard let r else { return "-" }
    return "\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)@\(r.start.offset)-\(r.end.offset)"
}

/// Tokens as `kind@L:C-L:C` strings, without the final end-of-file token.
func describeTokens(_ text: String) -> [String] {
    let lexed = HCLLexer.tokenize(Array(text.utf8), path: "t.tf")
    return lexed.tokens.dropLast().map { "\($0.kind)@\($0.start.line):\($0.start.column)-\($0.end.line):\($0.end.column)" }
}

/// The single attribute's expression of a one-attribute file, failing the test otherwise.
func expression(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> HCLExpression {
    let parsed = parseHCL("v = \(text)\n")
    XCTAssertEqual(parsed.diagnostics.map(\.message), [], file: file, line: line)
    guard let attribute = parsed.body.attributes.first else {
        XCTFail("no attribute parsed", file: file, line: line)
        return .invalid(SourceRange(file: "", at: .start))
    }
    return attribute.expression
}

/// Diagnostics as `line:column message` strings.
func describeDiagnostics(_ file: HCLFile) -> [String] {
    file.diagnostics.map { "\($0.range?.start.line ?? 0):\($0.range?.start.column ?? 0) \($0.message)" }
}
