// The look-ups the logging model makes in a graph (resources by type, by scope, by address within a
// scope), with the same answers as `ResourceGraph`'s own index but built on every core and per scope.

import IaCLintCore
import Synchronization

/// `ResourceGraph` builds one index of every address on one thread the first time it is asked, which
/// on a large repository was most of the rules' wall time. Here one pass on every core notes where each
/// scope's runs of resources lie and where each type is; a scope's address table is built the first
/// time that scope is asked about, by the thread that asks (stages are read on every core), and never
/// for scopes the rules do not look into. The first few questions about a scope are answered by reading
/// its resources in order instead: most scopes are asked about a handful of times, and comparing a
/// hundred addresses costs less than hashing them into a table.
final class ResourceLookup: Sendable {
    let graph: ResourceGraph
    /// Positions of the resources of each scope, as runs in graph order.
    private let scopeRuns: [String: [Range<Int>]]
    /// Positions of the resources of each type, in graph order.
    private let typePositions: [String: [Int]]
    /// Per scope: how often it was asked about, then its address table (exact address, and base
    /// address for instances, to positions).
    private let scopeStates = Mutex<[String: ScopeState]>([:])
    private enum ScopeState: Sendable {
        case listed(questions: Int, ScopeAddresses)
        case indexed(AddressTable)
    }
    /// Questions about one scope answered by a scan of its listed addresses before its table is built.
    private static let scansPerScope = 16
    /// Scopes larger than this are indexed at the first question: scanning thousands of addresses
    /// sixteen times costs more than hashing them once.
    private static let largestScannedScope = 256

    init(graph: ResourceGraph) {
        self.graph = graph
        let resources = graph.resources
        // Chunks rather than one task per resource: each chunk's runs are merged in order afterwards.
        let chunkCount = resources.count < 4096 ? 1 : Concurrency.processorCount * 4
        let size = (resources.count + chunkCount - 1) / max(1, chunkCount)
        let chunks = (0..<chunkCount).map { c in (c * size)..<min(resources.count, (c + 1) * size) }.filter { !$0.isEmpty }
        let parts = chunks.parallelMap { range in ChunkRuns(resources, range) }
        var scopes: [String: [Range<Int>]] = [:]
        var types: [String: [Int]] = [:]
        var openScope: (name: String, range: Range<Int>)?
        for part in parts {
            for run in part.scopes {
                if let open = openScope, open.name == run.name, open.range.upperBound == run.range.lowerBound {
                    openScope = (open.name, open.range.lowerBound..<run.range.upperBound)
                    continue
                }
                if let open = openScope { scopes[open.name, default: []].append(open.range) }
                openScope = run
            }
            for run in part.types { types[run.name, default: []].append(contentsOf: run.range) }
        }
        if let open = openScope { scopes[open.name, default: []].append(open.range) }
        scopeRuns = scopes
        typePositions = types
    }

    /// Runs of one scope and of one type within a slice of the graph, found by comparing each
    /// resource with the previous one (no hashing per resource).
    private struct ChunkRuns: Sendable {
        var scopes: [(name: String, range: Range<Int>)] = []
        var types: [(name: String, range: Range<Int>)] = []

        init(_ resources: [Resource], _ range: Range<Int>) {
            var scope: String?, scopeStart = range.lowerBound
            var type: String?, typeStart = range.lowerBound
            for i in range {
                let resource = resources[i]
                if resource.scope != scope {
                    if let scope { scopes.append((scope, scopeStart..<i)) }
                    scope = resource.scope
                    scopeStart = i
                }
                if resource.type != type {
                    if let type { types.append((type, typeStart..<i)) }
                    type = resource.type
                    typeStart = i
                }
            }
            if let scope { scopes.append((scope, scopeStart..<range.upperBound)) }
            if let type { types.append((type, typeStart..<range.upperBound)) }
        }
    }

    /// Like `ResourceGraph.resolve(_:scope:)`: the exact instance, or all instances of a base address.
    func resolve(_ target: String, scope: String) -> [Resource] {
        positions(of: target, inScope: scope).map { graph.resources[$0] }
    }

    /// What the scope's address table says for `target`: positions in graph order, a position twice
    /// when both its address and its base address are `target` (an instance whose address has no
    /// `[key]` suffix), as `ResourceGraph`'s index says.
    private func positions(of target: String, inScope scope: String) -> [Int] {
        let known = scopeStates.withLock { states -> ScopeState? in
            guard let state = states[scope] else { return nil }
            if case .listed(let n, let listing) = state, n < Self.scansPerScope { states[scope] = .listed(questions: n + 1, listing) }
            return state
        }
        switch known {
        case .indexed(let table)?:
            return table.positions(of: target)
        case .listed(let n, let listing)? where n >= Self.scansPerScope:
            return index(scope, listing).positions(of: target)
        case .listed(_, let listing)?:
            return listing.positions(of: target)
        case nil:
            // Listed outside the lock; a thread that listed the scope first keeps its listing.
            let listing = ScopeAddresses(graph.resources, scopeRuns[scope] ?? [])
            if listing.positions.count > Self.largestScannedScope { return index(scope, listing).positions(of: target) }
            scopeStates.withLock { states in
                if case .listed(let n, let first)? = states[scope] {
                    states[scope] = .listed(questions: n + 1, first)
                } else if states[scope] == nil {
                    states[scope] = .listed(questions: 1, listing)
                }
            }
            return listing.positions(of: target)
        }
    }

    /// Like `ResourceGraph.indices(inScope:)`: positions of the scope's resources, in graph order.
    func indices(inScope scope: String) -> [Int] {
        (scopeRuns[scope] ?? []).flatMap { $0 }
    }

    /// Like `ResourceGraph.resources(ofTypes:)`: the resources of any of `types`, in graph order.
    func resources(ofTypes types: Set<String>) -> [Resource] {
        types.flatMap { typePositions[$0] ?? [] }.sorted().map { graph.resources[$0] }
    }

    func resources(ofType type: String) -> [Resource] { resources(ofTypes: [type]) }

    /// The scope's address table, built from its listing outside the lock (two threads may both build
    /// it; the first stored is kept).
    private func index(_ scope: String, _ listing: ScopeAddresses) -> AddressTable {
        var table = AddressTable(capacity: listing.positions.count)
        for k in listing.positions.indices {
            table.add(listing.addresses[k], listing.positions[k])
            if let base = listing.bases[k] { table.add(base, listing.positions[k]) }
        }
        return scopeStates.withLock { states in
            if case .indexed(let first)? = states[scope] { return first }
            states[scope] = .indexed(table)
            return table
        }
    }
}

/// A scope's addresses copied out of its resources once, in graph order: a scan compares these
/// instead of calling two accessors (and retaining) per resource each time.
private struct ScopeAddresses: Sendable {
    var positions: [Int] = []
    var addresses: [String] = []
    /// The base address of an instance (its address without `[key]`), nil for other resources.
    var bases: [String?] = []

    init(_ resources: [Resource], _ runs: [Range<Int>]) {
        let count = runs.reduce(0) { $0 + $1.count }
        positions.reserveCapacity(count)
        addresses.reserveCapacity(count)
        bases.reserveCapacity(count)
        for run in runs {
            for i in run {
                let resource = resources[i]
                positions.append(i)
                addresses.append(resource.address)
                bases.append(resource.instanceKey != nil ? resource.baseAddress : nil)
            }
        }
    }

    /// The positions an address table would give for `target`: a position twice when its address and
    /// base address are both `target`.
    func positions(of target: String) -> [Int] {
        var out: [Int] = []
        for k in positions.indices {
            if addresses[k] == target { out.append(positions[k]) }
            if let base = bases[k], base == target { out.append(positions[k]) }
        }
        return out
    }
}

/// One scope's addresses and their positions in graph order. Most addresses name one resource, so
/// that position is stored in the entry itself and only addresses with several (the instances under a
/// base address) get an array: one allocation fewer per resource.
private struct AddressTable: Sendable {
    /// At least 0: the only position; below 0: `-1 - i` for `several[i]`.
    private var entries: [String: Int]
    private var several: [[Int]] = []

    init(capacity: Int) { entries = Dictionary(minimumCapacity: capacity) }

    mutating func add(_ address: String, _ position: Int) {
        // One hash for a new address (the usual case); a repeated one puts its old entry back below.
        guard let entry = entries.updateValue(position, forKey: address) else { return }
        if entry >= 0 {
            entries[address] = -1 - several.count
            several.append([entry, position])
        } else {
            entries[address] = entry
            several[-1 - entry].append(position)
        }
    }

    func positions(of address: String) -> [Int] {
        guard let entry = entries[address] else { return [] }
        return entry >= 0 ? [entry] : several[-1 - entry]
    }
}
