// Finds `iaclint:ignore` and `iaclint:ignore-file` comments in a source file and the lines each
// one covers: the next statement, with the whole block or multi-line attribute it opens.

import IaCLintCore
#if canImport(Glibc)
import Glibc
#endif

struct SuppressionComment: Sendable {
    enum Scope: Sendable, Equatable {
        /// Covers findings starting on these lines, and resources declared on `target`.
        case lines(target: Int, last: Int)
        case file
        /// An `ignore` with nothing after it.
        case nothing
    }

    var rules: [String]
    var reason: String?
    var scope: Scope
    /// The comment text, for notes about the suppression itself.
    var range: SourceRange

    enum Syntax { case hcl, yaml, none }

    static func syntax(of path: String) -> Syntax {
        let name = Path.fileName(path).lowercased()
        if name.hasSuffix(".tf") || name.hasSuffix(".hcl") || name.hasSuffix(".tfvars") { return .hcl }
        if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".template") { return .yaml }
        return .none
    }

    /// Every suppression comment in the file.
    static func scan(_ source: SourceFile) -> [SuppressionComment] {
        let marker = Array("iaclint:ignore".utf8)
        // Cheap precheck: most files have no suppressions at all.
        guard contains(source.bytes, marker) else { return [] }
        let syntax = syntax(of: source.path)
        guard syntax != .none else { return [] }
        var out: [SuppressionComment] = []
        for line in 1...source.lineCount {
            guard let (body, commentStart) = commentBody(source, line: line, syntax: syntax) else { continue }
            guard body.starts(with: marker) else { continue }
            var rest = body.dropFirst(marker.count)
            var isFile = false
            let fileSuffix = Array("-file".utf8)
            if rest.starts(with: fileSuffix) { isFile = true; rest = rest.dropFirst(fileSuffix.count) }
            // `iaclint:ignored` or `iaclint:ignore-filex` are not directives.
            if let first = rest.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") { continue }
            let (rules, reason) = parseArguments(Array(rest))
            let lineEnd = line < source.lineCount ? source.lineStarts[line] - 1 : source.bytes.count
            let range = source.range(commentStart, max(commentStart, trimmedEnd(source.bytes, commentStart, lineEnd)))
            let scope: Scope
            if isFile {
                scope = .file
            } else if let target = nextStatementLine(source, after: line, syntax: syntax) {
                scope = .lines(target: target, last: extentEnd(source, from: target, syntax: syntax))
            } else {
                scope = .nothing
            }
            out.append(SuppressionComment(rules: rules, reason: reason, scope: scope, range: range))
        }
        return out
    }

    /// `APIGW007, APIGW008 -- reason` → ids and the reason (nil when missing or empty).
    static func parseArguments(_ bytes: [UInt8]) -> ([String], String?) {
        var idsPart = bytes[...]
        var reason: String?
        if let dash = findSequence(bytes, Array("--".utf8)) {
            idsPart = bytes[..<dash]
            let text = String(decoding: bytes[(dash + 2)...], as: UTF8.self)
            let trimmed = trim(text)
            reason = trimmed.isEmpty ? nil : trimmed
        }
        let ids = idsPart.split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\t") })
            .map { String(decoding: $0, as: UTF8.self).uppercased() }
        return (ids, reason)
    }

    /// The text after `#` or `//` when the line is a whole-line comment, and where the comment starts.
    static func commentBody(_ source: SourceFile, line: Int, syntax: Syntax) -> (ArraySlice<UInt8>, Int)? {
        let bytes = source.bytes
        var i = source.lineStarts[line - 1]
        let end = line < source.lineCount ? source.lineStarts[line] - 1 : bytes.count
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        guard i < end else { return nil }
        let start = i
        if bytes[i] == UInt8(ascii: "#") {
            i += 1
        } else if syntax == .hcl, bytes[i] == UInt8(ascii: "/"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "/") {
            i += 2
        } else {
            return nil
        }
        while i < end, bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "\t") { i += 1 }
        return (bytes[i..<end], start)
    }

    static func isCommentLine(_ source: SourceFile, _ line: Int, _ syntax: Syntax) -> Bool {
        commentBody(source, line: line, syntax: syntax) != nil || isCommentWithEmptyBody(source, line, syntax)
    }

    private static func isCommentWithEmptyBody(_ source: SourceFile, _ line: Int, _ syntax: Syntax) -> Bool {
        let text = trim(source.line(line))
        return text == "#" || (syntax == .hcl && text == "//")
    }

    /// The first line after `line` that is not a comment; nil at the end of the file.
    static func nextStatementLine(_ source: SourceFile, after line: Int, syntax: Syntax) -> Int? {
        var next = line + 1
        while next <= source.lineCount {
            if !isCommentLine(source, next, syntax) { return next }
            next += 1
        }
        return nil
    }

    /// The last line of the statement starting on `line`: the closing line of a block or of a
    /// multi-line value for HCL; the last more-indented line for YAML.
    static func extentEnd(_ source: SourceFile, from line: Int, syntax: Syntax) -> Int {
        switch syntax {
        case .hcl: return HCLBracketScanner.statementEnd(source, from: line)
        case .yaml:
            let indent = indentation(source.line(line))
            var last = line
            var next = line + 1
            while next <= source.lineCount {
                let text = source.line(next)
                let trimmed = trim(text)
                if trimmed.isEmpty || trimmed.hasPrefix("#") { next += 1; continue }
                if indentation(text) <= indent { break }
                last = next
                next += 1
            }
            return last
        case .none: return line
        }
    }

    static func indentation(_ text: String) -> Int {
        var n = 0
        for byte in text.utf8 { if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") { n += 1 } else { break } }
        // A YAML sequence entry `- Key:` starts its mapping two columns further in.
        return n
    }

    static func trim(_ text: String) -> String {
        var scalars = Substring(text)
        while let first = scalars.first, first == " " || first == "\t" || first == "\r" { scalars = scalars.dropFirst() }
        while let last = scalars.last, last == " " || last == "\t" || last == "\r" { scalars = scalars.dropLast() }
        return String(scalars)
    }

    static func trimmedEnd(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Int {
        var e = end
        while e > start, [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r")].contains(bytes[e - 1]) { e -= 1 }
        return e
    }

    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool { findSequence(bytes, needle) != nil }

    /// The first offset of `needle` in `bytes`. Every input file is searched once for the suppression
    /// marker, so candidates are found with the C library's vectorised `memchr`, not a byte loop, on
    /// the needle's rarest-looking byte: `:` for the marker (rare in HCL, once a line in YAML), where
    /// its `i` stopped `memchr` every few bytes of any text.
    static func findSequence(_ bytes: [UInt8], _ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, bytes.count >= needle.count else { return nil }
        let anchor = needle.firstIndex(of: UInt8(ascii: ":")) ?? 0
        return bytes.withUnsafeBufferPointer { haystack -> Int? in
            needle.withUnsafeBufferPointer { pattern -> Int? in
                guard let base = haystack.baseAddress, let start = pattern.baseAddress else { return nil }
                let key = Int32(pattern[anchor])
                let last = haystack.count - pattern.count   // last offset where the needle can start
                var i = 0
                while i <= last {
                    guard let hit = memchr(base + i + anchor, key, last - i + 1) else { return nil }
                    let at = (UnsafeRawPointer(hit) - UnsafeRawPointer(base)) - anchor
                    if memcmp(base + at, start, pattern.count) == 0 { return at }
                    i = at + 1
                }
                return nil
            }
        }
    }
}
