// `jsonencode` byte-for-byte as Terraform writes it: minified, object keys sorted bytewise, strings
// escaped like Go's encoding/json (HTML-safe `<` `>` `&`, U+2028/2029, `\b` `\f`).

import IaCLintCore

enum TerraformJSONEncoder {
    /// The JSON text, or nil when the value holds an unknown (the caller returns unknown then).
    static func encode(_ value: Value) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        guard append(value, to: &out, depth: 0) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON text of `value`; false (with `out` partly written) when it holds an unknown.
    /// Text is appended in place throughout: no temporary array per literal, number or escape.
    static func append(_ value: Value, to out: inout [UInt8], depth: Int) -> Bool {
        guard depth < 256 else { return false }
        switch value.kind {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .number(let n): out.append(contentsOf: TerraformNumber.format(n).utf8)
        case .string(let s): appendString(s, to: &out)
        case .list(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                guard append(item, to: &out, depth: depth + 1) else { return false }
            }
            out.append(UInt8(ascii: "]"))
        case .object(let entries):
            out.append(UInt8(ascii: "{"))
            for (i, e) in sortedEntries(entries).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                appendString(e.key, to: &out)
                out.append(UInt8(ascii: ":"))
                guard append(e.value, to: &out, depth: depth + 1) else { return false }
            }
            out.append(UInt8(ascii: "}"))
        case .unknown, .conditional, .absent: return false
        }
        return true
    }

    private static let hex = Array("0123456789abcdef".utf8)

    /// Go's `encodeState.string` with HTML escaping on. Swift strings are valid UTF-8, so only
    /// ASCII specials and the U+2028/U+2029 sequences (E2 80 A8/A9) need attention.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        // The string's own UTF-8 storage when it has one (native strings do), not a copy.
        if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
            Array(s.utf8).withUnsafeBufferPointer { appendEscaped($0, to: &out) }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Bytes that need no escape are copied a run at a time: appended one by one they cost about
    /// 20 instructions each (15 M on the 10 MB synthetic repository's access-log formats).
    private static func appendEscaped(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        while i < bytes.count {
            let runStart = i
            while i < bytes.count, isPlain(bytes[i]) { i += 1 }
            if i > runStart { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<i])) }
            guard i < bytes.count else { return }
            let b = bytes[i]
            switch b {
            case 0x22: appendEscape(0x22, to: &out)
            case 0x5C: appendEscape(0x5C, to: &out)
            case 0x08: appendEscape(UInt8(ascii: "b"), to: &out)
            case 0x0C: appendEscape(UInt8(ascii: "f"), to: &out)
            case 0x0A: appendEscape(UInt8(ascii: "n"), to: &out)
            case 0x0D: appendEscape(UInt8(ascii: "r"), to: &out)
            case 0x09: appendEscape(UInt8(ascii: "t"), to: &out)
            case 0..<0x20, 0x3C, 0x3E, 0x26: appendUnicodeEscape(UInt32(b), to: &out)
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                appendUnicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
    }

    /// A byte written as it is: not a control character, `"`, `\\`, `<`, `>`, `&`, nor the lead
    /// byte E2 of U+2028/2029 (which `appendEscaped` looks at with the bytes after it).
    @inline(__always)
    private static func isPlain(_ b: UInt8) -> Bool {
        b >= 0x20 && b != 0x22 && b != 0x5C && b != 0x3C && b != 0x3E && b != 0x26 && b != 0xE2
    }

    @inline(__always)
    private static func appendEscape(_ letter: UInt8, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(letter)
    }

    private static func appendUnicodeEscape(_ v: UInt32, to out: inout [UInt8]) {
        out.append(0x5C)
        out.append(UInt8(ascii: "u"))
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
    }
}
