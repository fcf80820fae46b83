// The look-ups the logging model makes in a graph (resources by type, by scope, by address within a
// scope), with the same answers as `ResourceGraph`'s own index but built on every core and per scope.

import IaCLintCore
import Synchronization

/// `ResourceGraph` builds one index of every address on one thread the first time it is asked, which
/// on a large repository was most of the rules' wall time. Here one pass on every core notes where each
/// scope's runs of resources lie and where the resources of the types the model lists are; a scope's
/// address table is built the first time that scope is asked about, by the thread that asks (stages are
/// read on every core), and never for scopes the rules do not look into. Tables hash addresses with
/// `ASCIIHash` rather than `String`'s SipHash: on the 10 MB repository the look-ups cost 55 M
/// instructions with sixteen linear scans per scope before a `Dictionary`, and a few million now.
final class ResourceLookup: Sendable {
    let graph: ResourceGraph
    /// Scope names by scope number, and the runs of each scope's resources in graph order.
    private let scopeNames: [String]
    private let scopeRuns: [[Range<Int>]]
    /// Scope name to number: `scopeTable` for ASCII names when every name is ASCII, else `scopeNumbers`.
    private let scopeNumbers: [String: Int]
    private let scopeTable: ASCIITable?
    /// Positions of the resources of each listed type, in graph order.
    private let typePositions: [String: [Int]]
    private let listedTypes: Set<String>
    /// Per scope number: its address table, once built.
    private let tables: Mutex<[ScopeTable?]>

    /// `types`: the types `resources(ofTypes:)` will be asked for; only their positions are noted
    /// (noting every type hashed a name per run of one type, 28,000 runs on the 10 MB repository).
    init(graph: ResourceGraph, types: Set<String>) {
        self.graph = graph
        listedTypes = types
        let resources = graph.resources
        // Chunks rather than one task per resource: each chunk's runs are merged in order afterwards.
        let chunkCount = resources.count < 4096 ? 1 : Concurrency.processorCount * 4
        let size = (resources.count + chunkCount - 1) / max(1, chunkCount)
        let chunks = (0..<chunkCount).map { c in (c * size)..<min(resources.count, (c + 1) * size) }.filter { !$0.isEmpty }
        let filter = TypeFilter(types)
        let parts = chunks.parallelMap { range in ChunkRuns(resources, range, listing: types, filter: filter) }
        var numbers: [String: Int] = [:]
        var names: [String] = []
        var runs: [[Range<Int>]] = []
        var types: [String: [Int]] = [:]
        var openScope: (name: String, range: Range<Int>)?
        func close(_ open: (name: String, range: Range<Int>)) {
            if let number = numbers[open.name] {
                runs[number].append(open.range)
            } else {
                numbers[open.name] = names.count
                names.append(open.name)
                runs.append([open.range])
            }
        }
        for part in parts {
            for run in part.scopes {
                if let open = openScope, open.name == run.name, open.range.upperBound == run.range.lowerBound {
                    openScope = (open.name, open.range.lowerBound..<run.range.upperBound)
                    continue
                }
                if let open = openScope { close(open) }
                openScope = run
            }
            for (type, position) in part.typed { types[type, default: []].append(position) }
        }
        if let open = openScope { close(open) }
        scopeNames = names
        scopeRuns = runs
        scopeNumbers = numbers
        var table: ASCIITable? = ASCIITable(capacity: names.count)
        for name in names {
            guard let hash = ASCIIHash.of(name) else { table = nil; break }
            _ = table?.insert(name, hash: hash)
        }
        scopeTable = table
        typePositions = types
        tables = Mutex([ScopeTable?](repeating: nil, count: names.count))
    }

    /// A filter on the listed types by length and last byte: a resource whose type fails it is not of
    /// a listed type, which spares hashing its name (most resources are of other types).
    private struct TypeFilter: Sendable {
        private var bits: UInt64 = 0

        init(_ types: Set<String>) {
            for type in types { bits |= 1 << TypeFilter.bit(type) }
        }

        private static func bit(_ type: String) -> UInt64 {
            UInt64(truncatingIfNeeded: type.utf8.count &* 8 &+ Int(type.utf8.last ?? 0)) & 63
        }

        func mayMatch(_ type: String) -> Bool { bits & (1 << TypeFilter.bit(type)) != 0 }
    }

    /// Runs of one scope within a slice of the graph, found by comparing each resource's scope with
    /// the previous one's (no hashing per resource), and the positions of resources of listed types.
    private struct ChunkRuns: Sendable {
        var scopes: [(name: String, range: Range<Int>)] = []
        var typed: [(type: String, position: Int)] = []

        init(_ resources: [Resource], _ range: Range<Int>, listing listed: Set<String>, filter: TypeFilter) {
            var scope: String?, scopeStart = range.lowerBound
            for i in range {
                let resource = resources[i]
                if resource.scope != scope {
                    if let scope { scopes.append((scope, scopeStart..<i)) }
                    scope = resource.scope
                    scopeStart = i
                }
                let type = resource.type
                if filter.mayMatch(type), listed.contains(type) { typed.append((type, i)) }
            }
            if let scope { scopes.append((scope, scopeStart..<range.upperBound)) }
        }
    }

    /// Like `ResourceGraph.resolve(_:scope:)`: the exact instance, or all instances of a base address.
    func resolve(_ target: String, scope: String) -> [Resource] {
        positions(of: target, inScope: scope).map { graph.resources[$0] }
    }

    /// The number of a scope, or nil when no resource has it.
    private func scopeNumber(_ scope: String) -> Int? {
        if let scopeTable, let hash = ASCIIHash.of(scope) { return scopeTable.find(scope, hash: hash) }
        return scopeNumbers[scope]
    }

    /// What the scope's address table says for `target`: positions in graph order, a position twice
    /// when both its address and its base address are `target` (an instance whose address has no
    /// `[key]` suffix), as `ResourceGraph`'s index says.
    private func positions(of target: String, inScope scope: String) -> [Int] {
        guard let number = scopeNumber(scope) else { return [] }
        let resources = graph.resources
        if let table = tables.withLock({ $0[number] }) { return table.positions(of: target, resources) }
        // Built outside the lock; a thread that stored the scope's table first keeps it.
        let built = ScopeTable(resources, scopeRuns[number])
        let table = tables.withLock { tables in
            if let first = tables[number] { return first }
            tables[number] = built
            return built
        }
        return table.positions(of: target, resources)
    }

    /// Like `ResourceGraph.indices(inScope:)`: positions of the scope's resources, in graph order.
    func indices(inScope scope: String) -> [Int] {
        guard let number = scopeNumber(scope) else { return [] }
        return scopeRuns[number].flatMap { $0 }
    }

    /// Like `ResourceGraph.resources(ofTypes:)`: the resources of any of `types`, in graph order.
    func resources(ofTypes types: Set<String>) -> [Resource] {
        // A type the lookup was not told to list is found by a pass over the graph.
        guard types.isSubset(of: listedTypes) else { return graph.resources(ofTypes: types) }
        return types.flatMap { typePositions[$0] ?? [] }.sorted().map { graph.resources[$0] }
    }

    func resources(ofType type: String) -> [Resource] { resources(ofTypes: [type]) }
}

/// One scope's addresses hashed by `ASCIIHash` to the positions each names, in graph order. The table
/// holds no strings: an entry is the position of the first resource with the address (or base address)
/// and the key is read back from that resource to confirm a match, so a table costs about 30 bytes an
/// address (the listing of addresses it replaces was 40). A scope with a non-ASCII address, or a
/// non-ASCII question, is answered by comparing every address with `==` instead, so the answers are
/// those of `String` equality.
private struct ScopeTable: Sendable {
    private let runs: [Range<Int>]
    /// Entry number + 1 per slot, 0 for an empty slot; a power of two at least twice the entries.
    private var slots: [Int32]
    /// Per entry: 32 bits of its key's hash, the first position naming it, whether the key is
    /// that resource's base address rather than its address, and where its further positions are in
    /// `several` (-1 for a key naming one resource, nearly every key).
    private var hashes: [UInt32] = []
    private var first: [Int32] = []
    private var isBase: [Bool] = []
    private var furtherAt: [Int32] = []
    private var several: [[Int]] = []
    private var allASCII = true

    init(_ resources: [Resource], _ runs: [Range<Int>]) {
        self.runs = runs
        let count = runs.reduce(0) { $0 + $1.count }
        var size = 8
        while size < count * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        hashes.reserveCapacity(count)
        first.reserveCapacity(count)
        isBase.reserveCapacity(count)
        furtherAt.reserveCapacity(count)
        scan: for run in runs {
            for i in run {
                let resource = resources[i]
                guard add(resource.address, base: false, i, resources) else { allASCII = false; break scan }
                if resource.instanceKey != nil {
                    guard add(resource.baseAddress, base: true, i, resources) else { allASCII = false; break scan }
                }
            }
        }
        if !allASCII {
            slots = []
            hashes = []
            first = []
            isBase = []
            furtherAt = []
            several = []
        }
    }

    /// The key of an entry, read back from its first resource.
    private func key(_ entry: Int, _ resources: [Resource]) -> String {
        let resource = resources[Int(first[entry])]
        return isBase[entry] ? resource.baseAddress : resource.address
    }

    /// The entry for `target` with hash `hash`, or the empty slot where it would go.
    private func probe(_ target: String, _ hash: UInt64, _ resources: [Resource]) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        let high = ScopeTable.fold(hash)
        var slot = Int(high) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return (nil, slot) }
            if hashes[entry] == high, ASCIIHash.sameBytes(key(entry, resources), target) { return (entry, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// False when `address` is not ASCII.
    private mutating func add(_ address: String, base: Bool, _ position: Int, _ resources: [Resource]) -> Bool {
        guard let hash = ASCIIHash.of(address) else { return false }
        if (hashes.count + 1) * 2 > slots.count { grow() }
        let (found, slot) = probe(address, hash, resources)
        guard let entry = found else {
            slots[slot] = Int32(truncatingIfNeeded: hashes.count + 1)
            hashes.append(ScopeTable.fold(hash))
            first.append(Int32(truncatingIfNeeded: position))
            isBase.append(base)
            furtherAt.append(-1)
            return true
        }
        if furtherAt[entry] < 0 {
            furtherAt[entry] = Int32(truncatingIfNeeded: several.count)
            several.append([position])
        } else {
            several[Int(furtherAt[entry])].append(position)
        }
        return true
    }

    /// Instances add their base addresses as further keys: twice the slots when they fill half.
    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for k in hashes.indices {
            var slot = Int(hashes[k]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(truncatingIfNeeded: k + 1)
        }
        slots = bigger
    }

    /// The 32 bits of a hash kept per entry; they also give the entry's home slot.
    private static func fold(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: hash >> 32) ^ UInt32(truncatingIfNeeded: hash)
    }

    /// The positions an address table gives for `target`: a position twice when its address and
    /// base address are both `target`.
    func positions(of target: String, _ resources: [Resource]) -> [Int] {
        if allASCII, let hash = ASCIIHash.of(target) {
            guard let entry = probe(target, hash, resources).entry else { return [] }
            let at = Int(furtherAt[entry])
            return at < 0 ? [Int(first[entry])] : [Int(first[entry])] + several[at]
        }
        var out: [Int] = []
        for run in runs {
            for i in run {
                let resource = resources[i]
                if resource.address == target { out.append(i) }
                if resource.instanceKey != nil, resource.baseAddress == target { out.append(i) }
            }
        }
        return out
    }
}

/// An open-addressing set of distinct ASCII strings, each with its number (order of insertion),
/// probed by `ASCIIHash` and compared by bytes.
struct ASCIITable: Sendable {
    private var keys: [String] = []
    private var hashes: [UInt64] = []
    /// Key number + 1 per slot, 0 for an empty slot; a power of two at least twice the keys.
    private var slots: [Int32]

    init(capacity: Int) {
        var size = 8
        while size < capacity * 2 { size *= 2 }
        slots = [Int32](repeating: 0, count: size)
        keys.reserveCapacity(capacity)
        hashes.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    func find(_ key: String, hash: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { return nil }
            if hashes[entry - 1] == hash, ASCIIHash.sameBytes(keys[entry - 1], key) { return entry - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The key's number, and whether it was new.
    mutating func insert(_ key: String, hash: UInt64) -> (Int, Bool) {
        if (keys.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 { break }
            if hashes[entry - 1] == hash, ASCIIHash.sameBytes(keys[entry - 1], key) { return (entry - 1, false) }
            slot = (slot + 1) & mask
        }
        keys.append(key)
        hashes.append(hash)
        slots[slot] = Int32(truncatingIfNeeded: keys.count)
        return (keys.count - 1, true)
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        for k in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[k]) & mask
            while bigger[slot] != 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(truncatingIfNeeded: k + 1)
        }
        slots = bigger
    }
}
