// Three-valued attribute values (known, unknown with a reason, null) that keep their source ranges
// and the resources they refer to.

/// A value as a front end knows it before deployment.
///
/// Rules read these and never treat `.unknown` as bad. `references` keeps the edges to the
/// resources an expression mentions even when the value itself is unknown (a log group's ARN is
/// known only after apply, but a rule can still tell which log group a stage points at).
public struct Value: Hashable, Sendable {
    public indirect enum Kind: Hashable, Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        /// Tuples, lists, sets; CloudFormation sequences; repeated nested blocks.
        case list([Value])
        /// Objects, maps, block bodies; CloudFormation mappings. Ordered as written.
        case object([ObjectEntry])
        case unknown(UnknownReason)
        /// A value that depends on a named deploy-time condition (CloudFormation `Fn::If`).
        /// Either branch may be `.absent` (`AWS::NoValue`).
        case conditional(Condition, whenTrue: Value, whenFalse: Value)
        /// The property is removed (`AWS::NoValue`); appears only inside `.conditional`.
        case absent
    }

    public var kind: Kind
    /// Inline, not boxed: almost every value from a configuration has a range, and a box per value
    /// cost an allocation and 80 bytes where the range itself is 28.
    public var range: SourceRange?
    /// Edges and `via` are rarer: boxed, nil when both are empty.
    @usableFromInline var meta: ValueMetadata?

    /// Inlinable: the front ends make values by the hundred thousand, and called across modules
    /// the initialiser copied the kind it was given (a retain of its box) while the caller released
    /// its own; inlined, the kind is moved into place and the empty edge arrays fold away.
    @inlinable
    public init(_ kind: Kind, range: SourceRange? = nil, references: [Reference] = [], via: [SourceRange] = []) {
        self.kind = kind
        self.range = range
        meta = references.isEmpty && via.isEmpty ? nil : ValueMetadata.make(references: references, via: via)
    }

    /// Resources this value was computed from (edges).
    public var references: [Reference] {
        @inlinable get { meta?.references ?? [] }
        set { meta = meta?.replacingReferences(newValue) ?? ValueMetadata.make(references: newValue, via: []) }
    }

    /// Further places the value flowed through, outermost first: e.g. the caller's module
    /// argument line for a value passed into a module variable.
    public var via: [SourceRange] {
        get { meta?.via ?? [] }
        set { meta = ValueMetadata.make(references: references, via: newValue) }
    }

    /// Appends `origin` to `via`: one new box that points at the box holding the earlier places,
    /// where setting `via` built a new array and a box for every flow through a variable or local.
    public mutating func appendVia(_ origin: SourceRange) {
        meta = ValueMetadataWithVia(references: meta?.references ?? [], lastVia: origin, earlier: meta?.viaChain)
    }

    /// Sets `references` and, when `origin` is given, appends it to `via`, in one new box.
    public mutating func setReferences(_ references: [Reference], appendingVia origin: SourceRange?) {
        if let origin {
            meta = ValueMetadataWithVia(references: references, lastVia: origin, earlier: meta?.viaChain)
        } else {
            self.references = references
        }
    }

    // MARK: Constructors

    public static let null = Value(.null)
    // Inlinable, as `init` is.
    @inlinable public static func string(_ s: String, range: SourceRange? = nil) -> Value { Value(.string(s), range: range) }
    @inlinable public static func bool(_ b: Bool, range: SourceRange? = nil) -> Value { Value(.bool(b), range: range) }
    @inlinable public static func number(_ n: Double, range: SourceRange? = nil) -> Value { Value(.number(n), range: range) }
    @inlinable public static func list(_ l: [Value], range: SourceRange? = nil) -> Value { Value(.list(l), range: range) }
    @inlinable public static func object(_ entries: [ObjectEntry], range: SourceRange? = nil) -> Value { Value(.object(entries), range: range) }
    public static func unknown(_ reason: UnknownReason, range: SourceRange? = nil, references: [Reference] = []) -> Value {
        Value(.unknown(reason), range: range, references: references)
    }

    // MARK: Reading

    public var isNull: Bool { if case .null = kind { return true } else { return false } }
    public var isUnknown: Bool { if case .unknown = kind { return true } else { return false } }

    /// True when the value, and everything inside it, is known and unconditional.
    public var isWhollyKnown: Bool {
        switch kind {
        case .unknown, .conditional, .absent: return false
        case .list(let items): return items.allSatisfy(\.isWhollyKnown)
        case .object(let entries): return entries.allSatisfy { $0.value.isWhollyKnown }
        case .null, .bool, .number, .string: return true
        }
    }

    public var stringValue: String? { if case .string(let s) = kind { return s } else { return nil } }
    public var boolValue: Bool? { if case .bool(let b) = kind { return b } else { return nil } }
    public var numberValue: Double? { if case .number(let n) = kind { return n } else { return nil } }
    public var listValue: [Value]? { if case .list(let l) = kind { return l } else { return nil } }
    public var objectEntries: [ObjectEntry]? { if case .object(let e) = kind { return e } else { return nil } }
    public var unknownReason: UnknownReason? { if case .unknown(let r) = kind { return r } else { return nil } }

    /// The entry for `key` in an object (the last one when a key repeats, as in JSON decoders).
    public subscript(key: String) -> Value? {
        entry(key)?.value
    }

    /// The entry itself, with its key's range.
    public func entry(_ key: String) -> ObjectEntry? {
        guard case .object(let entries) = kind else { return nil }
        // Compares keys in place from the end (the last duplicate wins); `last(where:)` copied each
        // entry it passed into the closure.
        var i = entries.endIndex
        while i > entries.startIndex {
            i -= 1
            if entries[i].key == key { return entries[i] }
        }
        return nil
    }

    /// Every reference in this value and inside it: its own, then its items' in order.
    public var allReferences: [Reference] {
        switch kind {
        case .list, .object, .conditional:
            var out: [Reference] = []
            appendAllReferences(to: &out)
            return out
        default:
            return references  // a leaf's own array, shared rather than copied
        }
    }

    /// Appends into one array: building an array per level and concatenating them allocated at every
    /// level of every value (the graph builder asks this of each resource whose values it drops).
    private func appendAllReferences(to out: inout [Reference]) {
        Value.append(meta, to: &out)
        appendChildReferences(to: &out)
    }

    /// The references of the values inside this one, in order.
    private func appendChildReferences(to out: inout [Reference]) {
        switch kind {
        case .list(let items):
            items.withUnsafeBufferPointer { buffer in for i in buffer.indices { Value.appendAllReferences(of: buffer, i, to: &out) } }
        case .object(let entries):
            entries.withUnsafeBufferPointer { buffer in
                for i in buffer.indices {
                    // The entry's value read in place, as `appendAllReferences(of:)` reads an item.
                    Value.append(buffer[i].value.meta, to: &out)
                    switch buffer[i].value.kind {
                    case .list, .object, .conditional: buffer[i].value.appendChildReferences(to: &out)
                    default: break
                    }
                }
            }
        case .conditional(_, let t, let f):
            t.appendAllReferences(to: &out)
            f.appendAllReferences(to: &out)
        default: break
        }
    }

    /// `buffer[i].appendAllReferences(to:)` with the item read in place: a method called on the
    /// item copied it first (a retain and a release of its kind and metadata, about 150
    /// instructions), though most items are leaves with nothing inside to visit.
    @inline(__always)
    private static func appendAllReferences(of buffer: UnsafeBufferPointer<Value>, _ i: Int, to out: inout [Reference]) {
        append(buffer[i].meta, to: &out)
        switch buffer[i].kind {
        case .list, .object, .conditional: buffer[i].appendChildReferences(to: &out)
        default: break
        }
    }

    /// Appends a metadata box's references; the first ones found are the array itself, shared
    /// (most dropped values have one value with edges, and appending to an empty array allocated).
    @inline(__always)
    private static func append(_ meta: ValueMetadata?, to out: inout [Reference]) {
        guard let meta else { return }
        if out.isEmpty { out = meta.references } else { out += meta.references }
    }
}

/// Edges and `via` are boxed: most values have neither, and the box keeps `Value` small.
/// Most boxes hold edges only, so `via` lives in a subclass: an edges-only box is 24 bytes, a
/// 32-byte heap block instead of 48, about 5 MB of the 320,000 boxes of a 100 MB scan.
@usableFromInline
class ValueMetadata: Hashable, @unchecked Sendable {  // immutable
    @usableFromInline final let references: [Reference]
    var via: [SourceRange] { [] }
    /// This box when it holds `via` places: what a further flow points at.
    var viaChain: ValueMetadataWithVia? { nil }

    init(references: [Reference]) {
        self.references = references
    }

    @usableFromInline
    static func make(references: [Reference], via: [SourceRange]) -> ValueMetadata? {
        guard !via.isEmpty else { return references.isEmpty ? nil : ValueMetadata(references: references) }
        var chain: ValueMetadataWithVia? = nil
        for i in via.indices {
            chain = ValueMetadataWithVia(references: i == via.count - 1 ? references : [], lastVia: via[i], earlier: chain)
        }
        return chain
    }

    /// The same `via` places with other references (nil when there is nothing left to hold).
    func replacingReferences(_ references: [Reference]) -> ValueMetadata? {
        references.isEmpty ? nil : ValueMetadata(references: references)
    }

    @usableFromInline
    static func == (lhs: ValueMetadata, rhs: ValueMetadata) -> Bool {
        lhs.references == rhs.references && lhs.via == rhs.via
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        hasher.combine(references)
    }
}

/// A box with `via` places as well (values passed through variables, locals and module
/// arguments). The places form a chain, newest first: each box holds the last place and points at
/// the box of the value before that flow, which is immutable and so shared. A flow costs one box
/// (64 bytes), where a `via` array cost the array and a box (96 bytes in two blocks).
final class ValueMetadataWithVia: ValueMetadata, @unchecked Sendable {  // immutable
    private let lastVia: SourceRange
    private let earlier: ValueMetadataWithVia?

    init(references: [Reference], lastVia: SourceRange, earlier: ValueMetadataWithVia?) {
        self.lastVia = lastVia
        self.earlier = earlier
        super.init(references: references)
    }

    override var viaChain: ValueMetadataWithVia? { self }

    /// Oldest first, as appended.
    override var via: [SourceRange] {
        var out: [SourceRange] = []
        var node: ValueMetadataWithVia? = self
        while let n = node {
            out.append(n.lastVia)
            node = n.earlier
        }
        out.reverse()
        return out
    }

    override func replacingReferences(_ references: [Reference]) -> ValueMetadata? {
        ValueMetadataWithVia(references: references, lastVia: lastVia, earlier: earlier)
    }
}

/// One key of an object, with the range of the key itself (where "rename this key" points).
public struct ObjectEntry: Hashable, Sendable {
    public var key: String
    public var value: Value
    /// Inline like `Value.range`: a box per key cost an allocation and 48 bytes for 28.
    public var keyRange: SourceRange?

    public init(_ key: String, _ value: Value, keyRange: SourceRange? = nil) {
        self.key = key
        self.value = value
        self.keyRange = keyRange
    }

    /// The key and its value together: what to point at when the attribute as a whole is wrong.
    public var range: SourceRange? {
        guard let k = keyRange else { return value.range }
        guard let v = value.range, v.fileID == k.fileID else { return k }
        return k.union(v)
    }

    public static func == (lhs: ObjectEntry, rhs: ObjectEntry) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value && lhs.keyRange == rhs.keyRange
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
        hasher.combine(keyRange)
    }
}

/// Why a value cannot be known before deployment.
public struct UnknownReason: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// A resource attribute computed by the provider (`aws_cloudwatch_log_group.x.arn`).
        case knownAfterApply = "known after apply"
        /// A Terraform variable with no default and no value given.
        case unsetVariable = "variable without a value"
        /// A CloudFormation parameter with no Default.
        case parameter = "parameter without a default"
        /// `AWS::Region`, `AWS::AccountId`, `data.aws_region`…
        case deploymentContext = "depends on the deployment account or region"
        /// An output of a module that was not loaded (registry or git source, not initialised).
        case remoteModule = "module not available locally"
        /// `Fn::ImportValue`, SSM parameters: defined outside this configuration.
        case external = "defined outside this configuration"
        /// A function iaclint does not evaluate (provider functions, unknown names).
        case unsupportedFunction = "function not evaluated"
        /// Evaluation stopped at a limit (size, depth, iteration count).
        case limit = "evaluation limit reached"
        /// An expression that could not be evaluated (error in the input, type mismatch).
        case invalid = "invalid expression"
    }

    public var kind: Kind
    /// What exactly: the variable, attribute or function name.
    public var detail: String

    public init(_ kind: Kind, _ detail: String = "") {
        self.kind = kind
        self.detail = detail
    }

    public var description: String { detail.isEmpty ? kind.rawValue : "\(kind.rawValue): \(detail)" }
}

/// A named deploy-time condition (CloudFormation `Conditions`), possibly negated.
public struct Condition: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var negated: Bool
    public var range: SourceRange?

    public init(_ name: String, negated: Bool = false, range: SourceRange? = nil) {
        self.name = name
        self.negated = negated
        self.range = range
    }

    public var description: String { negated ? "not \(name)" : name }
}
