// The nodes of a YAML stream in flat arrays: what the reader builds, what front ends walk, and what
// the `YAMLNode` tree is made from on request.

import IaCLintCore

/// Every node of every document, after alias and merge-key expansion, addressed by index.
///
/// Flat and plain data on purpose: a template has hundreds of thousands of nodes, and a class per
/// node plus a `String` per scalar and an array per collection cost more to allocate and free than
/// libyaml spends parsing. Here a node is one array element, scalar text is a byte range into one
/// buffer (decoded to a `String` only when a value needs it), and children are a range of one index
/// array. Aliases share the anchored node's index, as the tree shares the anchored object.
public struct YAMLNodeTable: Sendable {
    public typealias NodeID = Int32

    public enum NodeKind: UInt8, Sendable { case scalar, sequence, mapping }

    public struct Node: Sendable {
        public var kind: NodeKind
        public var style: YAMLNode.ScalarStyle
        /// Index into `tags`; `noTag` when the node has none.
        public var tag: Int32
        /// Scalar: first byte in `text`. Collection: first index in `children`.
        public var first: Int32
        /// Scalar: byte length. Sequence: items. Mapping: keys and values, alternating (twice the entries).
        public var count: Int32
        public var range: SourceRange

        @inlinable
        public init(kind: NodeKind, style: YAMLNode.ScalarStyle, tag: Int32, first: Int32, count: Int32, range: SourceRange) {
            self.kind = kind
            self.style = style
            self.tag = tag
            self.first = first
            self.count = count
            self.range = range
        }
    }

    public static let noTag: Int32 = -1

    public private(set) var nodes: [Node] = []
    /// Children of all collections; a mapping's keys and values alternate.
    public private(set) var children: [NodeID] = []
    /// Scalar text, decoded by libyaml (escapes and folding applied), back to back.
    public private(set) var text: [UInt8] = []
    /// Distinct tags as written after handle expansion (`!Ref`, `tag:yaml.org,2002:str`).
    public private(set) var tags: [String] = []
    /// The root node of each document, in order.
    public var documents: [NodeID] = []
    public var diagnostics: [Diagnostic] = []

    public init() {}

    /// The first document's root, the one a template or configuration file uses.
    public var root: NodeID? { documents.first }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    // MARK: Reading

    @inlinable public subscript(id: NodeID) -> Node { nodes[Int(id)] }
    @inlinable public func kind(_ id: NodeID) -> NodeKind { nodes[Int(id)].kind }
    @inlinable public func range(_ id: NodeID) -> SourceRange { nodes[Int(id)].range }
    @inlinable public func hasTag(_ id: NodeID) -> Bool { nodes[Int(id)].tag != YAMLNodeTable.noTag }
    @inlinable public func isMapping(_ id: NodeID) -> Bool { nodes[Int(id)].kind == .mapping }
    @inlinable public func isScalar(_ id: NodeID) -> Bool { nodes[Int(id)].kind == .scalar }

    /// The tag as written, nil when none.
    public func tag(_ id: NodeID) -> String? {
        let t = nodes[Int(id)].tag
        return t == YAMLNodeTable.noTag ? nil : tags[Int(t)]
    }

    /// The scalar's text; nil for a collection.
    public func scalar(_ id: NodeID) -> String? {
        let node = nodes[Int(id)]
        guard node.kind == .scalar else { return nil }
        return text.withUnsafeBufferPointer { makeString(UnsafeBufferPointer(rebasing: $0[Int(node.first)..<Int(node.first + node.count)])) }
    }

    /// Calls `body` with the scalar's bytes (nil for a collection), without making a `String`.
    @inlinable
    public func withScalarBytes<R>(_ id: NodeID, _ body: (UnsafeBufferPointer<UInt8>?) -> R) -> R {
        let node = nodes[Int(id)]
        guard node.kind == .scalar else { return body(nil) }
        return text.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(node.first)..<Int(node.first + node.count)])) }
    }

    /// True when the node is a scalar whose text is exactly `name` (any style, any tag).
    @inlinable
    public func scalar(_ id: NodeID, is name: StaticString) -> Bool {
        let node = nodes[Int(id)]
        guard node.kind == .scalar, Int(node.count) == name.utf8CodeUnitCount else { return false }
        return text.withUnsafeBufferPointer { buffer in
            let n = Int(node.count), start = Int(node.first)
            let p = name.utf8Start
            for k in 0..<n where buffer[start + k] != p[k] { return false }
            return true
        }
    }

    /// True when the node is a scalar whose text is exactly `name`.
    public func scalar(_ id: NodeID, equals name: String) -> Bool {
        let node = nodes[Int(id)]
        guard node.kind == .scalar, Int(node.count) == name.utf8.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            let slice = buffer[Int(node.first)..<Int(node.first + node.count)]
            return slice.elementsEqual(name.utf8)
        }
    }

    /// A sequence's items (empty for anything else).
    @inlinable
    public func items(_ id: NodeID) -> ArraySlice<NodeID> {
        let node = nodes[Int(id)]
        guard node.kind == .sequence else { return children[0..<0] }
        return children[Int(node.first)..<Int(node.first + node.count)]
    }

    /// A mapping's number of entries (0 for anything else).
    @inlinable
    public func entryCount(_ id: NodeID) -> Int {
        let node = nodes[Int(id)]
        return node.kind == .mapping ? Int(node.count) / 2 : 0
    }

    /// Key and value of a mapping's `index`th entry.
    @inlinable
    public func entry(_ id: NodeID, at index: Int) -> (key: NodeID, value: NodeID) {
        let base = Int(nodes[Int(id)].first) + 2 * index
        return (children[base], children[base + 1])
    }

    /// The value of the last entry whose key is the scalar `key` (nil when not a mapping or absent).
    @inlinable
    public func value(_ id: NodeID, _ key: StaticString) -> NodeID? {
        entry(id, key)?.value
    }

    /// The last entry whose key is the scalar `key`.
    @inlinable
    public func entry(_ id: NodeID, _ key: StaticString) -> (key: NodeID, value: NodeID)? {
        let node = nodes[Int(id)]
        guard node.kind == .mapping else { return nil }
        var i = Int(node.first + node.count) - 2
        while i >= Int(node.first) {
            if scalar(children[i], is: key) { return (children[i], children[i + 1]) }
            i -= 2
        }
        return nil
    }

    /// The value of the last entry whose key is the scalar `key`, for keys known only at run time.
    public func value(_ id: NodeID, forKey key: String) -> NodeID? {
        let node = nodes[Int(id)]
        guard node.kind == .mapping else { return nil }
        var i = Int(node.first + node.count) - 2
        while i >= Int(node.first) {
            if scalar(children[i], equals: key) { return children[i + 1] }
            i -= 2
        }
        return nil
    }

    /// A plain, untagged `null`, `~` or empty scalar.
    public func isNull(_ id: NodeID) -> Bool {
        let node = nodes[Int(id)]
        guard node.kind == .scalar, node.style == .plain, node.tag == YAMLNodeTable.noTag else { return false }
        return withScalarBytes(id) { YAMLScalar.isNull($0 ?? UnsafeBufferPointer(start: nil, count: 0)) }
    }

    // MARK: Building

    /// Adds a scalar with the given text.
    public mutating func appendScalar(_ bytes: UnsafeBufferPointer<UInt8>, style: YAMLNode.ScalarStyle, tag: Int32 = YAMLNodeTable.noTag,
                                      range: SourceRange) -> NodeID {
        let first = Int32(truncatingIfNeeded: text.count)
        text.append(contentsOf: bytes)
        return append(Node(kind: .scalar, style: style, tag: tag, first: first, count: Int32(truncatingIfNeeded: bytes.count), range: range))
    }

    public mutating func appendScalar(_ string: String, style: YAMLNode.ScalarStyle, range: SourceRange) -> NodeID {
        var string = string
        return string.withUTF8 { appendScalar($0, style: style, range: range) }
    }

    /// A scalar whose text is part of another scalar's (bytes `from..<to` of it): no copy.
    public mutating func appendScalarSlice(of id: NodeID, from: Int, to: Int, style: YAMLNode.ScalarStyle, tag: Int32 = YAMLNodeTable.noTag,
                                           range: SourceRange) -> NodeID {
        let node = nodes[Int(id)]
        let lower = min(max(0, from), Int(node.count)), upper = min(max(lower, to), Int(node.count))
        return append(Node(kind: .scalar, style: style, tag: tag, first: node.first + Int32(lower),
                           count: Int32(upper - lower), range: range))
    }

    /// Adds a sequence, or a mapping when `children` alternate keys and values.
    public mutating func appendCollection<C: Collection>(_ kind: NodeKind, children items: C, tag: Int32 = YAMLNodeTable.noTag,
                                                         range: SourceRange) -> NodeID where C.Element == NodeID {
        let first = Int32(truncatingIfNeeded: children.count)
        children.append(contentsOf: items)
        let count = Int32(truncatingIfNeeded: children.count) - first
        return append(Node(kind: kind, style: .plain, tag: tag, first: first, count: count, range: range))
    }

    /// `appendCollection` with the children `items[bounds]`, read through a buffer pointer: an
    /// `ArraySlice` would retain and release the builder's scratch array (atomic operations) per
    /// collection.
    mutating func appendCollection(_ kind: NodeKind, from items: borrowing [NodeID], _ bounds: Range<Int>, tag: Int32,
                                   range: SourceRange) -> NodeID {
        let first = Int32(truncatingIfNeeded: children.count)
        items.withUnsafeBufferPointer { buffer in
            children.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[bounds]))
        }
        let count = Int32(truncatingIfNeeded: children.count) - first
        return append(Node(kind: kind, style: .plain, tag: tag, first: first, count: count, range: range))
    }

    /// The same node with another tag (`noTag` to drop it); the range and contents are kept.
    public mutating func retagged(_ id: NodeID, tag: Int32) -> NodeID {
        var node = nodes[Int(id)]
        node.tag = tag
        return append(node)
    }

    @usableFromInline
    mutating func append(_ node: Node) -> NodeID {
        nodes.append(node)
        return NodeID(truncatingIfNeeded: nodes.count - 1)
    }

    /// The index of `tag` in `tags`, adding it when new. Documents use a handful of tags, so a
    /// scan beats hashing.
    mutating func internTag(_ tag: UnsafeBufferPointer<UInt8>) -> Int32 {
        for (i, known) in tags.enumerated() {
            var known = known
            if known.withUTF8({ $0.elementsEqual(tag) }) { return Int32(i) }
        }
        tags.append(makeString(tag))
        return Int32(tags.count - 1)
    }

    /// Templates hold a node per 15 bytes (median; 5% of files one per 10 bytes or fewer): reserving
    /// one per 10 bytes spares nearly every file the doubling copies, and leaves room for the nodes
    /// the resolver adds (short-form arguments) without copying the table once more.
    mutating func reserveCapacity(textBytes: Int) {
        text.reserveCapacity(textBytes)
        nodes.reserveCapacity(textBytes / 10 + 8)
        children.reserveCapacity(textBytes / 10 + 8)
    }

    // MARK: Tree

    /// The documents as `YAMLNode` trees, shared nodes (aliases) kept shared.
    public func trees() -> [YAMLNode] {
        var memo = [YAMLNode?](repeating: nil, count: nodes.count)
        return documents.map { tree($0, memo: &memo) }
    }

    private func tree(_ id: NodeID, memo: inout [YAMLNode?]) -> YAMLNode {
        if let done = memo[Int(id)] { return done }
        let node = nodes[Int(id)]
        let kind: YAMLNode.Kind
        switch node.kind {
        case .scalar:
            kind = .scalar(scalar(id) ?? "", style: node.style)
        case .sequence:
            var items: [YAMLNode] = []
            items.reserveCapacity(Int(node.count))
            for child in self.items(id) { items.append(tree(child, memo: &memo)) }
            kind = .sequence(items)
        case .mapping:
            var entries: [(key: YAMLNode, value: YAMLNode)] = []
            entries.reserveCapacity(entryCount(id))
            for i in 0..<entryCount(id) {
                let e = entry(id, at: i)
                entries.append((tree(e.key, memo: &memo), tree(e.value, memo: &memo)))
            }
            kind = .mapping(entries)
        }
        let made = YAMLNode(kind: kind, tag: tag(id), range: node.range)
        memo[Int(id)] = made
        return made
    }
}

/// Copies validated UTF-8 into a `String` without validating again (small strings stay inline).
@inline(__always)
func makeString(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    String(unsafeUninitializedCapacity: bytes.count) { buffer in
        guard let destination = buffer.baseAddress, let source = bytes.baseAddress else { return 0 }
        destination.initialize(from: source, count: bytes.count)
        return bytes.count
    }
}
