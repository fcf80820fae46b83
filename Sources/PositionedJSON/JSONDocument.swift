// A parsed JSON document: a flat, compact node array over the text, with positions on demand.

import IaCLintCore

/// One node of the flat tree. Objects store their members as key node, value node, key, value…
struct JSONNodeRecord: Sendable {
    var start: UInt32
    var end: UInt32
    /// Index just past this node's subtree (the next sibling).
    var next: UInt32
    /// Containers: number of elements or members. Strings: 1 when escapes need decoding.
    /// Numbers: 1 when a plain integer.
    var count: UInt32
    var kind: JSONKind
}

/// Immutable storage shared by a document and its node handles.
final class JSONStorage: Sendable {
    let path: String
    let fileID: SourceFileID
    let text: [UInt8]
    let nodes: [JSONNodeRecord]
    let lines: LineIndex
    let encoding: JSONTextEncoding

    init(path: String, text: [UInt8], nodes: [JSONNodeRecord], encoding: JSONTextEncoding) {
        self.path = path
        self.fileID = SourceFileID(path)
        self.text = text
        self.nodes = nodes
        self.lines = LineIndex(text)
        self.encoding = encoding
    }
}

/// A JSON document with every key and value's byte range.
public struct JSONDocument: Sendable {
    let storage: JSONStorage

    public var path: String { storage.path }
    /// The UTF-8 text the offsets refer to: the file's bytes, or the transcoded text for UTF-16 input.
    public var text: [UInt8] { storage.text }
    public var encoding: JSONTextEncoding { storage.encoding }
    public var root: JSONNode { JSONNode(storage: storage, index: 0) }
    public var lineIndex: LineIndex { storage.lines }
    /// The file the ranges name.
    public var fileID: SourceFileID { storage.fileID }
    /// Number of nodes (keys count as nodes).
    public var nodeCount: Int { storage.nodes.count }

    public func position(at offset: Int) -> SourcePosition { storage.lines.position(at: offset) }
    public func range(_ start: Int, _ end: Int) -> SourceRange { storage.lines.range(file: storage.fileID, start, end) }

    // MARK: Nodes by index, for a converter that visits every node once
    // `JSONNode` handles and their `members`/`elements` arrays cost a retain per handle, an array per
    // container and a decoded `String` per key; a converter walking whole documents reads the records.
    // The root is node 0; a container's first child is at its index + 1 and each child's next sibling
    // at `nextIndex(ofNode:)`; an object's children alternate key and value.

    public func kind(ofNode index: Int) -> JSONKind { storage.nodes[index].kind }
    public func byteRange(ofNode index: Int) -> Range<Int> {
        let r = storage.nodes[index]
        return Int(r.start)..<Int(r.end)
    }
    /// Elements of an array, members of an object, 0 otherwise.
    public func childCount(ofNode index: Int) -> Int {
        let r = storage.nodes[index]
        return r.kind == .array || r.kind == .object ? Int(r.count) : 0
    }
    /// The index just past the node's subtree: its next sibling's.
    public func nextIndex(ofNode index: Int) -> Int { Int(storage.nodes[index].next) }

    /// A string node's value as UTF-8 bytes: the bytes between its quotes when it has no escapes
    /// (the text is valid UTF-8, or the document would not exist), else the decoded value's.
    public func withStringBytes<R>(ofNode index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let r = storage.nodes[index]
        guard r.kind == .string, r.end >= r.start + 2 else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
        if r.count == 0 {
            return storage.text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[(Int(r.start) + 1)..<(Int(r.end) - 1)])) }
        }
        var decoded = JSONPullReader(text: storage.text).decodeString(JSONStringToken(start: Int(r.start), end: Int(r.end), hasEscapes: true))
        return decoded.withUTF8(body)
    }

    /// The node's text as written (a number, `true`, `false`, `null`; a string with its quotes).
    public func withRawBytes<R>(ofNode index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let r = storage.nodes[index]
        return storage.text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(r.start)..<Int(r.end)])) }
    }
}

/// An object member: its key (with the key's own node, for the key's range) and its value.
public struct JSONMember: Sendable {
    public let key: String
    public let keyNode: JSONNode
    public let value: JSONNode
}

/// A handle on one value of a document.
public struct JSONNode: Sendable {
    let storage: JSONStorage
    let index: Int

    var record: JSONNodeRecord { storage.nodes[index] }

    public var kind: JSONKind { record.kind }
    /// Byte range of the value (for strings, including the quotes).
    public var byteRange: Range<Int> { Int(record.start)..<Int(record.end) }
    public var range: SourceRange { storage.lines.range(file: storage.fileID, Int(record.start), Int(record.end)) }
    /// The raw text of the value as written.
    public var rawText: String { String(decoding: storage.text[byteRange], as: UTF8.self) }

    public var isNull: Bool { kind == .null }

    public var boolValue: Bool? {
        guard kind == .bool else { return nil }
        return storage.text[Int(record.start)] == UInt8(ascii: "t")
    }

    public var stringValue: String? {
        guard kind == .string else { return nil }
        let r = record
        let token = JSONStringToken(start: Int(r.start), end: Int(r.end), hasEscapes: r.count != 0)
        return JSONPullReader(text: storage.text).decodeString(token)
    }

    public var numberValue: Double? {
        guard kind == .number else { return nil }
        let r = record
        return JSONPullReader(text: storage.text).numberValue(start: Int(r.start), end: Int(r.end), isInteger: r.count != 0)
    }

    /// Elements of an array or members of an object.
    public var count: Int { kind == .array || kind == .object ? Int(record.count) : 0 }

    public var elements: [JSONNode] {
        guard kind == .array else { return [] }
        var out: [JSONNode] = []
        out.reserveCapacity(Int(record.count))
        var i = index + 1
        for _ in 0..<Int(record.count) {
            out.append(JSONNode(storage: storage, index: i))
            i = Int(storage.nodes[i].next)
        }
        return out
    }

    public var members: [JSONMember] {
        guard kind == .object else { return [] }
        var out: [JSONMember] = []
        out.reserveCapacity(Int(record.count))
        var i = index + 1
        for _ in 0..<Int(record.count) {
            let keyNode = JSONNode(storage: storage, index: i)
            let valueIndex = Int(storage.nodes[i].next)
            out.append(JSONMember(key: keyNode.stringValue ?? "", keyNode: keyNode,
                                  value: JSONNode(storage: storage, index: valueIndex)))
            i = Int(storage.nodes[valueIndex].next)
        }
        return out
    }

    /// The value of `key` in an object (the last one when the key repeats, as JSON decoders do).
    public subscript(key: String) -> JSONNode? { member(key)?.value }

    /// The member for `key` (the last one when the key repeats).
    public func member(_ key: String) -> JSONMember? {
        guard kind == .object else { return nil }
        var found: JSONMember?
        var i = index + 1
        for _ in 0..<Int(record.count) {
            let keyNode = JSONNode(storage: storage, index: i)
            let valueIndex = Int(storage.nodes[i].next)
            if keyNode.stringValue == key {
                found = JSONMember(key: key, keyNode: keyNode, value: JSONNode(storage: storage, index: valueIndex))
            }
            i = Int(storage.nodes[valueIndex].next)
        }
        return found
    }

    public subscript(position: Int) -> JSONNode? {
        guard kind == .array, position >= 0, position < Int(record.count) else { return nil }
        var i = index + 1
        for _ in 0..<position { i = Int(storage.nodes[i].next) }
        return JSONNode(storage: storage, index: i)
    }

    /// Converts to a core `Value`; with `ranges`, every value and key keeps its source range.
    public func toValue(ranges: Bool = true) -> Value {
        let r = record
        let range: SourceRange? = ranges ? self.range : nil
        switch r.kind {
        case .null: return Value(.null, range: range)
        case .bool: return Value(.bool(boolValue ?? false), range: range)
        case .number: return Value(.number(numberValue ?? .nan), range: range)
        case .string: return Value(.string(stringValue ?? ""), range: range)
        case .array: return Value(.list(elements.map { $0.toValue(ranges: ranges) }), range: range)
        case .object:
            let entries = members.map {
                ObjectEntry($0.key, $0.value.toValue(ranges: ranges), keyRange: ranges ? $0.keyNode.range : nil)
            }
            return Value(.object(entries), range: range)
        }
    }
}
