// JSON templates through the PositionedJSON reader, turned into the same positioned node tree the
// YAML reader gives, so everything after parsing is shared. Measured faster than libyaml on JSON
// (see the cfn bench suite), and it accepts what JSON allows and YAML does not (tabs anywhere).

import IaCLintCore
import PositionedJSON
import YAML

enum JSONTemplateReader {
    /// True when the first significant byte (after a UTF-8 BOM and whitespace) opens a JSON object.
    static func isJSON(_ bytes: [UInt8]) -> Bool {
        var i = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { i = 3 }
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x09 || bytes[i] == 0x0A || bytes[i] == 0x0D { i += 1 }
        return i < bytes.count && bytes[i] == UInt8(ascii: "{")
    }

    static func parse(_ bytes: [UInt8], path: String) -> YAMLDocumentResult {
        // CloudFormation rejects duplicate keys, so they are errors here as in YAML.
        let parsed = JSONReader.parse(bytes, path: path, options: JSONParseOptions(duplicateKeys: .report(.error)))
        guard let document = parsed.document else { return YAMLDocumentResult(documents: [], diagnostics: parsed.diagnostics) }
        return YAMLDocumentResult(documents: [node(document.root)], diagnostics: parsed.diagnostics)
    }

    /// Strings become quoted scalars (always strings); numbers, booleans and null become plain
    /// scalars with their text, which `YAMLScalar` types exactly as the same YAML would be.
    private static func node(_ json: JSONNode) -> YAMLNode {
        let range = json.range
        switch json.kind {
        case .string:
            return YAMLNode(kind: .scalar(json.stringValue ?? "", style: .quoted), range: range)
        case .number:
            return YAMLNode(kind: .scalar(json.rawText, style: .plain), range: range)
        case .bool:
            return YAMLNode(kind: .scalar(json.boolValue == true ? "true" : "false", style: .plain), range: range)
        case .null:
            return YAMLNode(kind: .scalar("null", style: .plain), range: range)
        case .array:
            return YAMLNode(kind: .sequence(json.elements.map(node)), range: range)
        case .object:
            let members = json.members
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            entries.reserveCapacity(members.count)
            for member in members {
                entries.append((YAMLNode(kind: .scalar(member.key, style: .quoted), range: member.keyNode.range), node(member.value)))
            }
            return YAMLNode(kind: .mapping(entries), range: range)
        }
    }
}
