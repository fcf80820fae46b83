// Instance keys and addresses as Terraform prints them: `aws_x.y[0]`, `aws_x.y["prod"]`,
// `module.api["eu"].aws_x.y`.

import IaCLintCore

enum InstanceKey: Hashable, Sendable {
    case index(Int)
    case key(String)

    /// The key as written inside the brackets: `0` or `"prod"` (quoted and escaped like Terraform).
    var text: String {
        switch self {
        case .index(let i): return String(i)
        case .key(let s): return InstanceKey.quote(s)
        }
    }

    /// The value `count.index` or `each.key` takes.
    var value: Value {
        switch self {
        case .index(let i): return .number(Double(i))
        case .key(let s): return .string(s)
        }
    }

    /// Go's `%q`-style quoting used in Terraform addresses.
    static func quote(_ s: String) -> String {
        // Most keys need no escape: checked on the bytes, then quoted whole. Appending scalar by
        // scalar cost a String append per character (55,000 on tf-real).
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            return joined("\"", s, "\"")
        }
        return quoteEscaping(s)
    }

    /// `quote` scalar by scalar, escaping what needs it.
    static func quoteEscaping(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\x" + (hex.count < 2 ? "0" : "") + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `base[key]`.
    static func address(_ base: String, _ key: InstanceKey?) -> String {
        guard let key else { return base }
        switch key {
        case .index(let i): return joined(base, "[", String(i), "]")
        case .key(let s):
            // Quoted in the same pass when no byte needs an escape (see `quote`).
            if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                return joined(base, "[\"", s, "\"]")
            }
            return joined(base, "[", quoteEscaping(s), "]")
        }
    }

    /// The key a known value selects: a whole number for `count`, a string for `for_each`.
    static func from(_ value: Value) -> InstanceKey? {
        switch value.kind {
        case .number(let n) where n >= 0 && n == n.rounded() && n < 1e9: return .index(Int(n))
        case .string(let s): return .key(s)
        default: return nil
        }
    }
}
