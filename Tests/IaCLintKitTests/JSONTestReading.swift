// Reads JSON in tests into the reporters' `JSONValue`, through the project's one JSON reader.

import IaCLintKit
import PositionedJSON

enum JSONTestReading {
    static func read(_ bytes: [UInt8]) -> JSONValue? {
        guard let root = PositionedJSON.JSONReader.parse(bytes, path: "test.json").document?.root else { return nil }
        return value(root)
    }

    private static func value(_ node: JSONNode) -> JSONValue {
        switch node.kind {
        case .null: return .null
        case .bool: return .bool(node.boolValue ?? false)
        case .string: return .string(node.stringValue ?? "")
        case .number:
            let text = node.rawText
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let i = Int(text) { return .int(i) }
            return .double(node.numberValue ?? 0)
        case .array: return .array(node.elements.map(value))
        case .object: return .object(node.members.map { ($0.key, value($0.value)) })
        }
    }
}
