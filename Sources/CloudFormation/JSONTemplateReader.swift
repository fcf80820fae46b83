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
        var reader = NodeReader(document: document, lines: document.lineIndex, file: document.fileID)
        table.documents = [reader.node(0, into: &table)]
        return table
    }

    /// Converts nodes in document order, computing each range's line from the previous one's (the
    /// next offset is mostly on the same line or the next): a binary search over the lines for each
    /// of the two ends of every node was a third of the conversion. Nodes are read by index and
    /// scalar bytes copied from the text (no `JSONNode` handles, member arrays or key strings).
    private struct NodeReader {
        let document: JSONDocument
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
        mutating func node(_ index: Int, into table: inout YAMLNodeTable) -> YAMLNodeTable.NodeID {
            let bytes = document.byteRange(ofNode: index)
            switch document.kind(ofNode: index) {
            case .string:
                let range = range(bytes)
                return document.withStringBytes(ofNode: index) { table.appendScalar($0, style: .quoted, range: range) }
            case .number, .bool, .null:
                let range = range(bytes)
                return document.withRawBytes(ofNode: index) { table.appendScalar($0, style: .plain, range: range) }
            case .array:
                // The end is found after the items, near the last of them.
                let start = lines.position(at: bytes.lowerBound, hint: &line)
                let count = document.childCount(ofNode: index)
                var items: [YAMLNodeTable.NodeID] = []
                items.reserveCapacity(count)
                var child = index + 1
                for _ in 0..<count {
                    items.append(node(child, into: &table))
                    child = document.nextIndex(ofNode: child)
                }
                let end = lines.position(at: bytes.upperBound, hint: &line)
                return table.appendCollection(.sequence, children: items, range: SourceRange(fileID: file, start: start, end: end))
            case .object:
                let start = lines.position(at: bytes.lowerBound, hint: &line)
                let count = document.childCount(ofNode: index)
                var children: [YAMLNodeTable.NodeID] = []
                children.reserveCapacity(2 * count)
                var key = index + 1
                for _ in 0..<count {
                    let keyRange = range(document.byteRange(ofNode: key))
                    children.append(document.withStringBytes(ofNode: key) { table.appendScalar($0, style: .quoted, range: keyRange) })
                    let value = document.nextIndex(ofNode: key)
                    children.append(node(value, into: &table))
                    key = document.nextIndex(ofNode: value)
                }
                let end = lines.position(at: bytes.upperBound, hint: &line)
                return table.appendCollection(.mapping, children: children, range: SourceRange(fileID: file, start: start, end: end))
            }
        }
    }
}
