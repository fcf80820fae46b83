// A JSON value with ordered keys and a deterministic writer, for CloudFormation JSON and plan files.

indirect enum SyntheticJSON: Sendable {
    case string(String)
    case number(Int)
    case bool(Bool)
    case null
    case array([SyntheticJSON])
    case object([(String, SyntheticJSON)])

    /// Compact output, as `terraform show -json` writes it.
    func compact() -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(into: &out, indent: nil, depth: 0)
        return out
    }

    /// Indented output (`indent` spaces per level), as CDK synth or `jq .` writes it.
    func pretty(indent: Int) -> String {
        var out = ""
        out.reserveCapacity(4096)
        write(into: &out, indent: indent, depth: 0)
        out.append("\n")
        return out
    }

    private func write(into out: inout String, indent: Int?, depth: Int) {
        switch self {
        case .string(let text): SyntheticJSON.quote(text, into: &out)
        case .number(let value): out.append(String(value))
        case .bool(let value): out.append(value ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            if items.isEmpty { out.append("[]"); return }
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                SyntheticJSON.newline(into: &out, indent: indent, depth: depth + 1)
                item.write(into: &out, indent: indent, depth: depth + 1)
            }
            SyntheticJSON.newline(into: &out, indent: indent, depth: depth)
            out.append("]")
        case .object(let members):
            if members.isEmpty { out.append("{}"); return }
            out.append("{")
            for (index, member) in members.enumerated() {
                if index > 0 { out.append(",") }
                SyntheticJSON.newline(into: &out, indent: indent, depth: depth + 1)
                SyntheticJSON.quote(member.0, into: &out)
                out.append(indent == nil ? ":" : ": ")
                member.1.write(into: &out, indent: indent, depth: depth + 1)
            }
            SyntheticJSON.newline(into: &out, indent: indent, depth: depth)
            out.append("}")
        }
    }

    private static func newline(into out: inout String, indent: Int?, depth: Int) {
        guard let indent else { return }
        out.append("\n")
        out.append(String(repeating: " ", count: indent * depth))
    }

    /// Escapes like Go's encoding/json (Terraform's writer), including `<`, `>` and `&`.
    static func quote(_ text: String, into out: inout String) {
        out.append("\"")
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case "<": out.append("\\u003c")
            case ">": out.append("\\u003e")
            case "&": out.append("\\u0026")
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out.append("\"")
    }
}

extension SyntheticJSON {
    /// Terraform's `jsonencode` of a flat string map: keys sorted, compact.
    static func jsonencode(_ pairs: [(String, String)]) -> String {
        let sorted = pairs.sorted { $0.0 < $1.0 }
        return SyntheticJSON.object(sorted.map { ($0.0, .string($0.1)) }).compact()
    }
}
