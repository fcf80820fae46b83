// Entry point: parses JSON bytes into a positioned document, with diagnostics.

import IaCLintCore

/// What to do when an object repeats a key.
public enum JSONDuplicateKeyPolicy: Sendable {
    /// Keep both; lookups return the last (what most JSON decoders do).
    case allow
    /// Also report a diagnostic of this severity, pointing at the repeat and at the first key.
    case report(Severity)
}

public struct JSONParseOptions: Sendable {
    public var duplicateKeys: JSONDuplicateKeyPolicy
    /// Deeper nesting is an error, not a stack overflow.
    public var maximumDepth: Int

    public init(duplicateKeys: JSONDuplicateKeyPolicy = .allow, maximumDepth: Int = 512) {
        self.duplicateKeys = duplicateKeys
        self.maximumDepth = maximumDepth
    }

    public static let `default` = JSONParseOptions()
}

public struct JSONParseResult: Sendable {
    /// Nil when the text is not valid JSON (the error is in `diagnostics`).
    public var document: JSONDocument?
    /// Syntax errors (at most one; reading stops there) and duplicate-key reports.
    public var diagnostics: [Diagnostic]

    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

public enum JSONReader {
    /// The largest text whose offsets fit the 32-bit node fields.
    public static let maximumTextSize = Int(UInt32.max) - 1

    /// Parses one JSON text (RFC 8259). UTF-8 (BOM tolerated) or UTF-16 with a BOM (transcoded;
    /// ranges then refer to the UTF-8 transcoding).
    public static func parse(_ bytes: [UInt8], path: String, options: JSONParseOptions = .default) -> JSONParseResult {
        let text: [UInt8], start: Int, encoding: JSONTextEncoding
        switch JSONTextDecoding.decode(bytes) {
        case .success(let decoded): (text, start, encoding) = decoded
        case .failure(let error):
            return JSONParseResult(document: nil, diagnostics: [diagnostic(error, path: path, lines: LineIndex([]))])
        }
        guard text.count <= maximumTextSize else {
            return JSONParseResult(document: nil, diagnostics: [.error("file too large for the JSON reader", at: nil)])
        }
        var builder = JSONTreeBuilder(reader: JSONPullReader(text: text, startOffset: start, maximumDepth: options.maximumDepth),
                                      duplicateKeys: options.duplicateKeys)
        do {
            try builder.build()
        } catch {
            return JSONParseResult(document: nil, diagnostics: [diagnostic(error, path: path, lines: LineIndex(text))])
        }
        let document = JSONDocument(storage: JSONStorage(path: path, text: text, nodes: builder.nodes, encoding: encoding))
        let duplicates = builder.duplicates.map { d in
            Diagnostic(severity: d.severity, message: "duplicate key \"\(d.key)\"; only the last one takes effect",
                       range: document.range(d.second.lowerBound, d.second.upperBound),
                       related: [RelatedLocation("first defined here", at: document.range(d.first.lowerBound, d.first.upperBound))])
        }
        return JSONParseResult(document: document, diagnostics: duplicates)
    }

    /// A syntax error as a diagnostic, with a one-byte range at the offending input.
    public static func diagnostic(_ error: JSONSyntaxError, path: String, lines: LineIndex) -> Diagnostic {
        .error(error.message, at: lines.range(file: SourceFileID(path), error.offset, error.offset + 1),
               related: error.related.map { RelatedLocation($0.message, at: lines.range(file: SourceFileID(path), $0.offset, $0.offset + 1)) })
    }
}
