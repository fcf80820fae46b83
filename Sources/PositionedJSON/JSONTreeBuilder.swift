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
    /// The distinct keys of every object being read, innermost last: each object's from the count
    /// when it opened. A template's objects have a handful of keys, so a new key is compared with
    /// them in place; a `[String: Range]` per object hashed and decoded every key (10.6 M
    /// instructions on the 10 MB synthetic repository's JSON templates, about 370 a key).
    private var openKeys: [(token: JSONStringToken, plainASCII: Bool)] = []
    /// Past this many distinct keys an object's keys go into a dictionary instead.
    private static let keysComparedInPlace = 24

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
            let keysBase = openKeys.count
            var seen: [String: Range<Int>]? = nil
            defer { openKeys.removeSubrange(keysBase...) }
            while let key = try reader.nextMember(&container) {
                let keyIndex = nodes.count
                nodes.append(JSONNodeRecord(start: UInt32(key.start), end: UInt32(key.end), next: UInt32(keyIndex + 1),
                                            count: key.hasEscapes ? 1 : 0, kind: .string))
                if case .report(let severity) = duplicateKeys {
                    noteKey(key, base: keysBase, seen: &seen, severity: severity)
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

    /// Records `key` as a duplicate of an earlier key of its object (the first with that name), or
    /// as a new key. Names compare as decoded `String`s do; two plain ASCII keys compare by bytes,
    /// which for ASCII is the same.
    private mutating func noteKey(_ key: JSONStringToken, base: Int, seen: inout [String: Range<Int>]?,
                                  severity: Severity) {
        if seen == nil, openKeys.count - base >= JSONTreeBuilder.keysComparedInPlace {
            var table: [String: Range<Int>] = [:]
            for earlier in openKeys[base...] { table[reader.decodeString(earlier.token)] = earlier.token.start..<earlier.token.end }
            seen = table
        }
        if seen != nil {
            let name = reader.decodeString(key)
            if let first = seen?[name] {
                duplicates.append(Duplicate(key: name, first: first, second: key.start..<key.end, severity: severity))
            } else {
                seen?[name] = key.start..<key.end
            }
            return
        }
        let plain = !key.hasEscapes && isASCII(key)
        for earlier in openKeys[base...] where sameName(earlier, key, plain: plain) {
            duplicates.append(Duplicate(key: reader.decodeString(key), first: earlier.token.start..<earlier.token.end,
                                        second: key.start..<key.end, severity: severity))
            return
        }
        openKeys.append((key, plain))
    }

    private func isASCII(_ key: JSONStringToken) -> Bool {
        reader.text.withUnsafeBufferPointer { b in
            for k in (key.start + 1)..<(key.end - 1) where b[k] >= 0x80 { return false }
            return true
        }
    }

    /// Whether two keys name the same member: by raw bytes when both are plain ASCII (for ASCII that
    /// is `String` equality), else by decoded strings, whose equality is canonical equivalence
    /// (`"\u{212A}"` is `"K"`) as it was when every key was decoded.
    private func sameName(_ a: (token: JSONStringToken, plainASCII: Bool), _ b: JSONStringToken, plain bIsPlain: Bool) -> Bool {
        guard a.plainASCII, bIsPlain else { return reader.decodeString(a.token) == reader.decodeString(b) }
        let length = a.token.end - a.token.start
        guard length == b.end - b.start else { return false }
        return reader.text.withUnsafeBufferPointer { t in
            for k in 1..<(length - 1) where t[a.token.start + k] != t[b.start + k] { return false }
            return true
        }
    }
}
