// Public entry point of the HCL native-syntax parser.

import IaCLintCore

public enum HCLParser {
    /// Parses a `.tf`/`.hcl` file. Never fails: always returns a (possibly partial) body plus
    /// diagnostics sorted by position. Nesting beyond `maximumDepth` is reported, not followed.
    public static func parse(_ bytes: [UInt8], path: String) -> HCLFile {
        let fileID = SourceFileID(path)
        // The lexer records the line starts as it goes (no separate pass over the bytes).
        let (body, diagnostics, comments, lineStarts) = HCLLexer.lex(bytes, fileID: fileID, lineStarts: nil, range: nil,
                                                                     template: false) { buffer, tokens, lexed, lineStarts in
            var parser = Parser(tokens: tokens, buffer: buffer, fileID: fileID, quietAtEndOfFile: lexed.endsUnterminated)
            defer { parser.deallocate() }
            let body = parser.parseFile()
            var diagnostics = lexed.diagnostics
            if !parser.diagnostics.isEmpty {
                // The lexer's and the parser's reports interleave.
                diagnostics = sorted(diagnostics + parser.diagnostics)
            }
            return (body, diagnostics, lexed.comments, lineStarts)
        }
        let source = SourceFile(path: path, fileID: fileID, bytes: bytes, lineStarts: lineStarts)
        return HCLFile(body: body, diagnostics: diagnostics, source: source, comments: comments)
    }

    public static func parse(_ text: String, path: String) -> HCLFile {
        parse(Array(text.utf8), path: path)
    }

    /// Parses `bytes` as one expression, e.g. a `.tf.json` value Terraform reads as an expression
    /// (`depends_on` entries, `provider` references). Positions are relative to `bytes`.
    public static func parseExpression(_ bytes: [UInt8], path: String) -> (expression: Expression, diagnostics: [Diagnostic]) {
        let source = SourceFile(path: path, bytes: bytes)
        return parseExpression(in: source, from: 0, to: bytes.count)
    }

    /// Parses `source.bytes[from..<to]` as one expression, with positions in the whole file.
    public static func parseExpression(in source: SourceFile, from: Int, to: Int) -> (expression: Expression, diagnostics: [Diagnostic]) {
        HCLLexer.lex(source, range: from..<max(from, to), template: false) { buffer, tokens, lexed in
            var parser = Parser(tokens: tokens, buffer: buffer, fileID: source.fileID, quietAtEndOfFile: lexed.endsUnterminated)
            defer { parser.deallocate() }
            let expression = parser.parseStandaloneExpression()
            return (expression, sorted(lexed.diagnostics + parser.diagnostics))
        }
    }

    /// Parses `bytes` as a standalone template: how Terraform reads every string in `.tf.json`
    /// (`"${aws_x.y.arn}"`, `"prefix-${var.env}"`). Only `$${` and `%%{` are escapes (JSON escapes
    /// are the JSON reader's business). Positions are relative to `bytes`.
    public static func parseTemplate(_ bytes: [UInt8], path: String) -> (template: Template, diagnostics: [Diagnostic]) {
        let source = SourceFile(path: path, bytes: bytes)
        return parseTemplate(in: source, from: 0, to: bytes.count)
    }

    /// Parses `source.bytes[from..<to]` as a standalone template, with positions in the whole file
    /// (exact when the JSON string has no backslash escapes).
    public static func parseTemplate(in source: SourceFile, from: Int, to: Int) -> (template: Template, diagnostics: [Diagnostic]) {
        HCLLexer.lex(source, range: from..<max(from, to), template: true) { buffer, tokens, lexed in
            var parser = Parser(tokens: tokens, buffer: buffer, fileID: source.fileID, quietAtEndOfFile: lexed.endsUnterminated)
            defer { parser.deallocate() }
            let template = parser.parseStandaloneTemplate()
            return (template, sorted(lexed.diagnostics + parser.diagnostics))
        }
    }

    /// Diagnostics in position order (stable).
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            let pa = a.element.range?.start.offset ?? 0, pb = b.element.range?.start.offset ?? 0
            return pa != pb ? pa < pb : a.offset < b.offset
        }.map(\.element)
    }

    /// The nesting depth beyond which the parser reports an error instead of descending.
    public static var maximumDepth: Int { Parser.maximumDepth }
}
