// `yamlencode` in Terraform's style: block style, keys sorted and double-quoted, strings
// double-quoted (literal `|` blocks for multi-line text), empty collections in flow style.

import IaCLintCore

enum TerraformYAMLEncoder {
    static func encode(_ value: Value) -> String? {
        guard value.firstUnknown == nil else { return nil }
        var out = ""
        switch value.kind {
        case .list(let items) where !items.isEmpty: appendSequence(items, indent: 0, to: &out)
        case .object(let entries) where !entries.isEmpty: appendMapping(entries, indent: 0, to: &out)
        default: out = scalar(value, indent: 0) + "\n"
        }
        return out
    }

    private static func pad(_ n: Int) -> String { String(repeating: " ", count: n) }

    /// A scalar or empty collection on one line (literal blocks continue on the following lines).
    private static func scalar(_ value: Value, indent: Int) -> String {
        switch value.kind {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return TerraformNumber.format(n)
        case .string(let s):
            if s.utf8.contains(0x0A) {
                let chomp = s.hasSuffix("\n") ? "" : "-"
                var body = s
                if body.hasSuffix("\n") { body.removeLast() }
                let lines = StringFunctions.split(body, separator: "\n")
                return "|\(chomp)\n" + lines.map { $0.isEmpty ? "" : pad(indent + 2) + $0 }.joined(separator: "\n")
            }
            return quoted(s)
        case .list: return "[]"
        case .object: return "{}"
        default: return "null"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\n": out += "\\n"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\x" + String(repeating: "0", count: max(0, 2 - hex.count)) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func isBlockCollection(_ v: Value) -> Bool {
        switch v.kind {
        case .list(let l): return !l.isEmpty
        case .object(let o): return !o.isEmpty
        default: return false
        }
    }

    private static func appendMapping(_ entries: [ObjectEntry], indent: Int, to out: inout String, firstInline: Bool = false) {
        for (i, e) in sortedEntries(entries).enumerated() {
            if !(firstInline && i == 0) { out += pad(indent) }
            out += quoted(e.key) + ":"
            if isBlockCollection(e.value) {
                out += "\n"
                if case .list(let items) = e.value.kind { appendSequence(items, indent: indent, to: &out) }
                else if case .object(let o) = e.value.kind { appendMapping(o, indent: indent + 2, to: &out) }
            } else {
                out += " " + scalar(e.value, indent: indent) + "\n"
            }
        }
    }

    private static func appendSequence(_ items: [Value], indent: Int, to out: inout String) {
        for item in items {
            out += pad(indent) + "-"
            switch item.kind {
            case .object(let o) where !o.isEmpty:
                out += " "
                appendMapping(o, indent: indent + 2, to: &out, firstInline: true)
            case .list(let l) where !l.isEmpty:
                out += "\n"
                appendSequence(l, indent: indent + 2, to: &out)
            default:
                out += " " + scalar(item, indent: indent) + "\n"
            }
        }
    }
}
