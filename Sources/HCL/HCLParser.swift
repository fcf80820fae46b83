// Public entry point of the HCL native-syntax parser.

import IaCLintCore

public enum HCLParser {
    /// Parses a `.tf`/`.hcl` file. Never fails: always returns a (possibly partial) body plus
    /// diagnostics sorted by position. Nesting beyond `maximumDepth` is reported, not followed.
    public static func parse(_ bytes: [UInt8], path: String) -> HCLFile {
        let source = SourceFile(path: path, bytes: bytes)
        let lexed = HCLLexer.tokenize(source)
        let (body, parserDiagnostics) = bytes.withUnsafeBufferPointer { buffer in
            var parser = Parser(tokens: lexed.tokens, buffer: buffer, path: path, quietAtEndOfFile: lexed.endsUnterminated)
            let body = parser.parseFile()
            return (body, parser.diagnostics)
        }
        var diagnostics = lexed.diagnostics
        if !parserDiagnostics.isEmpty {
            diagnostics += parserDiagnostics
            // Stable order by position: the lexer's and the parser's reports interleave.
            diagnostics = diagnostics.enumerated().sorted { a, b in
                let pa = a.element.range?.start.offset ?? 0, pb = b.element.range?.start.offset ?? 0
                return pa != pb ? pa < pb : a.offset < b.offset
            }.map(\.element)
        }
        return HCLFile(body: body, diagnostics: diagnostics, source: source,
                       comments: lexed.comments)
    }

    public static func parse(_ text: String, path: String) -> HCLFile {
        parse(Array(text.utf8), path: path)
    }

    /// The nesting depth beyond which the parser reports an error instead of descending.
    public static var maximumDepth: Int { Parser.maximumDepth }
}
