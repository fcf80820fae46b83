// A module directory's local calls found from tokens alone: the first pass over a large scan needs
// nothing else, and lexing costs about a quarter of parsing and building the configuration.

import IaCLintCore
import HCL
#if canImport(Glibc)
import Glibc
#endif

/// What the scan found in one directory.
struct ModuleCallScanResult {
    var calls: [LocalCall]
    var byteCount: Int
}

enum ModuleCallScan {
    /// The local calls `LocalCall.calls(of:)` would find after a full read of `names` in `directory`,
    /// or nil when only a parse can tell: JSON or override files, a file that cannot be read, a
    /// lexical error, or a `module` block of any shape but `module "name" {` with at most one plain
    /// `source = "..."`. The load checks every answer against the parse it makes later anyway.
    static func scan(directory: String, names: [String],
                     readFile: @Sendable (String) -> Result<[UInt8], FileError>) -> ModuleCallScanResult? {
        for name in names where name.hasSuffix(".json") || OverrideMerge.isOverrideFile(name) { return nil }
        var result = ModuleCallScanResult(calls: [], byteCount: 0)
        var callNames = Set<String>()
        for name in names {
            let path = directory == "." ? name : Path.join(directory, name)
            guard case .success(let bytes) = readFile(path) else { return nil }
            result.byteCount += bytes.count
            guard let calls = moduleCalls(in: bytes, path: path) else { return nil }
            for call in calls {
                // A repeated name is an error the configuration reports and drops: leave it to the parse.
                guard callNames.insert(call.name).inserted else { return nil }
                if let local = LocalCall(source: call.source, in: directory) { result.calls.append(local) }
            }
        }
        return result
    }

    /// Every top-level `module` block of one file, with its `source` when it is a plain string.
    static func moduleCalls(in bytes: [UInt8], path: String) -> [(name: String, source: String?)]? {
        guard mayDeclareModule(bytes) else { return [] }
        let lexed = HCLLexer.tokenize(bytes, path: path)
        guard lexed.diagnostics.isEmpty, !lexed.endsUnterminated else { return nil }
        let tokens = lexed.tokens
        func text(_ t: Token) -> ArraySlice<UInt8>? {
            let start = t.start.offset, end = t.end.offset
            guard start >= 0, start <= end, end <= bytes.count else { return nil }
            return bytes[start..<end]
        }
        func kind(_ i: Int) -> TokenKind { i < tokens.count ? tokens[i].kind : .endOfFile }
        /// `"text"` starting at `i` (escapes and templates excluded: they need decoding): the text
        /// and the index after the closing quote.
        func plainString(at i: Int) -> (String, Int)? {
            guard kind(i) == .openQuote else { return nil }
            if kind(i + 1) == .closeQuote { return ("", i + 2) }
            guard kind(i + 1) == .quotedLiteral, kind(i + 2) == .closeQuote, let raw = text(tokens[i + 1]) else { return nil }
            guard !raw.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "$") || $0 == UInt8(ascii: "%") }) else { return nil }
            return (String(decoding: raw, as: UTF8.self), i + 3)
        }

        var calls: [(name: String, source: String?)] = []
        var depth = 0
        var itemStart = true
        var module: (name: String, source: String?, sourceCount: Int)? = nil
        var i = 0
        while i < tokens.count {
            let token = tokens[i]
            if token.kind == .newline { itemStart = true; i += 1; continue }
            if token.kind == .endOfFile { break }
            let startsItem = itemStart
            itemStart = false
            if startsItem, token.kind == .identifier, let word = text(token) {
                if depth == 0, word.elementsEqual("module".utf8) {
                    // `module "name" {`: exactly one quoted label (other shapes are errors the parse reports).
                    guard let (name, next) = plainString(at: i + 1), kind(next) == .openBrace else { return nil }
                    module = (name, nil, 0)
                    depth = 1
                    itemStart = true  // a one-line block may hold `source` right after the brace
                    i = next + 1
                    continue
                }
                if depth == 1, module != nil, word.elementsEqual("source".utf8) {
                    guard kind(i + 1) == .equals, let (source, next) = plainString(at: i + 2),
                          kind(next) == .newline || kind(next) == .closeBrace else { return nil }
                    module?.source = source
                    module?.sourceCount += 1
                    if module?.sourceCount ?? 0 > 1 { return nil }
                    i = next
                    continue
                }
            }
            switch token.kind {
            case .openBrace, .openBracket, .openParen, .templateInterpolation, .templateControl, .openQuote, .openHeredoc:
                depth += 1
            case .closeBrace, .closeBracket, .closeParen, .templateSequenceEnd, .closeQuote, .closeHeredoc:
                depth -= 1
                guard depth >= 0 else { return nil }
                if depth == 0, let m = module {
                    calls.append((m.name, m.source))
                    module = nil
                }
            default:
                break
            }
            i += 1
        }
        guard depth == 0, module == nil else { return nil }
        return calls
    }

    /// False when no `module` block can start anywhere in the file: the word never stands alone
    /// (it is part of a longer name such as `modules`, or an attribute such as `path.module`). Most
    /// files declare resources only, and this search is a small part of the cost of lexing them.
    static func mayDeclareModule(_ bytes: [UInt8]) -> Bool {
        let word: [UInt8] = Array("module".utf8)
        return bytes.withUnsafeBufferPointer { buffer -> Bool in
            guard let base = buffer.baseAddress, buffer.count >= word.count else { return false }
            var from = 0
            let last = buffer.count - word.count
            while from <= last {
                // memchr finds each 'm' at memory speed; few of them start the word.
                guard let hit = memchr(base + from, Int32(word[0]), last - from + 1) else { return false }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                // The byte after the 'm' first: most 'm's are not followed by 'o', and a `memcmp`
                // call per 'm' cost more than the search (130,000 on the 10 MB synthetic repository).
                if buffer[at + 1] == word[1], memcmp(base + at, word, word.count) == 0 {
                    let before: UInt8 = at > 0 ? buffer[at - 1] : UInt8(ascii: " ")
                    let after: UInt8 = at + word.count < buffer.count ? buffer[at + word.count] : UInt8(ascii: " ")
                    if !continuesName(before) && before != UInt8(ascii: ".") && !continuesName(after) { return true }
                }
                from = at + 1
            }
            return false
        }
    }

    /// Bytes that can be part of an HCL identifier next to `module` (non-ASCII letters included).
    private static func continuesName(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
            || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: "_") || b == UInt8(ascii: "-") || b >= 0x80
    }
}
