// Byte-level helpers: UTF-8 decoding and validation, identifier classes, without Foundation.

enum UTF8Scanning {
    /// Decodes the scalar starting at `i`; nil for an invalid or truncated sequence.
    /// Returns the scalar and its length in bytes.
    @inline(__always)
    static func decode(_ buf: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int)? {
        let n = buf.count
        guard i < n else { return nil }
        let b0 = buf[i]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        var value: UInt32
        var length: Int
        var minimum: UInt32
        switch b0 {
        case 0xC2...0xDF: value = UInt32(b0 & 0x1F); length = 2; minimum = 0x80
        case 0xE0...0xEF: value = UInt32(b0 & 0x0F); length = 3; minimum = 0x800
        case 0xF0...0xF4: value = UInt32(b0 & 0x07); length = 4; minimum = 0x10000
        default: return nil
        }
        guard i + length <= n else { return nil }
        for k in 1..<length {
            let c = buf[i + k]
            guard c & 0xC0 == 0x80 else { return nil }
            value = (value << 6) | UInt32(c & 0x3F)
        }
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }

    /// Offsets of invalid UTF-8 sequences (at most `limit`), each with the number of bytes to skip.
    static func invalidSequences(_ buf: UnsafeBufferPointer<UInt8>, limit: Int) -> [(offset: Int, length: Int)] {
        var result: [(Int, Int)] = []
        var i = 0
        let n = buf.count
        guard let base = buf.baseAddress else { return [] }
        let raw = UnsafeRawPointer(base)
        while i < n {
            // Fast path over ASCII, the overwhelming majority of Terraform text: 8 bytes at a time.
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            if buf[i] < 0x80 { i += 1; continue }
            if let (_, length) = decode(buf, at: i) {
                i += length
            } else {
                var j = i + 1
                while j < n, buf[j] & 0xC0 == 0x80, j - i < 4 { j += 1 }
                result.append((i, j - i))
                if result.count >= limit { break }
                i = j
            }
        }
        return result
    }

    /// True when every byte is below 0x80 (checked 8 bytes at a time).
    static func isASCII(_ buf: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = buf.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        let n = buf.count
        var i = 0
        var acc: UInt64 = 0
        while i + 32 <= n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            i += 32
        }
        while i < n {
            acc |= UInt64(buf[i])
            i += 1
        }
        return acc & 0x8080_8080_8080_8080 == 0
    }

    @inline(__always)
    static func isASCIIIdentifierStart(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || b == 0x5F
    }

    /// Bit sets of ASCII identifier characters: letters, digits, `_` and `-`.
    private static let continueLow: UInt64 = (0x3FF << 0x30) | (1 << 0x2D)           // 0-9 and '-'
    private static let continueHigh: UInt64 = (0x3FFFFFF << 1) | (0x3FFFFFF << 33) | (1 << 31) // A-Z, a-z, '_'

    @inline(__always)
    static func isASCIIIdentifierContinue(_ b: UInt8) -> Bool {
        b < 64 ? (continueLow >> UInt64(b)) & 1 == 1 : b < 128 && (continueHigh >> UInt64(b - 64)) & 1 == 1
    }

    @inline(__always)
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    /// ID_Start per UAX #31 (the spec's identifier rule), for non-ASCII scalars.
    static func isIdentifierStart(_ s: Unicode.Scalar) -> Bool { s.properties.isIDStart }

    static func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool { s.properties.isIDContinue }

    /// `U+00A0` style name for messages.
    static func describe(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
