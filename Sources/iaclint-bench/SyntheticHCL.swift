// Small HCL text helpers for the Terraform generator: quoting, identifiers, jsonencode blocks, heredocs.

enum SyntheticHCL {
    /// A quoted HCL string literal; `${` and `%{` are escaped so the text stays literal.
    static func quote(_ text: String) -> String {
        var out = "\""
        var previous: Character = " "
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "{" where previous == "$" || previous == "%":
                out.removeLast()
                out += "\(previous)\(previous){"
            default: out.append(character)
            }
            previous = character
        }
        return out + "\""
    }

    /// A Terraform block label made from a kebab-case name.
    static func label(_ name: String) -> String {
        String(name.map { $0 == "-" ? "_" : $0 })
    }

    /// `jsonencode({ key = "value" ... })`, indented for an attribute at `indent` spaces.
    static func jsonencode(_ fields: [(String, String)], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        let width = fields.map(\.0.count).max() ?? 0
        var out = "jsonencode({\n"
        for (key, value) in fields {
            out += pad + key + String(repeating: " ", count: width - key.count) + " = " + quote(value) + "\n"
        }
        return out + String(repeating: " ", count: indent) + "})"
    }

    /// An indented heredoc (`<<-EOT`) holding `lines`; its value ends with a newline.
    static func heredoc(_ lines: [String], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        var out = "<<-EOT\n"
        for line in lines { out += pad + line + "\n" }
        return out + String(repeating: " ", count: indent) + "EOT"
    }

    /// A `tags = { ... }` style map body.
    static func map(_ pairs: [(String, String)], indent: Int) -> String {
        let pad = String(repeating: " ", count: indent + 2)
        let width = pairs.map(\.0.count).max() ?? 0
        var out = "{\n"
        for (key, value) in pairs {
            out += pad + key + String(repeating: " ", count: width - key.count) + " = " + value + "\n"
        }
        return out + String(repeating: " ", count: indent) + "}"
    }
}
