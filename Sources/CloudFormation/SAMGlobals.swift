// SAM `Globals`: merged into serverless resources the way the SAM translator merges them, on the
// node tree so every value keeps the range where it is written (the Globals entry or the resource).

import YAML

enum SAMGlobals {
    /// Globals section name for a serverless resource type (`AWS::Serverless::Api` -> `Api`).
    static func section(for type: String) -> String? {
        let prefix = "AWS::Serverless::"
        guard type.hasPrefix(prefix) else { return nil }
        return String(type.dropFirst(prefix.count))
    }

    /// The resource's properties with the Globals section merged in. `ignore` is the resource's
    /// `IgnoreGlobals` (`"*"` or property names).
    static func apply(globals: YAMLNode, to properties: YAMLNode?, ignore: YAMLNode?) -> YAMLNode? {
        var globals = globals
        if let ignore {
            if ignore.scalar == "*" { return properties }
            let names = Set(ignore.items?.compactMap(\.scalar) ?? ignore.scalar.map { [$0] } ?? [])
            if case .mapping(let entries) = globals.kind {
                globals = globals.with(kind: .mapping(entries.filter { !names.contains($0.key.scalar ?? "") }))
            }
        }
        guard let properties else { return globals }
        return merge(global: globals, local: properties)
    }

    /// Maps merge key by key, lists concatenate (global first), anything else: the resource wins.
    /// An intrinsic function counts as a scalar, and values of different shapes keep the local one.
    static func merge(global: YAMLNode, local: YAMLNode) -> YAMLNode {
        let globalIsMap = global.isMapping && Intrinsic.match(global) == nil
        let localIsMap = local.isMapping && Intrinsic.match(local) == nil
        if globalIsMap, localIsMap, let g = global.entries, let l = local.entries {
            var merged: [(key: YAMLNode, value: YAMLNode)] = []
            var localByKey: [String: YAMLNode] = [:]
            for entry in l { if let k = entry.key.scalar { localByKey[k] = entry.value } }
            var seen = Set<String>()
            for entry in g {
                guard let k = entry.key.scalar else { continue }
                seen.insert(k)
                if let mine = localByKey[k] {
                    // Keep the resource's key: that is where the user wrote the merged property.
                    let localKey = l.last(where: { $0.key.scalar == k })?.key ?? entry.key
                    merged.append((localKey, merge(global: entry.value, local: mine)))
                } else {
                    merged.append(entry)
                }
            }
            for entry in l where !seen.contains(entry.key.scalar ?? "") { merged.append(entry) }
            return local.with(kind: .mapping(merged))
        }
        if global.tag == nil, local.tag == nil, let g = global.items, let l = local.items {
            return local.with(kind: .sequence(g + l))
        }
        return local
    }
}
