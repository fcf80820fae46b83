// Line-independent identities for findings, so baselines survive edits that move code.

public enum Fingerprint {
    /// A 16-hex-digit FNV-1a hash of rule, resource, file and an optional discriminator
    /// (e.g. the variable name for a format finding). Never includes line numbers.
    public static func make(ruleID: String, resource: String?, file: String?, discriminator: String = "") -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in [ruleID, resource ?? "", file ?? "", discriminator] {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01b3
            }
            hash ^= 0xff
            hash &*= 0x0000_0100_0000_01b3
        }
        return hex16(hash)
    }

    static func hex16(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8](repeating: 0, count: 16)
        var v = value
        for i in stride(from: 15, through: 0, by: -1) {
            out[i] = digits[Int(v & 0xf)]
            v >>= 4
        }
        return String(decoding: out, as: UTF8.self)
    }
}
