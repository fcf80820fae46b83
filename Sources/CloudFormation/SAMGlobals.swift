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
            let node = table[local]
            return table.appendCollection(.mapping, children: merged, tag: node.tag, range: node.range)
        }
        if !table.hasTag(global), !table.hasTag(local), let g = table.itemList(global), let l = table.itemList(local) {
            let node = table[local]
            return table.appendCollection(.sequence, children: g + l, tag: node.tag, range: node.range)
        }
        return local
    }
}
