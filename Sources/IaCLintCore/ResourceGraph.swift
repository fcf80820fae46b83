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
    private var index = AddressIndex()

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
        index = AddressIndex()
    }

    public mutating func merge(_ other: ResourceGraph) {
        if resources.isEmpty {
            resources = other.resources  // shares the storage: no copy of each resource
        } else {
            resources += other.resources
        }
        index = AddressIndex()
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

    /// Resources a reference can mean: the exact instance, or all instances of a base address.
    public func resolve(_ target: String, scope: String) -> [Resource] {
        index.lookup(ScopedAddress(scope: scope, address: target), in: resources).map { resources[$0] }
    }

    public func resolve(_ reference: Reference, from resource: Resource) -> [Resource] {
        resolve(reference.target, scope: resource.scope)
    }

    /// True when `target` names a resource declared with no instances in this scope.
    public func isEmptyDeclaration(_ target: String, scope: String) -> Bool {
        emptyDeclarations[ScopedAddress(scope: scope, address: target)] != nil
    }

    public func resources(ofType type: String) -> [Resource] { resources.filter { $0.type == type } }
}

/// Indices of resources by exact address and by base address (all instances), built once per
/// version of the graph; safe to build from any thread.
private final class AddressIndex: Sendable {
    /// Scope, then address: a front end adds one configuration's resources together, so the scope
    /// is looked up once per run of resources instead of hashed with every address.
    private let table = Mutex<[String: [String: [Int]]]?>(nil)

    func lookup(_ key: ScopedAddress, in resources: [Resource]) -> [Int] {
        table.withLock { table in
            if table == nil { table = AddressIndex.build(resources) }
            return table?[key.scope]?[key.address] ?? []
        }
    }

    private static func build(_ resources: [Resource]) -> [String: [String: [Int]]] {
        var out: [String: [String: [Int]]] = [:]
        var scope: String? = nil
        var current: [String: [Int]] = [:]
        for i in resources.indices {
            let resource = resources[i]
            if resource.scope != scope {
                if let scope { out[scope] = current }
                scope = resource.scope
                current = out.removeValue(forKey: resource.scope) ?? [:]
            }
            current[resource.address, default: []].append(i)
            if resource.instanceKey != nil { current[resource.baseAddress, default: []].append(i) }
        }
        if let scope { out[scope] = current }
        return out
    }
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
