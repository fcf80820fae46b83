// SAM `Globals`: merged into serverless resources the way the SAM translator merges them, on the
// template's nodes so every value keeps the range where it is written (the Globals entry or the resource).

import YAML

enum SAMGlobals {
    typealias NodeID = YAMLNodeTable.NodeID

    /// Globals section name for a serverless resource type (`AWS::Serverless::Api` -> `Api`).
    static func section(for type: String) -> String? {
        let prefix = "AWS::Serverless::"
        guard type.hasPrefix(prefix) else { return nil }
        return String(type.dropFirst(prefix.count))
    }

    /// The resource's properties with the Globals section merged in (new nodes in `table`).
    /// `ignore` is the resource's `IgnoreGlobals` (`"*"` or property names).
    static func apply(globals: NodeID, to properties: NodeID?, ignore: NodeID?, in table: inout YAMLNodeTable) -> NodeID? {
        var globals = globals
        if let ignore {
            if table.scalar(ignore, is: "*") { return properties }
            let names = Set(table.itemList(ignore)?.compactMap { table.scalar($0) } ?? table.scalar(ignore).map { [$0] } ?? [])
            if let entries = table.entryList(globals) {
                var kept: [NodeID] = []
                for entry in entries where !names.contains(table.scalar(entry.key) ?? "") {
                    kept.append(entry.key)
                    kept.append(entry.value)
                }
                let node = table[globals]
                globals = table.appendCollection(.mapping, children: kept, tag: node.tag, range: node.range)
            }
        }
        guard let properties else { return globals }
        return merge(global: globals, local: properties, in: &table)
    }

    /// Maps merge key by key, lists concatenate (global first), anything else: the resource wins.
    /// An intrinsic function counts as a scalar, and values of different shapes keep the local one.
    static func merge(global: NodeID, local: NodeID, in table: inout YAMLNodeTable) -> NodeID {
        let globalIsMap = table.isMapping(global) && !Intrinsic.isCall(global, in: table)
        let localIsMap = table.isMapping(local) && !Intrinsic.isCall(local, in: table)
        if globalIsMap, localIsMap, let g = table.entryList(global), let l = table.entryList(local) {
            let merged = g.count * l.count <= 1024
                ? mergedEntriesInPlace(g, l, in: &table) : mergedEntriesByName(g, l, in: &table)
            let node = table[local]
            return table.appendCollection(.mapping, children: merged, tag: node.tag, range: node.range)
        }
        if !table.hasTag(global), !table.hasTag(local), let g = table.itemList(global), let l = table.itemList(local) {
            let node = table[local]
            return table.appendCollection(.sequence, children: g + l, tag: node.tag, range: node.range)
        }
        return local
    }

    /// The merged mapping's keys and values. Global keys in their order, each with the resource's
    /// value merged in when the resource has that key (the resource's last such key and value), then
    /// the resource's other entries. Names compare as `String`s do.
    static func mergedEntriesByName(_ g: [(key: NodeID, value: NodeID)], _ l: [(key: NodeID, value: NodeID)],
                                    in table: inout YAMLNodeTable) -> [NodeID] {
        var merged: [NodeID] = []
        var localByKey: [String: NodeID] = [:]
        for entry in l { if let k = table.scalar(entry.key) { localByKey[k] = entry.value } }
        var seen = Set<String>()
        for entry in g {
            guard let k = table.scalar(entry.key) else { continue }
            seen.insert(k)
            if let mine = localByKey[k] {
                // Keep the resource's key: that is where the user wrote the merged property.
                let localKey = l.last(where: { table.scalar($0.key, equals: k) })?.key ?? entry.key
                let value = merge(global: entry.value, local: mine, in: &table)
                merged.append(localKey)
                merged.append(value)
            } else {
                merged.append(entry.key)
                merged.append(entry.value)
            }
        }
        for entry in l where !seen.contains(table.scalar(entry.key) ?? "") {
            merged.append(entry.key)
            merged.append(entry.value)
        }
        return merged
    }

    /// `mergedEntriesByName` for the usual small mappings: names compared in place, by bytes when
    /// both are ASCII, instead of a `String`, a dictionary and a set per merge (10 M instructions,
    /// a fifth of the Globals merging, on the 10 MB synthetic repository's SAM templates).
    static func mergedEntriesInPlace(_ g: [(key: NodeID, value: NodeID)], _ l: [(key: NodeID, value: NodeID)],
                                     in table: inout YAMLNodeTable) -> [NodeID] {
        var merged: [NodeID] = []
        merged.reserveCapacity(2 * (g.count + l.count))
        var globalKeys: [NodeID] = []
        for entry in g where table.isScalar(entry.key) {
            globalKeys.append(entry.key)
            if let mine = l.last(where: { table.isScalar($0.key) && sameName($0.key, entry.key, in: table) }) {
                let localKey = l.last(where: { sameBytes($0.key, entry.key, in: table) })?.key ?? entry.key
                let value = merge(global: entry.value, local: mine.value, in: &table)
                merged.append(localKey)
                merged.append(value)
            } else {
                merged.append(entry.key)
                merged.append(entry.value)
            }
        }
        for entry in l {
            // A key that is no scalar went by the name "" before.
            let taken = table.isScalar(entry.key)
                ? globalKeys.contains { sameName($0, entry.key, in: table) }
                : globalKeys.contains { table.scalar($0, is: "") }
            if !taken {
                merged.append(entry.key)
                merged.append(entry.value)
            }
        }
        return merged
    }

    /// Two scalars' texts are equal as `String`s: by bytes when both are ASCII (the same thing then),
    /// else through `String` (canonical equivalence).
    private static func sameName(_ a: NodeID, _ b: NodeID, in table: YAMLNodeTable) -> Bool {
        let ascii = table.withScalarBytes(a) { x in
            table.withScalarBytes(b) { y -> Bool? in
                guard let x, let y else { return false }
                guard x.allSatisfy({ $0 < 0x80 }), y.allSatisfy({ $0 < 0x80 }) else { return nil }
                return x.elementsEqual(y)
            }
        }
        if let ascii { return ascii }
        return table.scalar(a) == table.scalar(b)
    }

    /// Two scalars' texts are the same bytes.
    private static func sameBytes(_ a: NodeID, _ b: NodeID, in table: YAMLNodeTable) -> Bool {
        table.withScalarBytes(a) { x in table.withScalarBytes(b) { y in
            guard let x, let y else { return false }
            return x.elementsEqual(y)
        } }
    }
}
