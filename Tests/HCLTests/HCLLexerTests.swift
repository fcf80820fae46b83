// Lexer tests: token kinds and exact positions, comments, and lexical errors.

import XCTest
import HCL
import IaCLintCore

final class HCLLexerTests: XCTestCase {
    func testCommentThenNewlinePositions() {
        XCTAssertEqual(describeTokens("# c\nx = 1\n"), [
            "newline@1:4-2:1", "identifier@2:1-2:2", "equals@2:3-2:4", "number@2:5-2:6", "newline@2:6-3:1",
        ])
    }
}
