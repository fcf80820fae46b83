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

    private static func append(_ value: Value, to out: inout [UInt8], depth: Int) -> Bool {
        guard depth < 256 else { return false }
        switch value.kind {
        case .null: out += Array("null".utf8)
        case .bool(let b): out += Array((b ? "true" : "false").utf8)
        case .number(let n): out += Array(TerraformNumber.format(n).utf8)
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
        let bytes = Array(s.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x08: out += [0x5C, UInt8(ascii: "b")]
            case 0x0C: out += [0x5C, UInt8(ascii: "f")]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20, 0x3C, 0x3E, 0x26: appendUnicodeEscape(UInt32(b), to: &out)
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                appendUnicodeEscape(bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029, to: &out)
                i += 2
            default: out.append(b)
            }
            i += 1
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func appendUnicodeEscape(_ v: UInt32, to out: inout [UInt8]) {
        out += [0x5C, UInt8(ascii: "u"), hex[Int((v >> 12) & 0xF)], hex[Int((v >> 8) & 0xF)],
                hex[Int((v >> 4) & 0xF)], hex[Int(v & 0xF)]]
    }
}
