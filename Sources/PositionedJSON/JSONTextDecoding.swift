// Finds a JSON text's encoding (UTF-8 with or without BOM, UTF-16 LE/BE) and yields UTF-8.

/// The encoding a JSON file was written in.
public enum JSONTextEncoding: String, Hashable, Sendable {
    case utf8
    /// UTF-8 with a byte order mark; offsets still refer to the file (the BOM is skipped).
    case utf8WithBOM
    /// UTF-16 (with a BOM, or detected from zero bytes); the text was transcoded to UTF-8 and
    /// offsets refer to the transcoded text, not to the file.
    case utf16LittleEndian
    case utf16BigEndian
}

enum JSONTextDecoding {
    /// UTF-8 text, where reading starts, and the encoding; or an error for malformed UTF-16.
    static func decode(_ bytes: [UInt8]) -> Result<(text: [UInt8], start: Int, encoding: JSONTextEncoding), JSONSyntaxError> {
        let n = bytes.count
        if n >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            return .success((bytes, 3, .utf8WithBOM))
        }
        if n >= 2, bytes[0] == 0xFF, bytes[1] == 0xFE {
            return transcode(bytes, from: 2, littleEndian: true).map { ($0, 0, .utf16LittleEndian) }
        }
        if n >= 2, bytes[0] == 0xFE, bytes[1] == 0xFF {
            return transcode(bytes, from: 2, littleEndian: false).map { ($0, 0, .utf16BigEndian) }
        }
        // RFC 8259 §8.1 (and RFC 4627's detection): a JSON text starts with an ASCII character,
        // so a zero byte in one of the first two positions means BOM-less UTF-16.
        if n >= 2, n % 2 == 0, bytes[0] == 0, bytes[1] != 0 {
            return transcode(bytes, from: 0, littleEndian: false).map { ($0, 0, .utf16BigEndian) }
        }
        if n >= 2, n % 2 == 0, bytes[0] != 0, bytes[1] == 0 {
            return transcode(bytes, from: 0, littleEndian: true).map { ($0, 0, .utf16LittleEndian) }
        }
        return .success((bytes, 0, .utf8))
    }

    private static func transcode(_ bytes: [UInt8], from start: Int, littleEndian: Bool) -> Result<[UInt8], JSONSyntaxError> {
        guard (bytes.count - start) % 2 == 0 else {
            return .failure(JSONSyntaxError("UTF-16 text has an odd number of bytes", at: bytes.count - 1))
        }
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count - start) / 2 + 16)
        var failure: JSONSyntaxError?
        bytes.withUnsafeBufferPointer { b in
            var i = start
            @inline(__always) func unit(_ at: Int) -> UInt32 {
                littleEndian ? UInt32(b[at]) | UInt32(b[at + 1]) << 8 : UInt32(b[at]) << 8 | UInt32(b[at + 1])
            }
            while i + 1 < b.count {
                var scalar = unit(i)
                let at = i
                i += 2
                if scalar >= 0xD800, scalar < 0xDC00 {
                    guard i + 1 < b.count else {
                        failure = JSONSyntaxError("unpaired UTF-16 surrogate at the end of the text", at: at); return
                    }
                    let low = unit(i)
                    guard low >= 0xDC00, low < 0xE000 else {
                        failure = JSONSyntaxError("unpaired UTF-16 high surrogate (byte \(at) of the UTF-16 file)", at: out.count); return
                    }
                    i += 2
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if scalar >= 0xDC00, scalar < 0xE000 {
                    failure = JSONSyntaxError("unpaired UTF-16 low surrogate (byte \(at) of the UTF-16 file)", at: out.count); return
                }
                appendUTF8(scalar, to: &out)
            }
        }
        if let failure { return .failure(failure) }
        return .success(out)
    }

    @inline(__always)
    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }
}

/// A JSON text as UTF-8, ready for `JSONPullReader`: where reading starts (after a UTF-8 BOM)
/// and what the file was encoded in.
public struct JSONText: Sendable {
    public let text: [UInt8]
    public let start: Int
    public let encoding: JSONTextEncoding

    /// Detects the encoding and transcodes UTF-16; fails on malformed UTF-16.
    public static func decode(_ bytes: [UInt8]) -> Result<JSONText, JSONSyntaxError> {
        JSONTextDecoding.decode(bytes).map { JSONText(text: $0.text, start: $0.start, encoding: $0.encoding) }
    }
}
