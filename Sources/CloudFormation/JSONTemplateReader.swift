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

    /// The template as the same node table the YAML reader gives.
    static func parseTable(_ bytes: [UInt8], path: String) -> YAMLNodeTable {
        // CloudFormation rejects duplicate keys, so they are errors here as in YAML.
        let parsed = JSONReader.parse(bytes, path: path, options: JSONParseOptions(duplicateKeys: .report(.error)))
        var table = YAMLNodeTable()
        table.diagnostics = parsed.diagnostics
        guard let document = parsed.document else { return table }
        var reader = NodeReader(lines: document.lineIndex, file: document.fileID)
        table.documents = [reader.node(document.root, into: &table)]
        return table
    }

    /// Converts nodes in document order, computing each range's line from the previous one's (the
    /// next offset is mostly on the same line or the next): a binary search over the lines for each
    /// of the two ends of every node was a third of the conversion.
    private struct NodeReader {
        let lines: LineIndex
        let file: SourceFileID
        /// The line of the last position computed.
        var line = 0

        mutating func range(_ bytes: Range<Int>) -> SourceRange {
            let start = lines.position(at: bytes.lowerBound, hint: &line)
            return SourceRange(fileID: file, start: start, end: lines.position(at: bytes.upperBound, hint: &line))
        }

        /// Strings become quoted scalars (always strings); numbers, booleans and null become plain
        /// scalars with their text, which `YAMLScalar` types exactly as the same YAML would be.
        mutating func node(_ json: JSONNode, into table: inout YAMLNodeTable) -> YAMLNodeTable.NodeID {
            switch json.kind {
            case .string:
                return table.appendScalar(json.stringValue ?? "", style: .quoted, range: range(json.byteRange))
            case .number:
                return table.appendScalar(json.rawText, style: .plain, range: range(json.byteRange))
            case .bool:
                return table.appendScalar(json.boolValue == true ? "true" : "false", style: .plain, range: range(json.byteRange))
            case .null:
                return table.appendScalar("null", style: .plain, range: range(json.byteRange))
            case .array:
                // The end is found after the items, near the last of them.
                let start = lines.position(at: json.byteRange.lowerBound, hint: &line)
                var items: [YAMLNodeTable.NodeID] = []
                items.reserveCapacity(json.count)
                for element in json.elements { items.append(node(element, into: &table)) }
                let end = lines.position(at: json.byteRange.upperBound, hint: &line)
                return table.appendCollection(.sequence, children: items, range: SourceRange(fileID: file, start: start, end: end))
            case .object:
                let start = lines.position(at: json.byteRange.lowerBound, hint: &line)
                let members = json.members
                var children: [YAMLNodeTable.NodeID] = []
                children.reserveCapacity(2 * members.count)
                for member in members {
                    children.append(table.appendScalar(member.key, style: .quoted, range: range(member.keyNode.byteRange)))
                    children.append(node(member.value, into: &table))
                }
                let end = lines.position(at: json.byteRange.upperBound, hint: &line)
                return table.appendCollection(.mapping, children: children, range: SourceRange(fileID: file, start: start, end: end))
            }
        }
    }
}
