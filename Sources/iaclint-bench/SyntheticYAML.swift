// Writes a SyntheticJSON CloudFormation tree as block-style YAML, optionally with short-form intrinsics (!Ref, !Sub).

enum SyntheticYAML {
    static func document(_ root: SyntheticJSON, shortForm: Bool) -> String {
        var out = ""
        out.reserveCapacity(8192)
        guard case .object(let members) = root else { return scalar(root) + "\n" }
        mapping(members, indent: 0, shortForm: shortForm, into: &out)
        return out
    }

    private static let shortTags: [String: String] = [
        "Ref": "!Ref", "Fn::GetAtt": "!GetAtt", "Fn::Sub": "!Sub", "Fn::Join": "!Join", "Fn::If": "!If",
        "Fn::Equals": "!Equals", "Fn::Not": "!Not", "Fn::Select": "!Select", "Fn::Split": "!Split",
        "Fn::ImportValue": "!ImportValue", "Fn::FindInMap": "!FindInMap", "Condition": "!Condition",
    ]

    /// The short-form tag and its argument, when `value` is a one-key intrinsic-function mapping.
    private static func intrinsic(_ value: SyntheticJSON, shortForm: Bool) -> (String, SyntheticJSON)? {
        guard shortForm, case .object(let members) = value, members.count == 1,
              let tag = shortTags[members[0].0] else { return nil }
        if members[0].0 == "Fn::GetAtt", case .array(let parts) = members[0].1, parts.count == 2,
           case .string(let resource) = parts[0], case .string(let attribute) = parts[1] {
            return (tag, .string(resource + "." + attribute))
        }
        return (tag, members[0].1)
    }

    private static func mapping(_ members: [(String, SyntheticJSON)], indent: Int, shortForm: Bool, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for (key, value) in members {
            out += pad + scalar(.string(key)) + ":"
            afterIndicator(value, indent: indent, shortForm: shortForm, into: &out)
        }
    }

    /// Writes a value that follows `key:` or `- ` on the current line.
    private static func afterIndicator(_ value: SyntheticJSON, indent: Int, shortForm: Bool, into out: inout String) {
        if let (tag, argument) = intrinsic(value, shortForm: shortForm) {
            out += " " + tag
            switch argument {
            case .object, .array:
                out += "\n"
                block(argument, indent: indent + 2, shortForm: shortForm, into: &out)
            default:
                afterIndicator(argument, indent: indent, shortForm: shortForm, into: &out)
            }
            return
        }
        switch value {
        case .object(let members) where !members.isEmpty:
            out += "\n"
            mapping(members, indent: indent + 2, shortForm: shortForm, into: &out)
        case .array(let items) where !items.isEmpty:
            out += "\n"
            sequence(items, indent: indent + 2, shortForm: shortForm, into: &out)
        case .string(let text) where text.contains("\n"):
            out += text.hasSuffix("\n") ? " |\n" : " |-\n"
            let pad = String(repeating: " ", count: indent + 2)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast(text.hasSuffix("\n") ? 1 : 0) {
                out += pad + line + "\n"
            }
        default:
            out += " " + scalar(value) + "\n"
        }
    }

    private static func block(_ value: SyntheticJSON, indent: Int, shortForm: Bool, into out: inout String) {
        switch value {
        case .object(let members): mapping(members, indent: indent, shortForm: shortForm, into: &out)
        case .array(let items): sequence(items, indent: indent, shortForm: shortForm, into: &out)
        default: out += String(repeating: " ", count: indent) + scalar(value) + "\n"
        }
    }

    private static func sequence(_ items: [SyntheticJSON], indent: Int, shortForm: Bool, into out: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            if intrinsic(item, shortForm: shortForm) == nil, case .object(let members) = item, !members.isEmpty {
                // The first key sits on the dash line; the others align under it.
                var nested = ""
                mapping(members, indent: indent + 2, shortForm: shortForm, into: &nested)
                out += pad + "- " + nested.dropFirst(indent + 2)
            } else {
                out += pad + "-"
                afterIndicator(item, indent: indent, shortForm: shortForm, into: &out)
            }
        }
    }

    /// A plain scalar when unambiguous, otherwise single-quoted.
    static func scalar(_ value: SyntheticJSON) -> String {
        switch value {
        case .number(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .object: return "{}"
        case .array: return "[]"
        case .string(let text):
            if isPlain(text) { return text }
            return "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "''") + "'"
        }
    }

    private static let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"]

    private static func isPlain(_ text: String) -> Bool {
        guard let first = text.utf8.first, !reserved.contains(text.lowercased()) else { return false }
        let letter = (first >= 65 && first <= 90) || (first >= 97 && first <= 122) || first == 36 || first == 47
        guard letter, text.utf8.last != 58 else { return false }
        for byte in text.utf8 {
            let ok = (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
                || byte == 95 || byte == 46 || byte == 47 || byte == 45 || byte == 36 || byte == 58 || byte == 42
            if !ok { return false }
        }
        return true
    }
}
