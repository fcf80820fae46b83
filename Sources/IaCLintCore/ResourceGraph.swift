// The provider-neutral graph every front end produces and every rule reads.

public struct ResourceGraph: Sendable {
    public private(set) var resources: [Resource] = []
    /// Problems met while reading input: syntax errors, unreadable files, limits.
    public var diagnostics: [Diagnostic] = []
    /// Resources declared but with no instance (`count = 0`, empty `for_each`), by base address
    /// and scope, so a reference to one can be told apart from a reference to nothing.
    public var emptyDeclarations: [ScopedAddress: SourceRange] = [:]

    private var byAddress: [ScopedAddress: [Int]] = [:]

    public init() {}

    public init(resources: [Resource], diagnostics: [Diagnostic] = []) {
        self.diagnostics = diagnostics
        for r in resources { add(r) }
    }

    /// Room for `count` more resources, so a large plan does not grow the arrays step by step.
    public mutating func reserveCapacity(_ count: Int) {
        resources.reserveCapacity(resources.count + count)
        byAddress.reserveCapacity(byAddress.count + count)
    }

    public mutating func add(_ resource: Resource) {
        let index = resources.count
        resources.append(resource)
        byAddress[ScopedAddress(scope: resource.scope, address: resource.address), default: []].append(index)
        if resource.instanceKey != nil {
            let base = ScopedAddress(scope: resource.scope, address: resource.baseAddress)
            byAddress[base, default: []].append(index)
        }
    }

    public mutating func merge(_ other: ResourceGraph) {
        for r in other.resources { add(r) }
        diagnostics += other.diagnostics
        emptyDeclarations.merge(other.emptyDeclarations) { first, _ in first }
    }

    /// Resources a reference can mean: the exact instance, or all instances of a base address.
    public func resolve(_ target: String, scope: String) -> [Resource] {
        (byAddress[ScopedAddress(scope: scope, address: target)] ?? []).map { resources[$0] }
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

/// An address within one configuration scope.
public struct ScopedAddress: Hashable, Sendable {
    public var scope: String
    public var address: String

    public init(scope: String, address: String) {
        self.scope = scope
        self.address = address
    }
}
