// Builds the flat node array of a JSONDocument from the pull reader, noting duplicate keys.

import IaCLintCore

struct JSONTreeBuilder {
    struct Duplicate {
        var key: String
        var first: Range<Int>
        var second: Range<Int>
        var severity: Severity
    }

    var reader: JSONPullReader
    let duplicateKeys: JSONDuplicateKeyPolicy
    var nodes: [JSONNodeRecord] = []
    var duplicates: [Duplicate] = []

    init(reader: JSONPullReader, duplicateKeys: JSONDuplicateKeyPolicy) {
        self.reader = reader
        self.duplicateKeys = duplicateKeys
        // A compact text has a node per ~6 bytes; reserving avoids most regrowth copies.
        nodes.reserveCapacity(max(16, (reader.text.count - reader.offset) / 8))
    }

    mutating func build() throws(JSONSyntaxError) {
        try value()
        guard reader.atEnd() else { throw reader.unexpected("expected the end of the input after the top-level value") }
    }

    private mutating func value() throws(JSONSyntaxError) {
        let kind = try reader.peekKind()
        let start = reader.offset
        let index = nodes.count
        nodes.append(JSONNodeRecord(start: UInt32(start), end: 0, next: 0, count: 0, kind: kind))
        var count: UInt32 = 0
        switch kind {
        case .object:
            var container = try reader.beginObject()
            var seen: [String: Range<Int>] = [:]
            while let key = try reader.nextMember(&container) {
                let keyIndex = nodes.count
                nodes.append(JSONNodeRecord(start: UInt32(key.start), end: UInt32(key.end), next: UInt32(keyIndex + 1),
                                            count: key.hasEscapes ? 1 : 0, kind: .string))
                if case .report(let severity) = duplicateKeys {
                    let name = reader.decodeString(key)
                    if let first = seen[name] {
                        duplicates.append(Duplicate(key: name, first: first, second: key.start..<key.end, severity: severity))
                    } else {
                        seen[name] = key.start..<key.end
                    }
                }
                try value()
                count += 1
            }
        case .array:
            var container = try reader.beginArray()
            while try reader.nextElement(&container) {
                try value()
                count += 1
            }
        case .string:
            count = try reader.scanString().hasEscapes ? 1 : 0
        case .number:
            count = try reader.scanNumber().isInteger ? 1 : 0
        case .bool, .null:
            _ = try reader.scanLiteral()
        }
        nodes[index].end = UInt32(reader.offset)
        nodes[index].next = UInt32(nodes.count)
        nodes[index].count = count
    }
}
