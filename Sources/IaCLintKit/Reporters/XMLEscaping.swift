// XML text and attribute escaping shared by the JUnit and Checkstyle reporters.

enum XML {
    /// Escapes the five XML specials and drops control characters XML 1.0 cannot carry.
    static func escape(_ text: String) -> String {
        // Printable ASCII without specials is returned as it is: one byte scan instead of a rebuild.
        if !ByteScan.contains(text, where: { $0 < 0x20 || $0 >= 0x7F || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "<")
            || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") }) { return text }
        // Over the UTF-8 bytes (what the scalar-by-scalar version did, at a fraction of the cost): in valid
        // UTF-8 a byte below 0x80 is always a whole scalar, and EF BF BE / EF BF BF are U+FFFE / U+FFFF.
        var source = text
        return source.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            var i = 0
            while i < bytes.count {
                let byte = bytes[i]
                switch byte {
                case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
                case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
                case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
                case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
                case UInt8(ascii: "'"): out.append(contentsOf: "&apos;".utf8)
                case UInt8(ascii: "\n"): out.append(contentsOf: "&#10;".utf8)
                case UInt8(ascii: "\r"): out.append(contentsOf: "&#13;".utf8)
                case UInt8(ascii: "\t"): out.append(contentsOf: "&#9;".utf8)
                case 0..<0x20: break
                case 0xEF where i + 2 < bytes.count && bytes[i + 1] == 0xBF && (bytes[i + 2] == 0xBE || bytes[i + 2] == 0xBF):
                    i += 3
                    continue
                default: out.append(byte)
                }
                i += 1
            }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
