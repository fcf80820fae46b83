// JSON templates into the node table: the converter that reads node records agrees with one built on
// `JSONNode` handles (the previous converter, kept here as the reference), ranges included.

import XCTest
import IaCLintCore
import PositionedJSON
import YAML
@testable import CloudFormation

final class JSONTemplateReaderTests: XCTestCase {
    func testRecordWalkAgreesWithNodeHandles() throws {
        let texts = [
            "{\"AWSTemplateFormatVersion\": \"2010-09-09\", \"Resources\": {\"Api\": {\"Type\": \"AWS::ApiGateway::RestApi\"}}}",
            "{\n  \"a\": [1, -2.5e3, true, false, null, \"x\"],\n  \"b\": {\"c\": {\"d\": []}, \"e\": {}},\n  \"f\": \"\"\n}",
            "{\"esc\\u0061ped\": \"line\\nbreak \\\"quoted\\\" \\u00e9 \\ud83d\\ude00\", \"é\": \"ünïcödé 😀\", \"t\":\t\"tab\"}",
            "[{\"k\": [[[\"deep\"]]]}, 0, 1e-7, \"\\/\"]",
            "\u{FEFF}{\"bom\": 1}",
        ]
        for text in texts {
            let bytes = Array(text.utf8)
            let table = JSONTemplateReader.parseTable(bytes, path: "t.json")
            let parsed = JSONReader.parse(bytes, path: "t.json", options: JSONParseOptions(duplicateKeys: .report(.error)))
            let document = try XCTUnwrap(parsed.document, text)
            var reference = YAMLNodeTable()
            var converter = ReferenceConverter(lines: document.lineIndex, file: document.fileID)
            reference.documents = [converter.node(document.root, into: &reference)]
            XCTAssertEqual(describe(table), describe(reference), text)
        }
    }

    private func describe(_ table: YAMLNodeTable) -> [String] {
        table.nodes.indices.map { i in
            let id = YAMLNodeTable.NodeID(i)
            let node = table[id]
            let r = node.range
            let place = "\(r.start.line):\(r.start.column)@\(r.start.offset)-\(r.end.line):\(r.end.column)@\(r.end.offset)"
            switch node.kind {
            case .scalar: return "scalar \(node.style) \(table.scalar(id) ?? "?") \(place)"
            case .sequence, .mapping:
                return "\(node.kind) \(table.children[Int(node.first)..<Int(node.first + node.count)].map(String.init)) \(place)"
            }
        } + ["roots \(table.documents)"]
    }

    /// The previous converter: `JSONNode` handles, member arrays, decoded strings.
    private struct ReferenceConverter {
        let lines: LineIndex
        let file: SourceFileID
        var line = 0

        mutating func range(_ bytes: Range<Int>) -> SourceRange {
            let start = lines.position(at: bytes.lowerBound, hint: &line)
            return SourceRange(fileID: file, start: start, end: lines.position(at: bytes.upperBound, hint: &line))
        }

        mutating func node(_ json: JSONNode, into table: inout YAMLNodeTable) -> YAMLNodeTable.NodeID {
            switch json.kind {
            case .string: return table.appendScalar(json.stringValue ?? "", style: .quoted, range: range(json.byteRange))
            case .number: return table.appendScalar(json.rawText, style: .plain, range: range(json.byteRange))
            case .bool: return table.appendScalar(json.boolValue == true ? "true" : "false", style: .plain, range: range(json.byteRange))
            case .null: return table.appendScalar("null", style: .plain, range: range(json.byteRange))
            case .array:
                let start = lines.position(at: json.byteRange.lowerBound, hint: &line)
                var items: [YAMLNodeTable.NodeID] = []
                for element in json.elements { items.append(node(element, into: &table)) }
                let end = lines.position(at: json.byteRange.upperBound, hint: &line)
                return table.appendCollection(.sequence, children: items, range: SourceRange(fileID: file, start: start, end: end))
            case .object:
                let start = lines.position(at: json.byteRange.lowerBound, hint: &line)
                var children: [YAMLNodeTable.NodeID] = []
                for member in json.members {
                    children.append(table.appendScalar(member.key, style: .quoted, range: range(member.keyNode.byteRange)))
                    children.append(node(member.value, into: &table))
                }
                let end = lines.position(at: json.byteRange.upperBound, hint: &line)
                return table.appendCollection(.mapping, children: children, range: SourceRange(fileID: file, start: start, end: end))
            }
        }
    }
}
