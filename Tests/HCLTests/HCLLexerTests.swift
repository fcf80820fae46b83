// Lexer tests: token kinds and exact positions, comments, and lexical errors.

import XCTest
@testable import HCL  // `Lexer.quotedTextStops`
import IaCLintCore

final class HCLLexerTests: XCTestCase {
    func testCommentThenNewlinePositions() {
        XCTAssertEqual(describeTokens("# c\nx = 1\n"), [
            "newline@1:4-2:1", "identifier@2:1-2:2", "equals@2:3-2:4", "number@2:5-2:6", "newline@2:6-3:1",
        ])
    }

    func testOperatorsAndPunctuation() {
        let kinds = HCLLexer.tokenize(Array("+ - * / % && || ! == != < <= > >= ? : :: => = . ... , ( ) [ ] { }".utf8), path: "t")
            .tokens.map(\.kind)
        XCTAssertEqual(kinds, [.plus, .minus, .star, .slash, .percent, .and, .or, .bang, .equalEqual, .notEqual,
                               .less, .lessEqual, .greater, .greaterEqual, .question, .colon, .doubleColon, .fatArrow,
                               .equals, .dot, .ellipsis, .comma, .openParen, .closeParen, .openBracket, .closeBracket,
                               .openBrace, .closeBrace, .endOfFile])
    }

    func testNumbersWithFractionsAndExponents() {
        XCTAssertEqual(describeTokens("1 2.5 3e10 4.5E-3 6e+2"), [
            "number@1:1-1:2", "number@1:3-1:6", "number@1:7-1:11", "number@1:12-1:18", "number@1:19-1:23",
        ])
        // `1.` without digits is a number then a dot (legacy index syntax relies on it).
        XCTAssertEqual(describeTokens("1.a"), ["number@1:1-1:2", "dot@1:2-1:3", "identifier@1:3-1:4"])
    }

    func testIdentifiersWithDashesAndUnicode() {
        XCTAssertEqual(describeTokens("a-b_c9 ÿé"), ["identifier@1:1-1:7", "identifier@1:8-1:10"])
    }

    /// The lexer builds positions by laying out three 32-bit fields itself (see `Lexer.makePosition`):
    /// line, column and offset must land in the right fields.
    func testPositionsMatchTheCoreInitializer() {
        let tokens = HCLLexer.tokenize(Array("\n\n      abc".utf8), path: "t").tokens
        let identifier = tokens[2]
        XCTAssertEqual(identifier.kind, .identifier)
        XCTAssertEqual(identifier.start, SourcePosition(line: 3, column: 7, offset: 8))
        XCTAssertEqual(identifier.end, SourcePosition(line: 3, column: 10, offset: 11))
        XCTAssertEqual([identifier.start.line, identifier.start.column, identifier.start.offset], [3, 7, 8])
    }

    /// Identifiers are scanned eight bytes at a time: every length, every terminator, every character class.
    func testIdentifierEndsAtEveryPositionOfAWord() {
        let alphabet = Array("azAZ09_-mQ".utf8)
        for length in 1...19 {
            var name: [UInt8] = []
            for k in 0..<length { name.append(k == 0 ? UInt8(ascii: "x") : alphabet[k % alphabet.count]) }
            for terminator in Array(" .=[({\"@`/:~".utf8) + [0x0A, 0x7F] {
                let text = name + [terminator] + Array("        ".utf8)
                let first = HCLLexer.tokenize(text, path: "t").tokens[0]
                XCTAssertEqual(first.kind, .identifier)
                XCTAssertEqual(first.end.offset, length, "length \(length), terminator \(terminator)")
            }
            // A non-ASCII letter continues the identifier; an invalid byte ends it.
            let accented = HCLLexer.tokenize(name + Array("é x        ".utf8), path: "t").tokens[0]
            XCTAssertEqual(accented.end.offset, length + 2)
            let invalid = HCLLexer.tokenize(name + [0xC3] + Array("         ".utf8), path: "t").tokens[0]
            XCTAssertEqual(invalid.end.offset, length)
        }
    }

    /// Quoted text is scanned eight bytes at a time: every byte value at every position of a word
    /// stops the scan exactly when the byte-by-byte test would (a byte up to `%`, or a backslash).
    func testQuotedTextStopsMatchTheByteTest() {
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 8)
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                let stops = Lexer.quotedTextStops(word)
                let plain = value > 0x25 && value != 0x5C
                XCTAssertEqual(stops, plain ? 0 : UInt64(0x80) << UInt64(8 * position), "byte \(value) at \(position)")
            }
        }
        // Strings of every length around a word, ending in each kind of stop.
        for length in 0...19 {
            let body = String(repeating: "k", count: length)
            for (tail, kind) in [("\" ", TokenKind.closeQuote), ("${x}\"", .templateInterpolation), ("\\n\"", .closeQuote)] {
                let tokens = HCLLexer.tokenize(Array(("a = \"" + body + tail + "\n").utf8), path: "t").tokens
                if length > 0 {
                    XCTAssertEqual(tokens[3].kind, .quotedLiteral)
                    XCTAssertEqual(tokens[3].start.offset, 5)
                }
                XCTAssertTrue(tokens.contains { $0.kind == kind }, "\(length) \(tail)")
            }
        }
    }

    func testColumnsCountScalarsNotBytes() {
        // "é" is two bytes but one column.
        let tokens = HCLLexer.tokenize(Array("\"é\" x".utf8), path: "t").tokens
        XCTAssertEqual(tokens[3].kind, .identifier)
        XCTAssertEqual(tokens[3].start, SourcePosition(line: 1, column: 5, offset: 5))
    }

    func testCRLFIsOneNewline() {
        XCTAssertEqual(describeTokens("a = 1\r\nb = 2"), [
            "identifier@1:1-1:2", "equals@1:3-1:4", "number@1:5-1:6", "newline@1:6-2:1",
            "identifier@2:1-2:2", "equals@2:3-2:4", "number@2:5-2:6",
        ])
    }

    func testQuotedTemplateTokens() {
        XCTAssertEqual(describeTokens("\"a${b}c%{if x}d%{endif}\""), [
            "openQuote@1:1-1:2", "quotedLiteral@1:2-1:3", "templateInterpolation@1:3-1:5", "identifier@1:5-1:6",
            "templateSequenceEnd@1:6-1:7", "quotedLiteral@1:7-1:8", "templateControl@1:8-1:10", "identifier@1:10-1:12",
            "identifier@1:13-1:14", "templateSequenceEnd@1:14-1:15", "quotedLiteral@1:15-1:16",
            "templateControl@1:16-1:18", "identifier@1:18-1:23", "templateSequenceEnd@1:23-1:24", "closeQuote@1:24-1:25",
        ])
    }

    func testEscapedSequencesStayLiteral() {
        XCTAssertEqual(describeTokens("\"$${a} %%{b}\""), ["openQuote@1:1-1:2", "quotedLiteral@1:2-1:13", "closeQuote@1:13-1:14"])
    }

    func testStripMarkersAreInSequenceTokens() {
        let tokens = HCLLexer.tokenize(Array("\"${~ a ~}\"".utf8), path: "t").tokens
        XCTAssertEqual(tokens.map(\.kind), [.openQuote, .templateInterpolation, .identifier, .templateSequenceEnd, .closeQuote, .endOfFile])
        XCTAssertEqual(tokens[1].end.offset - tokens[1].start.offset, 3)
        XCTAssertEqual(tokens[3].end.offset - tokens[3].start.offset, 2)
    }

    func testBracesInsideInterpolationAreBalanced() {
        let kinds = HCLLexer.tokenize(Array("\"${ {a = 1}.a }\"".utf8), path: "t").tokens.map(\.kind)
        XCTAssertEqual(kinds, [.openQuote, .templateInterpolation, .openBrace, .identifier, .equals, .number, .closeBrace,
                               .dot, .identifier, .templateSequenceEnd, .closeQuote, .endOfFile])
    }

    func testHeredocTokens() {
        XCTAssertEqual(describeTokens("x = <<EOT\nhello ${n}\n  EOT\n"), [
            "identifier@1:1-1:2", "equals@1:3-1:4", "openHeredoc@1:5-2:1", "heredocLiteral@2:1-2:7",
            "templateInterpolation@2:7-2:9", "identifier@2:9-2:10", "templateSequenceEnd@2:10-2:11",
            "heredocLiteral@2:11-3:1", "closeHeredoc@3:1-3:6", "newline@3:6-4:1",
        ])
    }

    func testHeredocMarkerMustBeAlone() {
        // "EOTX" and "EOT x" do not end the heredoc; trailing spaces do not matter.
        let parsed = parseHCL("x = <<EOT\nEOTX\nEOT x\nEOT  \ny = 1\n")
        XCTAssertEqual(parsed.diagnostics.map(\.message), [])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["x", "y"])
    }

    func testCommentsAreCollectedWithRanges() {
        let parsed = parseHCL("# one\na = 1 // two\n/* three\n */ b = 2\n")
        XCTAssertEqual(parsed.comments.map(\.text), ["# one", "// two", "/* three\n */"])
        XCTAssertEqual(parsed.comments.map(\.style), [.hash, .doubleSlash, .block])
        XCTAssertEqual(parsed.comments.map { describe($0.range) }, ["1:1-1:6@0-5", "2:7-2:13@12-18", "3:1-4:4@19-31"])
        XCTAssertEqual(parsed.comments[0].content, "one")
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a", "b"])
        XCTAssertEqual(parsed.diagnostics, [])
    }

    func testSuppressionCommentContent() {
        let parsed = parseHCL("# iaclint:ignore APIGW007 -- reason\nresource \"a\" \"b\" {}\n")
        XCTAssertEqual(parsed.comments.first?.content, "iaclint:ignore APIGW007 -- reason")
        XCTAssertEqual(parsed.comments.first?.range.start.line, 1)
    }

    func testInvalidCharacters() {
        let parsed = parseHCL("a = 1;\nb = 'x'\nc = @\n")
        XCTAssertEqual(describeDiagnostics(parsed), ["1:6 invalid character", "2:5 invalid character", "2:7 invalid character",
                                                     "3:5 invalid character"])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a", "b", "c"])
    }

    func testInvalidUTF8IsReportedOnce() {
        var bytes = Array("a = \"".utf8)
        bytes += [0xFF, 0xFE]
        bytes += Array("\"\nb = 1\n".utf8)
        let parsed = HCLParser.parse(bytes, path: "t.tf")
        XCTAssertEqual(describeDiagnostics(parsed), ["1:6 invalid UTF-8"])
        XCTAssertEqual(describe(parsed.diagnostics.first?.range), "1:6-1:7@5-6")
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a", "b"])
    }

    func testNULBytesAreInvalidCharacters() {
        let parsed = HCLParser.parse(Array("a = 1\n\u{0}\nb = 2\n".utf8), path: "t.tf")
        XCTAssertEqual(describeDiagnostics(parsed), ["2:1 invalid character"])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a", "b"])
    }

    func testUnterminatedBlockComment() {
        let parsed = parseHCL("a = 1\n/* never closed\nb = 2\n")
        XCTAssertEqual(describeDiagnostics(parsed), ["2:1 unterminated comment; expected '*/'"])
        XCTAssertEqual(parsed.body.attributes.map(\.name), ["a"])
    }

    /// Token positions are built in place for speed; they must equal the line index's own answer,
    /// across indentation (skipped with the newline), tabs, CRLF, heredocs and multi-byte text.
    func testTokenPositionsMatchSourceFilePositions() {
        let text = "resource \"a\" \"b\" {\n\t  name = \"é${var.x}\"\r\n    list = [1,\n      2]\n" +
            "  doc = <<-EOT\n    ünï ${a.b}\n    EOT\n  # comment\n}\n\n   \t x = y.z\n"
        let source = SourceFile(path: "a-path-longer-than-fifteen-bytes.tf", text: text)
        let lexed = HCLLexer.tokenize(source)
        XCTAssertTrue(lexed.diagnostics.isEmpty, "\(lexed.diagnostics)")
        XCTAssertGreaterThan(lexed.tokens.count, 30)
        for token in lexed.tokens {
            XCTAssertEqual(token.start, source.position(at: token.start.offset), "\(token.kind) start")
            XCTAssertEqual(token.end, source.position(at: token.end.offset), "\(token.kind) end")
        }
        // The indentation before `list` and `x` is not a token, and the names start where written.
        let names = lexed.tokens.filter { $0.kind == .identifier }.map { "\($0.start.line):\($0.start.column)" }
        XCTAssertTrue(names.contains("3:5"), "\(names)")
        XCTAssertTrue(names.contains("11:6"), "\(names)")
    }

    /// A whole-file parse takes its line index from the lexer, which records each line start as it
    /// passes the newline; it must equal a plain scan of the bytes wherever the newline is.
    func testRecordedLineStartsMatchAScanOfTheBytes() {
        let texts = [
            "", "\n", "\n\n\n", "a = 1", "a = 1\n", "a = 1\r\nb = 2\r\n", "a = \"x\ry\"\n", "\r",
            "a = \"unterminated\nb = 2\n", "a = \"x\\\ny\"\n", "/* one\ntwo\n*/ a = 1\n", "a = 1\n/* never closed\nb = 2\n",
            "/* never closed\n", "# comment\n// another\r\n", "x = <<EOT\nline ${a}\n  EOT\ny = 2\n",
            "x = <<-EOT\r\n  one\r\n  two\r\n  EOT\r\n", "x = <<EOT\nnever closed\n", "x = <<EOT\n",
            "x = <<EOT y\n", "x = [\n  1,\n  2\n]\n", "x = \"${\n a\n}\"\n", "x = \"é\nü\"\n", "x = {\n a = 1 }\n\n",
            "x = \"%{ if a }\nb%{ endif }\"\n", "é = 1\n\u{00A0}\n", "x = y;\nz = 1\n\n",
        ]
        var inputs: [[UInt8]] = texts.map { Array($0.utf8) }
        inputs.append([0x61, 0x20, 0x3D, 0x20, 0x22, 0xFF, 0x0A, 0xC3, 0x0A, 0x22, 0x0A])
        inputs.append([0x78, 0x20, 0x3D, 0x20, 0x3C, 0x3C, 0x45, 0x0A, 0xE2, 0x82, 0x0A, 0x45, 0x0A])
        // Reported before the lexer has passed its line: placed once the line starts are known.
        let invalid = HCLParser.parse(Array("a = 1\nb = 2\nc = \"".utf8) + [0xFF, 0xFE] + Array("\"\nd = \n".utf8), path: "bad.tf")
        XCTAssertEqual(describeDiagnostics(invalid).first, "3:6 invalid UTF-8")
        for bytes in inputs {
            let parsed = HCLParser.parse(bytes, path: "lines.tf")
            XCTAssertEqual(parsed.source.lineStarts, SourceFile.lineStarts(of: bytes), "\(bytes)")
            XCTAssertEqual(parsed.source.fileID, SourceFileID("lines.tf"))
        }
    }
}
