// Applies a change's `after_unknown` mask to its `after` values in place, giving three-valued
// core Values: every leaf marked `true` becomes "known after apply", also keys `after` leaves out.

import IaCLintCore

/// The unknown values made so far, by attribute path: thousands of instances share
/// `access_log_settings[0].destination_arn`, and a Value is a shared box.
struct PlanUnknowns {
    private var byPath: [String: Value] = [:]

    mutating func value(_ path: String) -> Value {
        if let shared = byPath[path] { return shared }
        let value = Value(.unknown(UnknownReason(.knownAfterApply, path)))
        if byPath.count < 1 << 16 { byPath[path] = value }
        return value
    }
}

enum PlanValueMerge {
    /// `[0]`…`[31]`, made once: list positions appear in every unknown block attribute's path.
    private static let indexSteps: [String] = (0..<32).map { "[\($0)]" }

    /// `after` with the mask applied; nil when neither has anything.
    static func merge(_ after: Value?, _ afterUnknown: Value?) -> Value? {
        var value = after
        var unknowns = PlanUnknowns()
        if let afterUnknown { apply(afterUnknown, to: &value, unknowns: &unknowns) }
        return value
    }

    /// Applies the mask to `value` in place (no copies when `value` is uniquely referenced).
    /// An unknown's detail is its attribute path (`access_log_settings[0].destination_arn`).
    static func apply(_ mask: Value, to value: inout Value?, unknowns: inout PlanUnknowns) {
        guard hasUnknown(mask) else { return }
        var path: [String] = []
        apply(mask, to: &value, unknowns: &unknowns, path: &path)
    }

    private static func apply(_ mask: Value, to value: inout Value?, unknowns: inout PlanUnknowns, path: inout [String]) {
        switch mask.kind {
        case .bool(true):
            if let old = value, old.range != nil || !old.references.isEmpty {
                value = Value(.unknown(UnknownReason(.knownAfterApply, render(path))), range: old.range, references: old.references)
            } else {
                value = unknowns.value(render(path))
            }
        case .object(let masks):
            guard masks.contains(where: { hasUnknown($0.value) }) else { return }
            if value == nil { value = Value(.object([])) }
            guard var current = value, case .object(var entries) = current.kind else { return }
            // Drop the other references to the entries so they are mutated in place.
            value = nil
            current.kind = .null
            // Terraform writes object keys sorted, so masks and entries are matched by walking
            // both in order; anything else falls back to a search.
            let sorted = isSortedByKey(entries) && isSortedByKey(masks)
            let present = entries.count
            var cursor = 0
            // Room for the keys `after` leaves out, exactly: values stay in the graph.
            var missing = 0
            for mask in masks where hasUnknown(mask.value) {
                if position(of: mask.key, in: entries, below: present, sorted: sorted, cursor: &cursor) == nil { missing += 1 }
            }
            if missing > 0 { entries.reserveCapacity(entries.count + missing) }
            cursor = 0
            for mask in masks where hasUnknown(mask.value) {
                path.append(mask.key)
                if let index = position(of: mask.key, in: entries, below: present, sorted: sorted, cursor: &cursor) {
                    var child: Value? = entries[index].value
                    entries[index].value = .null
                    apply(mask.value, to: &child, unknowns: &unknowns, path: &path)
                    entries[index].value = child ?? .null
                } else {
                    var child: Value?
                    apply(mask.value, to: &child, unknowns: &unknowns, path: &path)
                    if let child { entries.append(ObjectEntry(mask.key, child)) }
                }
                path.removeLast()
            }
            current.kind = .object(entries)
            value = current
        case .list(let masks):
            guard masks.contains(where: hasUnknown) else { return }
            if value == nil { value = Value(.list([])) }
            guard var current = value, case .list(var items) = current.kind else { return }
            value = nil
            current.kind = .null
            for (i, mask) in masks.enumerated() where hasUnknown(mask) {
                path.append(i < indexSteps.count ? indexSteps[i] : "[\(i)]")
                var child: Value? = i < items.count ? items[i] : nil
                if i < items.count { items[i] = .null }
                apply(mask, to: &child, unknowns: &unknowns, path: &path)
                if let child {
                    // An element beyond `after` (a whole unknown element) keeps its position.
                    while items.count < i { items.append(.null) }
                    if i < items.count { items[i] = child } else { items.append(child) }
                }
                path.removeLast()
            }
            current.kind = .list(items)
            value = current
        default:
            return
        }
    }

    /// Where `key` is among the first `limit` entries: walking forward from `cursor` when the
    /// entries (and so the masks) are sorted, else the last match anywhere.
    private static func position(of key: String, in entries: [ObjectEntry], below limit: Int, sorted: Bool,
                                 cursor: inout Int) -> Int? {
        guard sorted else { return entries[..<limit].lastIndex { $0.key == key } }
        while cursor < limit, entries[cursor].key < key { cursor += 1 }
        return cursor < limit && entries[cursor].key == key ? cursor : nil
    }

    /// Compares keys in place (iterating pairs would copy every entry).
    private static func isSortedByKey(_ entries: [ObjectEntry]) -> Bool {
        var i = 1
        while i < entries.count {
            if !(entries[i - 1].key < entries[i].key) { return false }
            i += 1
        }
        return true
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
        if path.count == 1 { return path[0] }
        var out = ""
        for step in path {
            if step.hasPrefix("[") { out += step } else { out += out.isEmpty ? step : ".\(step)" }
        }
        return out
    }
}
