// One managed resource or data source, whatever language declared it.

public struct Resource: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable { case managed, data }

    /// Which front end produced the resource; rules read it only to phrase the fix.
    public enum Origin: String, Hashable, Sendable {
        case terraform, terraformPlan, cloudFormation, sam
    }

    /// All fields live in one copy-on-write box: the pipeline and the rules copy resources often
    /// (graphs merged, stages holding their resource), and a copy of the twelve fields retained each
    /// of them; now a copy is one retain.
    /// Field order is layout: the 1-byte fields last, after the 29-byte range, and the rare fields
    /// (instance key, base address, condition, metadata) boxed, so the box is 168 bytes, a 176-byte
    /// heap block instead of 224: 15 MB less for the 320,000 resources of a 100 MB scan.
    /// `@usableFromInline` so the field getters below can be inlined into the other modules: called
    /// through the module boundary, each read retained the box and the field (the type and scope
    /// strings are shared by thousands of resources, so two cores reading them fought over one
    /// reference count).
    @usableFromInline final class Storage: @unchecked Sendable {  // mutated only when uniquely referenced
        // Constants for the fields set once in practice: reading a class's `var` costs a dynamic
        // exclusivity check (the rules read `scope` and `type` of every resource, several times).
        // Setting one of them replaces the box (`copy`).
        @usableFromInline let address: String
        @usableFromInline let type: String
        @usableFromInline let scope: String
        @usableFromInline var attributes: Value
        @usableFromInline var dependsOn: [Reference]
        @usableFromInline var moduleCalls: [RelatedLocation]
        /// A constant like `address`: the suppressions and rules read it (for the base address,
        /// metadata and instance key) of every resource, and only tests change it.
        @usableFromInline let rare: Rare?
        // Spelled `Optional<…>`, not `…?`: a `var` written `T?` starts as nil, so the initialiser's
        // store was an assignment with a runtime exclusivity check (4 M instructions on the 10 MB
        // synthetic repository with `rare`); without a default it is initialisation.
        @usableFromInline var range: Optional<SourceRange>
        // Last, in the tail padding of `range`: placed after `scope` they added a word to every box
        // (5 MB on the 100 MB synthetic repository).
        @usableFromInline let mode: Mode
        @usableFromInline let origin: Origin

        init(address: String, type: String, mode: Mode, origin: Origin, scope: String, range: SourceRange?,
             attributes: Value, dependsOn: [Reference], moduleCalls: [RelatedLocation], rare: Rare?) {
            self.address = address
            self.type = type
            self.scope = scope
            self.attributes = attributes
            self.dependsOn = dependsOn
            self.moduleCalls = moduleCalls
            self.rare = rare
            self.range = range
            self.mode = mode
            self.origin = origin
        }

        func copy(address: String? = nil, type: String? = nil, mode: Mode? = nil, origin: Origin? = nil,
                  scope: String? = nil) -> Storage {
            Storage(address: address ?? self.address, type: type ?? self.type, mode: mode ?? self.mode,
                    origin: origin ?? self.origin, scope: scope ?? self.scope, range: range,
                    attributes: attributes, dependsOn: dependsOn, moduleCalls: moduleCalls, rare: rare)
        }

        /// A copy with other rare fields (and, when given, another address).
        func copy(address: String? = nil, rare: Rare?) -> Storage {
            Storage(address: address ?? self.address, type: type, mode: mode, origin: origin, scope: scope, range: range,
                    attributes: attributes, dependsOn: dependsOn, moduleCalls: moduleCalls, rare: rare)
        }
    }

    /// What few resources have: an instance key (and with it a base address that differs from the
    /// address), a condition or metadata. Immutable: replaced, never changed, so copies of `Storage`
    /// can share it. nil for the usual resource.
    @usableFromInline final class Rare: Sendable {
        @usableFromInline let instanceKey: String?
        /// The address without `[key]`; nil when that is the address itself.
        @usableFromInline let baseAddress: String?
        @usableFromInline let extras: Extras?

        private init(instanceKey: String?, baseAddress: String?, extras: Extras?) {
            self.instanceKey = instanceKey
            self.baseAddress = baseAddress
            self.extras = extras
        }

        static func make(address: String, instanceKey: String?, extras: Extras?, knownBase: String? = nil) -> Rare? {
            guard instanceKey != nil || extras != nil else { return nil }
            return Rare(instanceKey: instanceKey, baseAddress: base(of: address, instanceKey: instanceKey, knownBase: knownBase),
                        extras: extras)
        }

        /// The base address when it differs from `address` (an instance key written as a `[key]` suffix);
        /// `knownBase` when it has the same bytes, so the instances of one declaration share it.
        /// Finds the brackets on the UTF-8 view: `hasSuffix` and `lastIndex(of:)` over `Character`s
        /// made this about 1,500 instructions an instance (7.4 M on tf-real). A bracket in an address
        /// is followed by a quote, a digit or nothing, so it is a `Character` of its own and the
        /// bytes find the same places.
        static func base(of address: String, instanceKey: String?, knownBase: String? = nil) -> String? {
            guard instanceKey != nil, address.utf8.last == UInt8(ascii: "]"),
                  let open = address.utf8.lastIndex(of: UInt8(ascii: "[")) else { return nil }
            var base = address[..<open]
            if var known = knownBase, known.utf8.count == base.utf8.count {
                // Bytes, not `==` (which holds for canonically equivalent text with other bytes).
                // Compared eight bytes at a time: `elementsEqual` went byte by byte through the
                // generic sequence comparison (about 1,400 instructions an address).
                let same = known.withUTF8 { k in base.withUTF8 { b in RawBytes.equal(UnsafeRawBufferPointer(k), UnsafeRawBufferPointer(b)) } }
                if same { return known }
            }
            return String(base)
        }
    }

    /// `condition` and `metadata` (CloudFormation only, and rare there).
    @usableFromInline final class Extras: Sendable {
        let condition: Condition?
        @usableFromInline let metadata: Value?
        private init(condition: Condition?, metadata: Value?) {
            self.condition = condition
            self.metadata = metadata
        }
        static func make(condition: Condition?, metadata: Value?) -> Extras? {
            condition == nil && metadata == nil ? nil : Extras(condition: condition, metadata: metadata)
        }
    }

    @usableFromInline var storage: Storage

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// Full address: `module.api.aws_api_gateway_stage.this["prod"]`, `data.aws_iam_policy_document.p`,
    /// or a CloudFormation logical id (`ServerlessRestApi` for SAM's implicit API).
    public var address: String {
        @inlinable _read { yield storage.address }
        set {
            storage = storage.copy(address: newValue,
                                   rare: Rare.make(address: newValue, instanceKey: storage.rare?.instanceKey, extras: storage.rare?.extras))
        }
    }
    /// `aws_api_gateway_stage`, `AWS::ApiGateway::Stage`, `AWS::Serverless::Api`…
    public var type: String {
        @inlinable _read { yield storage.type }
        set { storage = storage.copy(type: newValue) }
    }
    public var mode: Mode {
        @inlinable _read { yield storage.mode }
        set { storage = storage.copy(mode: newValue) }
    }
    public var origin: Origin {
        @inlinable _read { yield storage.origin }
        set { storage = storage.copy(origin: newValue) }
    }
    /// The configuration the resource belongs to: references resolve only within one scope.
    /// A Terraform root module's directory, or a template's path.
    public var scope: String {
        @inlinable _read { yield storage.scope }
        set { storage = storage.copy(scope: newValue) }
    }
    /// The instance key for `count`/`for_each` instances (`0`, `"prod"`), as written in the address.
    public var instanceKey: String? {
        @inlinable get { storage.rare?.instanceKey }
        set { storage = storage.copy(rare: Rare.make(address: storage.address, instanceKey: newValue, extras: storage.rare?.extras)) }
    }
    /// The declaration's header (`resource "aws_api_gateway_stage" "this"`, the logical id key):
    /// where "something is missing" findings point.
    public var range: SourceRange? {
        @inlinable _read { yield storage.range }
        _modify { yield &unique().range }
    }
    /// Arguments and nested blocks. Terraform nested blocks appear as lists of objects, as in
    /// `terraform show -json`; CloudFormation properties as written in the template.
    public var attributes: Value {
        @inlinable _read { yield storage.attributes }
        _modify { yield &unique().attributes }
    }
    /// `depends_on` / `DependsOn` edges.
    public var dependsOn: [Reference] {
        @inlinable _read { yield storage.dependsOn }
        _modify { yield &unique().dependsOn }
    }
    /// A CloudFormation `Condition` on the whole resource: it exists only when the condition holds.
    public var condition: Condition? {
        get { storage.rare?.extras?.condition }
        set {
            let extras = Extras.make(condition: newValue, metadata: storage.rare?.extras?.metadata)
            storage = storage.copy(rare: Rare.make(address: storage.address, instanceKey: storage.rare?.instanceKey, extras: extras))
        }
    }
    /// The `module` blocks that instantiate this resource, outermost first, so a finding inside a
    /// module can name the line the user must change in the caller.
    public var moduleCalls: [RelatedLocation] {
        @inlinable _read { yield storage.moduleCalls }
        _modify { yield &unique().moduleCalls }
    }
    /// Free-form metadata (CloudFormation `Metadata`, used for `iaclint` suppressions).
    public var metadata: Value? {
        @inlinable get { storage.rare?.extras?.metadata }
        set {
            let extras = Extras.make(condition: storage.rare?.extras?.condition, metadata: newValue)
            storage = storage.copy(rare: Rare.make(address: storage.address, instanceKey: storage.rare?.instanceKey, extras: extras))
        }
    }

    /// `knownBaseAddress`: the base address when the caller has it at hand (a front end building the
    /// instances of one declaration); used only when it is exactly `address` without its `[key]`, so
    /// the instances share it instead of each holding a copy.
    public init(address: String, type: String, mode: Mode = .managed, origin: Origin, scope: String,
                instanceKey: String? = nil, range: SourceRange?, attributes: Value = .object([]),
                dependsOn: [Reference] = [], condition: Condition? = nil,
                moduleCalls: [RelatedLocation] = [], metadata: Value? = nil, knownBaseAddress: String? = nil) {
        // The usual resource has none of the rare fields: tested here, where the optionals are at
        // hand, `Extras.make` and `Rare.make` are not called with copies of them (about 260
        // instructions a resource).
        let rare: Rare?
        if instanceKey == nil, condition == nil, metadata == nil {
            rare = nil
        } else {
            rare = Rare.make(address: address, instanceKey: instanceKey, extras: Extras.make(condition: condition, metadata: metadata),
                             knownBase: knownBaseAddress)
        }
        storage = Storage(address: address, type: ResourceTypeNames.shared(type), mode: mode, origin: origin, scope: scope,
                          range: range, attributes: attributes, dependsOn: dependsOn, moduleCalls: moduleCalls, rare: rare)
    }

    /// The address without its instance key: what references without an index resolve to.
    @inlinable public var baseAddress: String { storage.rare?.baseAddress ?? storage.address }

    public static func == (lhs: Resource, rhs: Resource) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let l = lhs.storage, r = rhs.storage
        return l.address == r.address && l.type == r.type && l.mode == r.mode && l.origin == r.origin && l.scope == r.scope
            && l.rare?.instanceKey == r.rare?.instanceKey && l.range == r.range && l.attributes == r.attributes
            && l.dependsOn == r.dependsOn && l.rare?.extras?.condition == r.rare?.extras?.condition
            && l.moduleCalls == r.moduleCalls && l.rare?.extras?.metadata == r.rare?.extras?.metadata
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.address)
        hasher.combine(storage.scope)
        hasher.combine(storage.type)
        hasher.combine(storage.range)
    }

    public subscript(attribute: String) -> Value? { attributes[attribute] }

    /// Drops the attribute values but keeps their edges, one per target, attribute and kind: for
    /// resources whose values no rule reads (most of a large repository), `allReferences` still
    /// names everything the resource pointed at, and the values' memory is freed.
    /// `sharing` gives the copy of a target address to keep (a front end's table of the addresses of
    /// one configuration), so equal targets share one buffer instead of each holding its own.
    public mutating func dropAttributeValues(sharing shared: ((String) -> String)? = nil) {
        let attributes = self.attributes
        if let entries = attributes.objectEntries, entries.isEmpty { return }  // nothing to drop
        var references = Resource.distinct(attributes.allReferences)
        if let shared { for i in references.indices { references[i].target = shared(references[i].target) } }
        self.attributes = Value(Resource.emptyObject, range: attributes.range, references: references)
    }

    /// Drops the values of the top-level attributes `unread` names, keeping their edges as
    /// `dropAttributeValues` does: for resources of which the rules read only part.
    public mutating func dropAttributeValues(where unread: (String) -> Bool) {
        let attributes = self.attributes
        guard let entries = attributes.objectEntries else { return }
        // Keys tested in place, through the buffer: `for entry in entries` copied every entry (its
        // key, kind and metadata retained and released), and so did `contains(where:)`.
        let firstUnread: Int? = entries.withUnsafeBufferPointer { buffer in
            for i in buffer.indices where unread(buffer[i].key) { return i }
            return nil
        }
        guard let firstUnread else { return }
        var keptEntries: [ObjectEntry] = []
        var dropped: [Reference] = attributes.references
        entries.withUnsafeBufferPointer { buffer in
            keptEntries.reserveCapacity(buffer.count - 1)
            for i in buffer.indices {
                if i == firstUnread || (i > firstUnread && unread(buffer[i].key)) {
                    dropped += buffer[i].value.allReferences
                } else {
                    keptEntries.append(buffer[i])
                }
            }
        }
        self.attributes = Value(.object(keptEntries), range: attributes.range, references: Resource.distinct(dropped))
    }

    /// The first of the references with the same target, attribute and kind: what remains of a
    /// value nobody reads is what it points at (an integration names its API in five attributes).
    private static func distinct(_ references: [Reference]) -> [Reference] {
        guard references.count > 1 else { return references }
        // A dropped resource has one or two edges as a rule: comparing them costs less than a set.
        if references.count <= 8 {
            var out: [Reference] = []
            out.reserveCapacity(references.count)
            for r in references where !out.contains(where: { $0.target == r.target && $0.attribute == r.attribute && $0.kind == r.kind }) {
                out.append(r)
            }
            return out.count == references.count ? references : out
        }
        struct Key: Hashable { var target: String, attribute: String?, kind: Reference.Kind }
        var seen = Set<Key>(minimumCapacity: references.count)
        let out = references.filter { seen.insert(Key(target: $0.target, attribute: $0.attribute, kind: $0.kind)).inserted }
        return out.count == references.count ? references : out
    }

    /// One shared box for the empty object every dropped resource holds.
    private static let emptyObject = Value.Kind.object([])

    /// Every edge out of this resource: references in its values, then `depends_on`.
    public var allReferences: [Reference] { attributes.allReferences + dependsOn }
}
