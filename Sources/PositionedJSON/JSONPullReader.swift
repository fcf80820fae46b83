// A byte-level, validating RFC 8259 pull reader: the scanner under the DOM and the streaming plan reader.

import IaCLintCore

/// The kind of the next value, from its first byte.
public enum JSONKind: UInt8, Hashable, Sendable {
    case null, bool, number, string, array, object
}

/// A scanned string: byte range including the quotes, and whether it needs unescaping.
public struct JSONStringToken: Hashable, Sendable {
    /// Offset of the opening quote.
    public var start: Int
    /// Offset just past the closing quote.
    public var end: Int
    public var hasEscapes: Bool
}

/// An open object or array while it is being read: where it opened, and whether a member was read.
public struct JSONContainer: Sendable {
    public let start: Int
    public let isObject: Bool
    var isFirst = true
}

/// Reads JSON one token at a time over UTF-8 bytes, validating everything it passes over (also
/// what it skips), with a nesting cap. Used directly for large inputs (plans) to build only the
/// parts needed, without a tree of the whole document.
///
/// Offsets are byte offsets into `text`.
public struct JSONPullReader: Sendable {
    public let text: [UInt8]
    public private(set) var offset: Int
    public let maximumDepth: Int
    public private(set) var depth = 0

    public init(text: [UInt8], startOffset: Int = 0, maximumDepth: Int = 512) {
        self.text = text
        self.offset = startOffset
        self.maximumDepth = maximumDepth
    }

    // MARK: Whitespace and peeking

    @inline(__always)
    public mutating func skipWhitespace() {
        var i = offset
        text.withUnsafeBufferPointer { b in
            while i < b.count {
                let c = b[i]
                guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { break }
                i += 1
            }
        }
        offset = i
    }

    /// True when only whitespace remains.
    public mutating func atEnd() -> Bool {
        skipWhitespace()
        return offset >= text.count
    }

    /// The kind of the next value (after whitespace), or an error naming what is there instead.
    public mutating func peekKind() throws(JSONSyntaxError) -> JSONKind {
        skipWhitespace()
        guard offset < text.count else { throw JSONSyntaxError("unexpected end of input; expected a value", at: offset) }
        switch text[offset] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
        case UInt8(ascii: "n"): return .null
        default: throw unexpected("expected a value")
        }
    }

    /// An error at the current offset naming what was expected and what is there.
    public func unexpected(_ expectation: String) -> JSONSyntaxError {
        guard offset < text.count else { return JSONSyntaxError("unexpected end of input; \(expectation)", at: offset) }
        let c = text[offset]
        let shown: String
        switch c {
        case UInt8(ascii: "'"): return JSONSyntaxError("\(expectation); JSON strings use double quotes, not '", at: offset)
        case UInt8(ascii: "/"): return JSONSyntaxError("\(expectation); JSON has no comments", at: offset)
        case 0x21...0x7E: shown = "'\(Character(Unicode.Scalar(c)))'"
        default: shown = "byte 0x\(String(c, radix: 16, uppercase: true))"
        }
        return JSONSyntaxError("\(expectation), found \(shown)", at: offset)
    }

    // MARK: Containers

    public mutating func beginObject() throws(JSONSyntaxError) -> JSONContainer {
        try begin(UInt8(ascii: "{"), isObject: true)
    }

    public mutating func beginArray() throws(JSONSyntaxError) -> JSONContainer {
        try begin(UInt8(ascii: "["), isObject: false)
    }

    private mutating func begin(_ open: UInt8, isObject: Bool) throws(JSONSyntaxError) -> JSONContainer {
        skipWhitespace()
        guard offset < text.count, text[offset] == open else {
            throw unexpected(isObject ? "expected an object" : "expected an array")
        }
        guard depth < maximumDepth else {
            throw JSONSyntaxError("nesting is deeper than \(maximumDepth) levels", at: offset)
        }
        depth += 1
        let start = offset
        offset += 1
        return JSONContainer(start: start, isObject: isObject)
    }

    private func notClosed(_ container: JSONContainer) -> JSONSyntaxError {
        let what = container.isObject ? "object" : "array"
        return JSONSyntaxError("unexpected end of input; the \(what) is not closed", at: offset,
                               related: [JSONRelatedOffset("the \(what) opened here", at: container.start)])
    }

    /// The next member's key (with the ':' consumed, positioned at the value), or nil after the
    /// closing '}' was consumed.
    public mutating func nextMember(_ container: inout JSONContainer) throws(JSONSyntaxError) -> JSONStringToken? {
        skipWhitespace()
        guard offset < text.count else { throw notClosed(container) }
        var c = text[offset]
        if c == UInt8(ascii: "}") {
            offset += 1
            depth -= 1
            return nil
        }
        if !container.isFirst {
            guard c == UInt8(ascii: ",") else { throw unexpected("expected ',' or '}' after an object member") }
            offset += 1
            skipWhitespace()
            guard offset < text.count else { throw notClosed(container) }
            c = text[offset]
            if c == UInt8(ascii: "}") { throw JSONSyntaxError("trailing comma before '}'", at: offset) }
        }
        guard c == UInt8(ascii: "\"") else { throw unexpected("expected a string key for an object member") }
        let key = try scanString()
        skipWhitespace()
        guard offset < text.count, text[offset] == UInt8(ascii: ":") else {
            throw unexpected("expected ':' after an object key")
        }
        offset += 1
        container.isFirst = false
        return key
    }

    /// True when positioned at the next element; false after the closing ']' was consumed.
    public mutating func nextElement(_ container: inout JSONContainer) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard offset < text.count else { throw notClosed(container) }
        let c = text[offset]
        if c == UInt8(ascii: "]") {
            offset += 1
            depth -= 1
            return false
        }
        if !container.isFirst {
            guard c == UInt8(ascii: ",") else { throw unexpected("expected ',' or ']' after an array element") }
            offset += 1
            skipWhitespace()
            guard offset < text.count else { throw notClosed(container) }
            if text[offset] == UInt8(ascii: "]") { throw JSONSyntaxError("trailing comma before ']'", at: offset) }
        }
        container.isFirst = false
        return true
    }

    // MARK: Scalars

    /// Scans a string, validating escapes and UTF-8 and rejecting raw control characters.
    public mutating func scanString() throws(JSONSyntaxError) -> JSONStringToken {
        skipWhitespace()
        guard offset < text.count, text[offset] == UInt8(ascii: "\"") else { throw unexpected("expected a string") }
        let start = offset
        var i = offset + 1
        var hasEscapes = false
        var error: JSONSyntaxError?
        text.withUnsafeBufferPointer { b in
            let n = b.count
            guard let base = b.baseAddress else { return }
            let raw = UnsafeRawPointer(base)
            while i < n {
                // Eight plain bytes at a time: printable ASCII other than '"' and '\\'.
                while i + 8 <= n {
                    let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    let quote = w ^ 0x2222_2222_2222_2222, slash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                    let special = (w | ((w &- 0x2020_2020_2020_2020) & ~w)
                        | ((quote &- 0x0101_0101_0101_0101) & ~quote)
                        | ((slash &- 0x0101_0101_0101_0101) & ~slash)) & 0x8080_8080_8080_8080
                    // The lowest flagged byte is exact (borrows only flag bytes above it).
                    if special != 0 { i += special.trailingZeroBitCount >> 3; break }
                    i += 8
                }
                guard i < n else { break }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; return }
                if c == UInt8(ascii: "\\") {
                    hasEscapes = true
                    guard i + 1 < n else { break }
                    switch b[i + 1] {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                         UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 2
                    case UInt8(ascii: "u"):
                        guard i + 5 < n, JSONPullReader.isHex(b[i + 2]), JSONPullReader.isHex(b[i + 3]),
                              JSONPullReader.isHex(b[i + 4]), JSONPullReader.isHex(b[i + 5]) else {
                            error = JSONSyntaxError("'\\u' must be followed by four hexadecimal digits", at: i); return
                        }
                        i += 6
                    default:
                        error = JSONSyntaxError("invalid escape sequence in string; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", at: i)
                        return
                    }
                    continue
                }
                if c < 0x20 {
                    let name = c == 0x0A ? "a line break" : c == 0x09 ? "a tab" : "control character 0x\(String(c, radix: 16, uppercase: true))"
                    error = JSONSyntaxError(c == 0x0A ? "unterminated string, or \(name) inside a string (write \\n)"
                                                     : "\(name) inside a string must be escaped", at: i)
                    return
                }
                if c < 0x80 { i += 1; continue }
                let width = JSONPullReader.validUTF8Width(b, at: i)
                guard width > 0 else { error = JSONSyntaxError("invalid UTF-8 in string", at: i); return }
                i += width
            }
            error = JSONSyntaxError("unterminated string", at: start)
        }
        if let error { throw error }
        offset = i
        return JSONStringToken(start: start, end: i, hasEscapes: hasEscapes)
    }

    @inline(__always)
    static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x66)
    }

    /// Width of the well-formed UTF-8 sequence starting at `i` (non-ASCII lead), or 0 (RFC 3629 table).
    @inline(__always)
    static func validUTF8Width(_ b: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let n = b.count
        let c0 = b[i]
        @inline(__always) func cont(_ k: Int, _ lo: UInt8 = 0x80, _ hi: UInt8 = 0xBF) -> Bool {
            i + k < n && b[i + k] >= lo && b[i + k] <= hi
        }
        switch c0 {
        case 0xC2...0xDF: return cont(1) ? 2 : 0
        case 0xE0: return cont(1, 0xA0) && cont(2) ? 3 : 0
        case 0xE1...0xEC, 0xEE...0xEF: return cont(1) && cont(2) ? 3 : 0
        case 0xED: return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0
        case 0xF0: return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0
        case 0xF1...0xF3: return cont(1) && cont(2) && cont(3) ? 4 : 0
        case 0xF4: return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0
        default: return 0
        }
    }

    /// Scans a number per the RFC grammar; returns its byte range and whether it is a plain integer.
    public mutating func scanNumber() throws(JSONSyntaxError) -> (start: Int, end: Int, isInteger: Bool) {
        skipWhitespace()
        let start = offset
        var i = offset
        let n = text.count
        var isInteger = true
        @inline(__always) func digit(_ k: Int) -> Bool { k < n && text[k] >= 0x30 && text[k] <= 0x39 }
        if i < n, text[i] == UInt8(ascii: "-") { i += 1 }
        guard digit(i) else {
            offset = i
            throw unexpected("expected a digit")
        }
        if text[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { throw JSONSyntaxError("numbers must not have leading zeros", at: start) }
        } else {
            while digit(i) { i += 1 }
        }
        if i < n, text[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard digit(i) else { throw JSONSyntaxError("expected a digit after '.' in a number", at: i) }
            while digit(i) { i += 1 }
        }
        if i < n, text[i] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            i += 1
            if i < n, text[i] == UInt8(ascii: "+") || text[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { throw JSONSyntaxError("expected a digit in the number's exponent", at: i) }
            while digit(i) { i += 1 }
        }
        offset = i
        return (start, i, isInteger)
    }

    /// Scans `true`, `false` or `null`; returns the kind and, for booleans, the value.
    public mutating func scanLiteral() throws(JSONSyntaxError) -> (kind: JSONKind, value: Bool) {
        skipWhitespace()
        let n = text.count
        @inline(__always) func matches(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard offset + count <= n else { return false }
            let p = word.utf8Start
            for k in 0..<count where text[offset + k] != p[k] { return false }
            return offset + count == n || !JSONPullReader.isWordByte(text[offset + count])
        }
        if matches("true") { offset += 4; return (.bool, true) }
        if matches("false") { offset += 5; return (.bool, false) }
        if matches("null") { offset += 4; return (.null, false) }
        throw unexpected("expected a value (true, false, null, a number, a string, an array or an object)")
    }

    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c | 0x20 >= 0x61 && c | 0x20 <= 0x7A) || c == UInt8(ascii: "_")
    }

    // MARK: Decoding

    /// The string's decoded text (escapes resolved; lone surrogate escapes become U+FFFD).
    public func decodeString(_ token: JSONStringToken) -> String {
        text.withUnsafeBufferPointer { b in
            let body = UnsafeBufferPointer(rebasing: b[(token.start + 1)..<(token.end - 1)])
            guard token.hasEscapes else { return String(decoding: body, as: UTF8.self) }
            return JSONPullReader.unescape(body)
        }
    }

    /// True when the string's raw bytes (no escapes) equal `bytes`; cheap key matching.
    public func stringEquals(_ token: JSONStringToken, _ bytes: StaticString) -> Bool {
        guard !token.hasEscapes else { return decodeString(token) == bytes.description }
        let length = token.end - token.start - 2
        guard length == bytes.utf8CodeUnitCount else { return false }
        return text.withUnsafeBufferPointer { b in
            let p = bytes.utf8Start
            for k in 0..<length where b[token.start + 1 + k] != p[k] { return false }
            return true
        }
    }

    static func unescape(_ body: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(body.count)
        var i = 0
        let n = body.count
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 where at + k < n {
                let c = body[at + k]
                let d: UInt32 = c <= 0x39 ? UInt32(c) - 0x30 : UInt32(c | 0x20) - 0x61 + 10
                v = v << 4 | d
            }
            return v
        }
        while i < n {
            let c = body[i]
            guard c == UInt8(ascii: "\\"), i + 1 < n else { out.append(c); i += 1; continue }
            let e = body[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                if scalar >= 0xD800, scalar < 0xDC00, i + 5 < n, body[i] == UInt8(ascii: "\\"), body[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if low >= 0xDC00, low < 0xE000 {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    } else {
                        scalar = 0xFFFD
                    }
                } else if scalar >= 0xD800, scalar < 0xE000 {
                    scalar = 0xFFFD
                }
                JSONTextDecoding.appendUTF8(scalar, to: &out)
            default: out.append(e)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number's value; integers of up to 15 digits are converted exactly without parsing text.
    public func numberValue(start: Int, end: Int, isInteger: Bool) -> Double {
        if isInteger, end - start <= 16 {
            var negative = false
            var i = start
            if text[i] == UInt8(ascii: "-") { negative = true; i += 1 }
            if end - i <= 15 {
                var v: Int64 = 0
                while i < end { v = v * 10 + Int64(text[i] &- 0x30); i += 1 }
                return negative ? -Double(v) : Double(v)
            }
        }
        return Double(String(decoding: text[start..<end], as: UTF8.self)) ?? .nan
    }

    /// The exact text of a number (for values beyond Double's precision).
    public func numberText(start: Int, end: Int) -> String {
        String(decoding: text[start..<end], as: UTF8.self)
    }

    // MARK: Skipping and converting

    /// Skips the next value (validating it) and returns its byte range.
    @discardableResult
    public mutating func skipValue() throws(JSONSyntaxError) -> Range<Int> {
        let kind = try peekKind()
        let start = offset
        switch kind {
        case .object:
            var container = try beginObject()
            while try nextMember(&container) != nil { try skipValue() }
        case .array:
            var container = try beginArray()
            while try nextElement(&container) { try skipValue() }
        case .string: _ = try scanString()
        case .number: _ = try scanNumber()
        case .bool, .null: _ = try scanLiteral()
        }
        return start..<offset
    }

    /// Reads the next value into a core `Value`. `range` makes source ranges from byte offsets
    /// (nil: no ranges, for large inputs where ranges would dominate memory).
    public mutating func readValue(range: ((Int, Int) -> SourceRange)? = nil) throws(JSONSyntaxError) -> Value {
        var builder = JSONValueBuilder(capacity: 0)
        return try readValue(range: range, dropNullMembers: false, builder: &builder)
    }

    /// Reads the next value into a core `Value`, sharing repeated keys (and, without ranges,
    /// repeated scalar values) through `builder`; with `dropNullMembers`, object members whose
    /// value is `null` are left out (for Terraform values, where null means "not set", exactly
    /// like an absent argument).
    public mutating func readValue(range: ((Int, Int) -> SourceRange)?, dropNullMembers: Bool,
                                   builder: inout JSONValueBuilder) throws(JSONSyntaxError) -> Value {
        let kind = try peekKind()
        let start = offset
        let share = range == nil && builder.isEnabled
        let level = depth
        switch kind {
        case .object:
            var container = try beginObject()
            // Members collect in a per-depth scratch buffer, then move into an exactly sized
            // array: no regrowth, no spare capacity kept in the graph.
            var entries = builder.takeEntryScratch(level)
            defer { builder.returnEntryScratch(&entries, level) }
            while let key = try nextMember(&container) {
                if dropNullMembers, try peekKind() == .null {
                    _ = try scanLiteral()
                    continue
                }
                let value = try readValue(range: range, dropNullMembers: dropNullMembers, builder: &builder)
                entries.append(ObjectEntry(string(key, &builder), value, keyRange: range?(key.start, key.end)))
            }
            if share, entries.isEmpty { return builder.emptyObjectValue }
            return Value(.object(Array(entries[...])), range: range?(start, offset))
        case .array:
            var container = try beginArray()
            var items = builder.takeItemScratch(level)
            defer { builder.returnItemScratch(&items, level) }
            while try nextElement(&container) {
                items.append(try readValue(range: range, dropNullMembers: dropNullMembers, builder: &builder))
            }
            if share, items.isEmpty { return builder.emptyListValue }
            return Value(.list(Array(items[...])), range: range?(start, offset))
        case .string:
            let token = try scanString()
            if share, !token.hasEscapes {
                return text.withUnsafeBufferPointer { b in
                    builder.stringValue(UnsafeBufferPointer(rebasing: b[(token.start + 1)..<(token.end - 1)]))
                }
            }
            return Value(.string(string(token, &builder)), range: range?(start, offset))
        case .number:
            let t = try scanNumber()
            let number = numberValue(start: t.start, end: t.end, isInteger: t.isInteger)
            if share { return builder.numberValue(number) }
            return Value(.number(number), range: range?(start, offset))
        case .bool, .null:
            let l = try scanLiteral()
            if share, l.kind == .bool { return builder.boolValue(l.value) }
            return Value(l.kind == .null ? .null : .bool(l.value), range: range?(start, offset))
        }
    }

    private func string(_ token: JSONStringToken, _ builder: inout JSONValueBuilder) -> String {
        guard !token.hasEscapes, builder.isEnabled else { return decodeString(token) }
        return text.withUnsafeBufferPointer { b in
            builder.intern(UnsafeBufferPointer(rebasing: b[(token.start + 1)..<(token.end - 1)]))
        }
    }
}
