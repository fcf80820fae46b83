// The provider-neutral graph every front end produces and every rule reads.

import Synchronization

public struct ResourceGraph: Sendable {
    public private(set) var resources: [Resource] = []
    /// Problems met while reading input: syntax errors, unreadable files, limits.
    public var diagnostics: [Diagnostic] = []
    /// Resources declared but with no instance (`count = 0`, empty `for_each`), by base address
    /// and scope, so a reference to one can be told apart from a reference to nothing.
    public var emptyDeclarations: [ScopedAddress: SourceRange] = [:]

    /// Built on the first look-up, not on every add: graphs are built in parts and merged (per root
    /// group, then plans, then templates), and hashing every address at each step cost more than
    /// the rules. A new, empty box after every change keeps copies of the graph consistent.
    private var index = GraphIndex()

    public init() {}

    public init(resources: [Resource], diagnostics: [Diagnostic] = []) {
        self.resources = resources
        self.diagnostics = diagnostics
    }

    /// Room for `count` more resources, so a large plan does not grow the array step by step.
    public mutating func reserveCapacity(_ count: Int) {
        resources.reserveCapacity(resources.count + count)
    }

    public mutating func add(_ resource: Resource) {
        resources.append(resource)
        // A new index only when the old one was built: a loader adds 320,000 resources one by one,
        // and an index object each was an allocation and a free per resource.
        if index.isBuilt { index = GraphIndex() }
    }

    public mutating func merge(_ other: ResourceGraph) {
        if resources.isEmpty {
            resources = other.resources  // shares the storage: no copy of each resource
        } else {
            resources += other.resources
        }
        index = GraphIndex()
        diagnostics += other.diagnostics
        if emptyDeclarations.isEmpty {
            emptyDeclarations = other.emptyDeclarations
        } else {
            emptyDeclarations.merge(other.emptyDeclarations) { first, _ in first }
        }
    }

    /// `Resource.dropAttributeValues` on every resource whose type `keep` rejects.
    public mutating func dropAttributeValues(keeping keep: (String) -> Bool) {
        for i in resources.indices where !keep(resources[i].type) { resources[i].dropAttributeValues() }
    }

    /// `trim` applied to every resource (a rule set's `RuleEngine.dropUnreadAttributeValues`).
    public mutating func trimAttributeValues(_ trim: (inout Resource) -> Void) {
        for i in resources.indices { trim(&resources[i]) }
    }

    /// Resources a reference can mean: the exact instance, or all instances of a base address.
    public func resolve(_ target: String, scope: String) -> [Resource] {
        index.read(resources) { $0.byAddress[scope]?[target]?.all ?? [] }.map { resources[$0] }
    }

    /// Positions in `resources` of the resources of one scope, in graph order.
    public func indices(inScope scope: String) -> [Int] {
        index.read(resources) { $0.byScope[scope] ?? [] }
    }

    /// The resources of any of `types`, in graph order.
    public func resources(ofTypes types: Set<String>) -> [Resource] {
        let positions = index.read(resources) { tables in types.flatMap { tables.byType[$0] ?? [] } }
        return positions.sorted().map { resources[$0] }
    }

    public func resolve(_ reference: Reference, from resource: Resource) -> [Resource] {
        resolve(reference.target, scope: resource.scope)
    }

    /// True when `target` names a resource declared with no instances in this scope.
    public func isEmptyDeclaration(_ target: String, scope: String) -> Bool {
        emptyDeclarations[ScopedAddress(scope: scope, address: target)] != nil
    }

    public func resources(ofType type: String) -> [Resource] { resources(ofTypes: [type]) }
}

/// Indices of resources by scope and address (exact and base address), by scope alone and by type,
/// built in one pass on the first look-up of each version of the graph; safe from any thread. One
/// pass matters on a large graph: each resource's fields sit in their own box, and touching
/// hundreds of thousands of them once per question cost more than the questions.
private final class GraphIndex: Sendable {
    struct Tables {
        /// Scope, then address: a front end adds one configuration's resources together, so the
        /// scope is looked up once per run of resources instead of hashed with every address.
        var byAddress: [String: [String: Positions]] = [:]
        var byScope: [String: [Int]] = [:]
        var byType: [String: [Int]] = [:]
    }

    private let tables = Mutex<Tables?>(nil)

    var isBuilt: Bool { tables.withLock { $0 != nil } }

    func read<T>(_ resources: [Resource], _ body: (borrowing Tables) -> T) -> T {
        tables.withLock { tables in
            if tables == nil { tables = GraphIndex.build(resources) }
            return body(tables ?? Tables())
        }
    }

    private static func build(_ resources: [Resource]) -> Tables {
        var out = Tables()
        var scope: String? = nil
        var addresses: [String: Positions] = [:]
        var members: [Int] = []
        var type: String? = nil
        var ofType: [Int] = []
        func closeScope() {
            guard let scope else { return }
            out.byAddress[scope] = addresses
            out.byScope[scope, default: []] += members
        }
        for i in resources.indices {
            let resource = resources[i]
            if resource.scope != scope {
                closeScope()
                scope = resource.scope
                addresses = out.byAddress.removeValue(forKey: resource.scope) ?? [:]
                members = []
            }
            addresses[resource.address, default: Positions()].append(i)
            if resource.instanceKey != nil { addresses[resource.baseAddress, default: Positions()].append(i) }
            members.append(i)
            if resource.type != type {
                if let type { out.byType[type, default: []] += ofType }
                type = resource.type
                ofType = []
            }
            ofType.append(i)
        }
        closeScope()
        if let type { out.byType[type, default: []] += ofType }
        return out
    }
}

/// The positions one address names: nearly always one, held without an array (an array per
/// address was 48 bytes and an allocation for each of the hundreds of thousands of resources).
private struct Positions {
    private var first = -1
    private var rest: [Int] = []

    mutating func append(_ position: Int) {
        if first < 0 { first = position } else { rest.append(position) }
    }

    var all: [Int] { first < 0 ? [] : [first] + rest }
}

/// An address within one configuration scope.
public struct ScopedAddress: Hashable, Sendable {
    public var scope: String
    public var address: String

    public init(scope: String, address: String) {
        self.scope = scope
        self.address = address
    }
}
