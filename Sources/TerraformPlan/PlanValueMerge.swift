// Merges a change's `after` values with its `after_unknown` mask into three-valued core Values.

import IaCLintCore

enum PlanValueMerge {
    /// `after` with every leaf marked `true` in `afterUnknown` replaced by an unknown value
    /// ("known after apply"), including keys `after` leaves out. Nil when neither has anything.
    static func merge(_ after: Value?, _ afterUnknown: Value?, resource: String) -> Value? {
        var path: [String] = []
        return merge(after, afterUnknown, resource: resource, path: &path)
    }

    private static func merge(_ after: Value?, _ unknown: Value?, resource: String, path: inout [String]) -> Value? {
        guard let unknown else { return after }
        switch unknown.kind {
        case .bool(true):
            let detail = path.isEmpty ? resource : "\(resource).\(render(path))"
            return Value(.unknown(UnknownReason(.knownAfterApply, detail)), range: after?.range, references: after?.references ?? [])
        case .object(let masks):
            guard masks.contains(where: { hasUnknown($0.value) }) else { return after }
            var entries = after?.objectEntries ?? []
            guard after == nil || after?.objectEntries != nil else { return after }
            for mask in masks where hasUnknown(mask.value) {
                path.append(mask.key)
                if let index = entries.lastIndex(where: { $0.key == mask.key }) {
                    if let merged = merge(entries[index].value, mask.value, resource: resource, path: &path) {
                        entries[index].value = merged
                    }
                } else if let merged = merge(nil, mask.value, resource: resource, path: &path) {
                    entries.append(ObjectEntry(mask.key, merged))
                }
                path.removeLast()
            }
            return Value(.object(entries), range: after?.range, references: after?.references ?? [])
        case .list(let masks):
            guard masks.contains(where: hasUnknown) else { return after }
            var items = after?.listValue ?? []
            guard after == nil || after?.listValue != nil else { return after }
            for (i, mask) in masks.enumerated() where hasUnknown(mask) {
                path.append("[\(i)]")
                if i < items.count {
                    if let merged = merge(items[i], mask, resource: resource, path: &path) { items[i] = merged }
                } else if let merged = merge(nil, mask, resource: resource, path: &path) {
                    // An element beyond `after` (a whole unknown element) keeps its position.
                    while items.count < i { items.append(.null) }
                    items.append(merged)
                }
                path.removeLast()
            }
            return Value(.list(items), range: after?.range, references: after?.references ?? [])
        default:
            return after
        }
    }

    /// True when the mask marks anything unknown.
    static func hasUnknown(_ mask: Value) -> Bool {
        switch mask.kind {
        case .bool(let b): return b
        case .object(let entries): return entries.contains { hasUnknown($0.value) }
        case .list(let items): return items.contains(where: hasUnknown)
        default: return false
        }
    }

    /// `access_log_settings[0].destination_arn`
    private static func render(_ path: [String]) -> String {
        var out = ""
        for step in path {
            if step.hasPrefix("[") { out += step } else { out += out.isEmpty ? step : ".\(step)" }
        }
        return out
    }
}
