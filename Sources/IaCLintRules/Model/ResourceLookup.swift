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
    /// What a scope's address table is built from, read in the same pass as scopes and types: the
    /// 32-bit hash of every address, and the instances' base-address hashes. Building a table out
    /// of these touches no resource; reading every resource's address again, a second cold pass over
    /// 320,000 boxes on a 100 MB scan, was a fifth of the rules' CPU (most of it in retains).
    private let addressHashes: AddressHashes
    /// Per scope number: its address table, built by the first thread that asks about the scope while
    /// any other thread asking waits for it. Built outside a lock, both cores built the same table
    /// at once: stages of one scope are next to each other, and the two cores take them in turns.
    private let tables: [ScopeTableOnce]
    /// Every run of every scope by its first position, in graph order, with the scope's number: the
    /// scope of a position found by binary search, without reading or hashing the scope's name.
    private let runStarts: [Int]
    private let runScopes: [Int32]

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
        let listed = ListedTypes(types)
        let parts = chunks.parallelMap { range in ChunkRuns(resources, range, listing: listed) }
        var numbers: [String: Int] = [:]
        var names: [String] = []
        var runs: [[Range<Int>]] = []
        var positionsByType = [[Int]](repeating: [], count: listed.names.count)
        var openScope: (name: String, range: Range<Int>)?
        var runStarts: [Int] = [], runScopes: [Int32] = []
        func close(_ open: (name: String, range: Range<Int>)) {
            let number: Int
            if let known = numbers[open.name] {
                number = known
                runs[number].append(open.range)
            } else {
                number = names.count
                numbers[open.name] = number
                names.append(open.name)
                runs.append([open.range])
            }
            runStarts.append(open.range.lowerBound)
            runScopes.append(Int32(truncatingIfNeeded: number))
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
            for (type, position) in part.typed { positionsByType[Int(type)].append(Int(position)) }
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
        var byType: [String: [Int]] = [:]
        for (k, positions) in positionsByType.enumerated() where !positions.isEmpty { byType[listed.names[k]] = positions }
        typePositions = byType
        addressHashes = AddressHashes(parts.map(\.hashes))
        tables = names.indices.map { _ in ScopeTableOnce() }
        self.runStarts = runStarts
        self.runScopes = runScopes
    }

    /// How many scopes the graph has; scope numbers are 0..<scopeCount.
    var scopeCount: Int { scopeNames.count }

    /// The number of the scope of the resource at `position`.
    func scopeNumber(at position: Int) -> Int? {
        // The last run starting at or before `position`.
        var low = 0, high = runStarts.count
        while low < high {
            let mid = (low + high) / 2
            if runStarts[mid] <= position { low = mid + 1 } else { high = mid }
        }
        guard low > 0, position < graph.resources.count else { return nil }
        return Int(runScopes[low - 1])
    }

    /// The listed types by number, told from a resource's type by length and bytes without hashing
    /// it or copying it (a copy of a type name retains a buffer every resource of the type shares,
    /// and two cores retaining the same few names made their reference counts bounce between cores).
    struct ListedTypes: Sendable {
        let names: [String]
        private let set: Set<String>
        private let filter: TypeFilter
        /// Per filter bucket, the numbers of the names in it (nearly always one).
        private let buckets: [[Int]]

        init(_ types: Set<String>) {
            names = types.sorted()
            set = types
            filter = TypeFilter(types)
            var buckets = [[Int]](repeating: [], count: 64)
            for (k, name) in names.enumerated() { buckets[TypeFilter.bucket(name)].append(k) }
            self.buckets = buckets
        }

        /// The number of the listed type `type` is equal to (as `String`s), or nil.
        @inline(__always)
        func number(of type: String) -> Int? {
            let bucket = TypeFilter.bucket(type)
            guard filter.mayMatch(bucket: bucket) else { return nil }
            for k in buckets[bucket] where RawBytes.sameUTF8(names[k], type) { return k }
            // Other bytes can still be the same text (canonical equivalence) when not ASCII.
            guard ASCIIHash.of(type) == nil, set.contains(type) else { return nil }
            return names.firstIndex(of: type)
        }
    }

    /// A filter on the listed types by length and last byte: a resource whose type fails it is not of
    /// a listed type, which spares comparing its name (most resources are of other types).
    private struct TypeFilter: Sendable {
        private var bits: UInt64 = 0

        init(_ types: Set<String>) {
            for type in types { bits |= 1 << UInt64(TypeFilter.bucket(type)) }
        }

        /// Length and last byte, in 64 buckets. The last byte read from the contiguous bytes: the
        /// generic `utf8.last` cost ~40 instructions a resource.
        @inline(__always)
        static func bucket(_ type: String) -> Int {
            let count = type.utf8.count
            let last = type.utf8.withContiguousStorageIfAvailable { $0.last } ?? type.utf8.last
            return (count &* 8 &+ Int(last ?? 0)) & 63
        }

        func mayMatch(bucket: Int) -> Bool { bits & (1 << UInt64(bucket)) != 0 }
    }

    /// Runs of one scope within a slice of the graph, found by comparing each resource's scope with
    /// the previous one's (no hashing per resource), the positions of resources of listed types, and
    /// the hashes of the addresses. Fields are read in place: copying a resource, its scope or its
    /// type out of the array retained them.
    private struct ChunkRuns: Sendable {
        var scopes: [(name: String, range: Range<Int>)] = []
        var typed: [(type: Int32, position: Int32)] = []
        var hashes: AddressHashes.Part

        init(_ resources: [Resource], _ range: Range<Int>, listing listed: ListedTypes) {
            hashes = AddressHashes.Part(start: range.lowerBound, count: range.count)
            var runs: [(name: String, range: Range<Int>)] = []
            var typed: [(type: Int32, position: Int32)] = []
            var hashes = self.hashes
            var seenTypes = [(bits: (UInt64, UInt64), number: Int?)](repeating: ((0, 0), nil), count: 256)
            resources.withUnsafeBufferPointer { resources in
                var scope = resources[range.lowerBound].scope, scopeStart = range.lowerBound
                for i in range {
                    if resources[i].scope != scope {
                        runs.append((scope, scopeStart..<i))
                        scope = resources[i].scope
                        scopeStart = i
                    }
                    // Answers remembered by the type string's bits (the same bits are the same text):
                    // a few hundred distinct type names, each shared by every resource of its type,
                    // looked at without touching their text or reference counts.
                    let bits = unsafeBitCast(resources[i].type, to: (UInt64, UInt64).self)
                    let slot = Int(truncatingIfNeeded: (bits.0 ^ bits.1 ^ (bits.1 >> 17)) & 255)
                    let number: Int?
                    if seenTypes[slot].bits == bits, let known = seenTypes[slot].number {
                        number = known >= 0 ? known : nil
                    } else {
                        number = listed.number(of: resources[i].type)
                        seenTypes[slot] = (bits, number ?? -1)
                    }
                    if let type = number {
                        typed.append((Int32(truncatingIfNeeded: type), Int32(truncatingIfNeeded: i)))
                    }
                    hashes.note(i, address: resources[i].address)
                    if resources[i].instanceKey != nil { hashes.note(i, baseAddress: resources[i].baseAddress) }
                }
                runs.append((scope, scopeStart..<range.upperBound))
            }
            scopes = runs
            self.typed = typed
            self.hashes = hashes
        }
    }

    /// Like `ResourceGraph.resolve(_:scope:)`: the exact instance, or all instances of a base address.
    func resolve(_ target: String, scope: String) -> [Resource] {
        positions(of: target, inScope: scope).map { graph.resources[$0] }
    }

    /// The number of a scope, or nil when no resource has it.
    func scopeNumber(_ scope: String) -> Int? {
        if let scopeTable, let hash = ASCIIHash.of(scope) { return scopeTable.find(scope, hash: hash) }
        return scopeNumbers[scope]
    }

    /// What the scope's address table says for `target`: positions in graph order, a position twice
    /// when both its address and its base address are `target` (an instance whose address has no
    /// `[key]` suffix), as `ResourceGraph`'s index says.
    private func positions(of target: String, inScope scope: String) -> [Int] {
        guard let number = scopeNumber(scope) else { return [] }
        return positions(of: target, inScopeNumber: number)
    }

    /// `resolve(_:scope:)` for a scope by number (a search that stays in one scope finds it once).
    func resolve(_ target: String, scopeNumber number: Int) -> [Resource] {
        positions(of: target, inScopeNumber: number).map { graph.resources[$0] }
    }

    /// `indices(inScope:)` for a scope by number.
    func indices(inScopeNumber number: Int) -> [Int] {
        scopeRuns[number].flatMap { $0 }
    }

    private func positions(of target: String, inScopeNumber number: Int) -> [Int] {
        let resources = graph.resources
        return tables[number].table.withLock { table in
            let built = table ?? ScopeTable(resources, scopeRuns[number], addressHashes)
            table = built
            return built.positions(of: target, resources)
        }
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
        return positions(ofTypes: types).map { graph.resources[$0] }
    }

    /// The positions of the resources of any of `types` (listed types), in graph order.
    func positions(ofTypes types: Set<String>) -> [Int] {
        types.flatMap { typePositions[$0] ?? [] }.sorted()
    }

    /// The positions of the resources of any of `types` (listed types) in one scope, in graph order:
    /// each run of the scope is cut out of the type's sorted positions, so the scope's other
    /// resources are never read.
    func positions(ofTypes types: [String], inScope scope: String) -> [Int] {
        guard let number = scopeNumber(scope) else { return [] }
        var out: [Int] = []
        for type in types {
            guard let positions = typePositions[type] else { continue }
            for run in scopeRuns[number] { out += positions[Self.slice(of: positions, in: run)] }
        }
        return types.count > 1 ? out.sorted() : out
    }

    /// The scope's runs of positions, in graph order.
    func runs(inScope scope: String) -> [Range<Int>] {
        guard let number = scopeNumber(scope) else { return [] }
        return scopeRuns[number]
    }

    /// The indices of `sorted` whose values lie in `range`.
    static func slice(of sorted: [Int], in range: Range<Int>) -> Range<Int> {
        func firstIndex(atLeast value: Int) -> Int {
            var low = 0, high = sorted.count
            while low < high {
                let mid = (low + high) / 2
                if sorted[mid] >= value { high = mid } else { low = mid + 1 }
            }
            return low
        }
        return firstIndex(atLeast: range.lowerBound)..<firstIndex(atLeast: range.upperBound)
    }

    func resources(ofType type: String) -> [Resource] { resources(ofTypes: [type]) }
}

/// One scope's address table, once built.
private final class ScopeTableOnce: Sendable {
    let table = Mutex<ScopeTable?>(nil)
}

/// The 32-bit `ASCIIHash` of every resource's address, and of the base address of every instance,
/// by graph position; positions whose address or base address is not ASCII are listed apart.
struct AddressHashes: Sendable {
    /// One chunk's share, noted in graph order.
    struct Part: Sendable {
        let start: Int
        var hashes: [UInt32] = []
        var bases: [(position: Int32, hash: UInt32)] = []
        var nonASCII: [Int] = []

        init(start: Int, count: Int) {
            self.start = start
            hashes.reserveCapacity(count)
        }

        mutating func note(_ position: Int, address: String) {
            if let hash = ASCIIHash.of(address) {
                hashes.append(AddressHashes.fold(hash))
            } else {
                hashes.append(0)
                nonASCII.append(position)
            }
        }

        mutating func note(_ position: Int, baseAddress: String) {
            if let hash = ASCIIHash.of(baseAddress) {
                bases.append((Int32(truncatingIfNeeded: position), AddressHashes.fold(hash)))
            } else if nonASCII.last != position {
                nonASCII.append(position)
            }
        }
    }

    let hashes: [UInt32]
    /// Instances in graph order, with the hashes of their base addresses.
    let bases: [(position: Int32, hash: UInt32)]
    let nonASCII: [Int]

    init(_ parts: [Part]) {
        hashes = parts.flatMap(\.hashes)
        bases = parts.flatMap(\.bases)
        nonASCII = parts.flatMap(\.nonASCII)
    }

    /// The 32 bits of a hash kept per address; they also give the entry's home slot.
    /// Multiplied once more and the high half kept: `ASCIIHash` ends with `h ^= h >> 32`, so the two
    /// halves' xor undid that step and was the low half of the last product, blind to the last
    /// word's upper four bytes (`logs_17` and `logs_18` hashed alike, probing long runs of equal
    /// hashes and comparing their addresses).
    static func fold(_ hash: UInt64) -> UInt32 {
        UInt32(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> 32)
    }

    /// True when some address or base address in `range` is not ASCII.
    func hasNonASCII(in range: Range<Int>) -> Bool {
        let at = AddressHashes.firstIndex(nonASCII.count) { nonASCII[$0] >= range.lowerBound }
        return at < nonASCII.count && nonASCII[at] < range.upperBound
    }

    /// The index in `bases` of the first instance at or after `position`.
    func firstBase(atOrAfter position: Int) -> Int {
        AddressHashes.firstIndex(bases.count) { Int(bases[$0].position) >= position }
    }

    /// The first index in 0..<count where `isAfter` holds (it holds from some index on).
    private static func firstIndex(_ count: Int, _ isAfter: (Int) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let mid = (low + high) / 2
            if isAfter(mid) { high = mid } else { low = mid + 1 }
        }
        return low
    }
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
    private var slots: [Int32] = []
    /// Per entry: 32 bits of its key's hash, the first position naming it, whether the key is
    /// that resource's base address rather than its address, and where its further positions are in
    /// `several` (-1 for a key naming one resource, nearly every key).
    private var hashes: [UInt32] = []
    private var first: [Int32] = []
    private var isBase: [Bool] = []
    private var furtherAt: [Int32] = []
    private var several: [[Int]] = []
    private let allASCII: Bool

    /// Built from the hashes noted in the pass over the graph: the scope's resources are touched only
    /// when two of its keys share a hash (an instance's base address, named by every instance).
    init(_ resources: [Resource], _ runs: [Range<Int>], _ noted: AddressHashes) {
        self.runs = runs
        let count = runs.reduce(0) { $0 + $1.count }
        var size = 8
        while size < count * 2 { size *= 2 }
        allASCII = !runs.contains { noted.hasNonASCII(in: $0) }
        guard allASCII else {
            slots = []
            return
        }
        slots = [Int32](repeating: 0, count: size)
        hashes.reserveCapacity(count)
        first.reserveCapacity(count)
        isBase.reserveCapacity(count)
        furtherAt.reserveCapacity(count)
        for run in runs {
            var base = noted.firstBase(atOrAfter: run.lowerBound)
            for i in run {
                add(noted.hashes[i], base: false, i, resources)
                if base < noted.bases.count, Int(noted.bases[base].position) == i {
                    add(noted.bases[base].hash, base: true, i, resources)
                    base += 1
                }
            }
        }
    }

    /// The key of an entry, read back from its first resource.
    private func key(_ entry: Int, _ resources: [Resource]) -> String {
        let resource = resources[Int(first[entry])]
        return isBase[entry] ? resource.baseAddress : resource.address
    }

    /// The entry for `target` with 32-bit hash `high`, or the empty slot where it would go.
    private func probe(_ target: String, _ high: UInt32, _ resources: [Resource]) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(high) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return (nil, slot) }
            if hashes[entry] == high, RawBytes.sameUTF8(key(entry, resources), target) { return (entry, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// The empty slot for a key with hash `high`, or the entry with the same key (read back from the
    /// resources only when the hashes agree).
    private func probe(position: Int, base: Bool, _ high: UInt32, _ resources: [Resource]) -> (entry: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(high) & mask
        while true {
            let entry = Int(slots[slot]) - 1
            if entry < 0 { return (nil, slot) }
            if hashes[entry] == high {
                let resource = resources[position]
                if RawBytes.sameUTF8(key(entry, resources), base ? resource.baseAddress : resource.address) { return (entry, slot) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Notes the resource at `position` under its address (or base address) with 32-bit hash `high`.
    private mutating func add(_ high: UInt32, base: Bool, _ position: Int, _ resources: [Resource]) {
        if (hashes.count + 1) * 2 > slots.count { grow() }
        let (found, slot) = probe(position: position, base: base, high, resources)
        guard let entry = found else {
            slots[slot] = Int32(truncatingIfNeeded: hashes.count + 1)
            hashes.append(high)
            first.append(Int32(truncatingIfNeeded: position))
            isBase.append(base)
            furtherAt.append(-1)
            return
        }
        if furtherAt[entry] < 0 {
            furtherAt[entry] = Int32(truncatingIfNeeded: several.count)
            several.append([position])
        } else {
            several[Int(furtherAt[entry])].append(position)
        }
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

    /// The positions an address table gives for `target`: a position twice when its address and
    /// base address are both `target`.
    func positions(of target: String, _ resources: [Resource]) -> [Int] {
        if allASCII, let hash = ASCIIHash.of(target) {
            guard let entry = probe(target, AddressHashes.fold(hash), resources).entry else { return [] }
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
            if hashes[entry - 1] == hash, RawBytes.sameUTF8(keys[entry - 1], key) { return entry - 1 }
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
            if hashes[entry - 1] == hash, RawBytes.sameUTF8(keys[entry - 1], key) { return (entry - 1, false) }
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
