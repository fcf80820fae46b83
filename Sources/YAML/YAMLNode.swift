// The positioned YAML node tree: every scalar, sequence and mapping with its tag and source range.

import IaCLintCore

/// One YAML node after alias expansion. Ranges come from libyaml's marks, converted to 1-based
/// lines and Unicode-scalar columns plus UTF-8 byte offsets.
///
/// A final class, not a struct: trees are copied and walked a lot (Globals merging, intrinsic
/// resolution), and sharing one reference per node costs a quarter of copying a struct with
/// strings and ranges inside (measured: the struct spent 28% of the front end in retain/release).
public final class YAMLNode: Sendable {
    /// How a scalar was written; only plain scalars are resolved to booleans, numbers and null.
    public enum ScalarStyle: String, Hashable, Sendable {
        case plain, quoted, literal, folded
    }

    public enum Kind: Sendable {
        case scalar(String, style: ScalarStyle)
        case sequence([YAMLNode])
        /// Entries in document order; duplicate keys are reported, and the later entry is kept too.
        case mapping([(key: YAMLNode, value: YAMLNode)])
    }

    public let kind: Kind
    /// The tag as written after handle expansion: `!Ref`, `!GetAtt`, `tag:yaml.org,2002:str`; nil when none.
    public let tag: String?
    /// From the node's first character (its tag or anchor when present) to just after its last one.
    public let range: SourceRange

    public init(kind: Kind, tag: String? = nil, range: SourceRange) {
        self.kind = kind
        self.tag = tag
        self.range = range
    }

    /// The same node with another kind or tag (the range is kept).
    public func with(kind: Kind? = nil, tag: String?? = .none) -> YAMLNode {
        YAMLNode(kind: kind ?? self.kind, tag: tag ?? self.tag, range: range)
    }

    // MARK: Reading

    /// The scalar's text, whatever its style.
    public var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    public var scalarStyle: ScalarStyle? {
        if case .scalar(_, let style) = kind { return style }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    public var entries: [(key: YAMLNode, value: YAMLNode)]? {
        if case .mapping(let entries) = kind { return entries }
        return nil
    }

    public var isMapping: Bool { if case .mapping = kind { return true } else { return false } }
    public var isSequence: Bool { if case .sequence = kind { return true } else { return false } }
    public var isScalar: Bool { if case .scalar = kind { return true } else { return false } }

    /// A plain, untagged `null`, `~` or empty scalar.
    public var isNull: Bool {
        guard tag == nil, case .scalar(let text, .plain) = kind else { return false }
        return YAMLScalar.isNull(text)
    }

    /// The value of the last entry whose key is the scalar `key` (nil when not a mapping or absent).
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let entries) = kind else { return nil }
        for entry in entries.reversed() where entry.key.scalar == key { return entry.value }
        return nil
    }

    /// The entry itself, with its key node (for "first defined here" and key ranges).
    public func entry(_ key: String) -> (key: YAMLNode, value: YAMLNode)? {
        guard case .mapping(let entries) = kind else { return nil }
        for entry in entries.reversed() where entry.key.scalar == key { return entry }
        return nil
    }

    /// Number of nodes in this subtree (this one included).
    public var nodeCount: Int {
        switch kind {
        case .scalar: return 1
        case .sequence(let items): return items.reduce(1) { $0 + $1.nodeCount }
        case .mapping(let entries): return entries.reduce(1) { $0 + $1.key.nodeCount + $1.value.nodeCount }
        }
    }

    /// The node as a core `Value`, scalars read the way CloudFormation reads them (see `YAMLScalar`).
    /// Tags other than the YAML core ones are ignored here; front ends interpret their own tags.
    public var value: Value {
        switch kind {
        case .scalar(let text, let style):
            return Value(YAMLScalar.resolve(text, style: style, tag: tag), range: range)
        case .sequence(let items):
            return Value(.list(items.map(\.value)), range: range)
        case .mapping(let entries):
            var out: [ObjectEntry] = []
            out.reserveCapacity(entries.count)
            for e in entries {
                out.append(ObjectEntry(e.key.scalar ?? YAMLScalar.describeKey(e.key), e.value.value, keyRange: e.key.range))
            }
            return Value(.object(out), range: range)
        }
    }
}
