// Helpers over core `Value` used by the evaluator and the function library: structural equality,
// unknown propagation, reference merging and Terraform's string conversion of primitives.

import IaCLintCore

extension Value {
    /// Equality of contents, ignoring where the values came from (Terraform's `==`).
    func sameContents(as other: Value) -> Bool {
        switch (kind, other.kind) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.number(let a), .number(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.list(let a), .list(let b)):
            guard a.count == b.count else { return false }
            for i in a.indices where !a[i].sameContents(as: b[i]) { return false }
            return true
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            let sortedA = a.sorted { $0.key < $1.key }, sortedB = b.sorted { $0.key < $1.key }
            for i in sortedA.indices {
                if sortedA[i].key != sortedB[i].key || !sortedA[i].value.sameContents(as: sortedB[i].value) { return false }
            }
            return true
        default: return false
        }
    }

    /// The first unknown found in this value or inside it (depth first), for propagation.
    var firstUnknown: Value? {
        switch kind {
        case .unknown: return self
        // By index: elements are read in place, where `for item in items` copied each one (a
        // retain and a release of its boxes) on the way down.
        // Primitives are passed over by their case alone: asking each of them recursively copied it
        // (a retain and release of its boxes) only to answer nil.
        case .list(let items):
            for i in items.indices where !items[i].isPrimitive { if let u = items[i].firstUnknown { return u } }
            return nil
        case .object(let entries):
            for i in entries.indices where !entries[i].value.isPrimitive { if let u = entries[i].value.firstUnknown { return u } }
            return nil
        case .conditional, .absent: return Value.unknown(.invalid, "conditional value")
        default: return nil
        }
    }

    /// Null, a bool, a number or a string: nothing inside, nothing unknown.
    @inline(__always)
    var isPrimitive: Bool {
        switch kind {
        case .null, .bool, .number, .string: return true
        case .list, .object, .unknown, .conditional, .absent: return false
        }
    }

    /// A copy with another range, keeping references and via. Consuming: most callers pass a
    /// value just computed, which is then changed in place instead of copied (a retain and a
    /// release of each of its boxes saved).
    consuming func withRange(_ range: SourceRange?) -> Value {
        var copy = self
        copy.range = range
        return copy
    }

    /// A copy whose references also include `extra` (deduplicated, order kept); consuming, as
    /// `withRange`.
    consuming func addingReferences(_ extra: [Reference]) -> Value {
        var copy = self
        if !extra.isEmpty { copy.references = mergeReferences(copy.references, extra) }
        return copy
    }

    /// Terraform's automatic conversion of a primitive to a string (`"${n}"`, string functions).
    var terraformString: String? {
        switch kind {
        case .string(let s): return s
        case .number(let n): return TerraformNumber.format(n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    /// Terraform's conversion of a string or number to a number.
    var terraformNumber: Double? {
        switch kind {
        case .number(let n): return n
        case .string(let s): return TerraformNumber.parse(s)
        default: return nil
        }
    }

    /// Terraform's conversion to bool (`"true"`/`"false"` strings convert).
    var terraformBool: Bool? {
        switch kind {
        case .bool(let b): return b
        case .string("true"): return true
        case .string("false"): return false
        default: return nil
        }
    }

    // Kind tests that do not copy the payload out (`stringValue != nil` retained the string).
    var isString: Bool { if case .string = kind { return true } else { return false } }
    var isNumber: Bool { if case .number = kind { return true } else { return false } }
    var isBool: Bool { if case .bool = kind { return true } else { return false } }
    var isList: Bool { if case .list = kind { return true } else { return false } }
    var isObject: Bool { if case .object = kind { return true } else { return false } }

    /// The type name a user sees in an error message.
    var typeName: String {
        switch kind {
        case .null: return "null"
        case .bool: return "bool"
        case .number: return "number"
        case .string: return "string"
        case .list: return "list"
        case .object: return "object"
        case .unknown: return "unknown"
        case .conditional, .absent: return "conditional"
        }
    }
}

/// Merges two reference lists without duplicates, keeping first-seen order.
func mergeReferences(_ a: [Reference], _ b: [Reference]) -> [Reference] {
    if b.isEmpty { return a }
    if a.isEmpty { return b }
    var out = a
    for r in b where !out.contains(where: { sameReference($0, r) }) { out.append(r) }
    return out
}

/// `a == b` with the plain-data fields compared first: references that differ mostly differ in
/// where they are written, and comparing long target strings first cost a library call each.
@inline(__always)
func sameReference(_ a: Reference, _ b: Reference) -> Bool {
    a.range == b.range && a.kind == b.kind && a.target == b.target && a.attribute == b.attribute
}

/// All references of several values (deep), deduplicated. Walks without building intermediate
/// arrays: most values carry no references at all, and this runs for every function call.
func collectReferences(_ values: [Value]) -> [Reference] {
    var out: [Reference] = []
    appendReferences(in: values, to: &out, depth: 0)
    return out
}

/// `collectReferences([value])` without the one-element array (templates call it per interpolation).
func collectReferences(in value: Value) -> [Reference] {
    var out: [Reference] = []
    appendReferences(value, to: &out, depth: 0)
    return out
}

private func appendReferences(_ v: Value, to out: inout [Reference], depth: Int) {
    appendOwnReferences(v.references, to: &out)
    guard depth < 64 else { return }
    appendInnerReferences(v.kind, to: &out, depth: depth)
}

/// `appendReferences` for each element, read in place: passing `items[i]` copied the element
/// (a retain and a release of its kind's box and of its metadata box) at every level.
private func appendReferences(in items: [Value], to out: inout [Reference], depth: Int) {
    for i in items.indices {
        appendOwnReferences(items[i].references, to: &out)
        // Primitives hold nothing inside: passed over without reading their kind.
        if depth < 64, !items[i].isPrimitive { appendInnerReferences(items[i].kind, to: &out, depth: depth) }
    }
}

private func appendReferences(in entries: [ObjectEntry], to out: inout [Reference], depth: Int) {
    for i in entries.indices {
        appendOwnReferences(entries[i].value.references, to: &out)
        if depth < 64, !entries[i].value.isPrimitive { appendInnerReferences(entries[i].value.kind, to: &out, depth: depth) }
    }
}

@inline(__always)
private func appendOwnReferences(_ own: [Reference], to out: inout [Reference]) {
    if own.isEmpty { return }
    for r in own where !out.contains(where: { sameReference($0, r) }) { out.append(r) }
}

/// The references inside a value of `kind` (one level down, then recursively).
private func appendInnerReferences(_ kind: Value.Kind, to out: inout [Reference], depth: Int) {
    switch kind {
    case .list(let items): appendReferences(in: items, to: &out, depth: depth + 1)
    case .object(let entries): appendReferences(in: entries, to: &out, depth: depth + 1)
    case .conditional(_, let t, let f):
        appendReferences(t, to: &out, depth: depth + 1)
        appendReferences(f, to: &out, depth: depth + 1)
    default: break
    }
}

/// `a.utf8.lexicographicallyPrecedes(b.utf8)`, comparing the bytes in place: the generic
/// sequence comparison walked both strings through iterators, about ten instructions a byte.
@inline(__always)
func utf8Precedes(_ a: String, _ b: String) -> Bool {
    let inPlace = a.utf8.withContiguousStorageIfAvailable { x in
        b.utf8.withContiguousStorageIfAvailable { y -> Bool in
            let n = min(x.count, y.count)
            var i = 0
            while i < n {
                if x[i] != y[i] { return x[i] < y[i] }
                i += 1
            }
            return x.count < y.count
        }
    }
    if let known = inPlace ?? nil { return known }
    return a.utf8.lexicographicallyPrecedes(b.utf8)
}

/// Object entries sorted by key the way Terraform orders map and object attributes (bytewise).
func sortedEntries(_ entries: [ObjectEntry]) -> [ObjectEntry] {
    // Most objects are already in order (maps built by sorting, for_each over sorted keys).
    var inOrder = true
    for i in entries.indices.dropFirst() where !utf8Precedes(entries[i - 1].key, entries[i].key) {
        inOrder = false
        break
    }
    if inOrder { return entries }
    // Later duplicates win, as in Terraform objects built from repeated keys. A few keys are
    // found by scanning what is kept so far (no dictionary, no hash per key); many by a dictionary.
    var unique: [ObjectEntry] = []
    unique.reserveCapacity(entries.count)
    if entries.count <= 16 {
        for e in entries {
            if let i = unique.firstIndex(where: { sameName($0.key, e.key) }) { unique[i] = e } else { unique.append(e) }
        }
    } else {
        var byKey: [String: Int] = [:]
        for e in entries {
            if let i = byKey[e.key] { unique[i] = e } else { byKey[e.key] = unique.count; unique.append(e) }
        }
    }
    // Positions sorted, then the entries taken in that order: sorting the entries moved whole
    // entries (about 100 bytes each) at every step. The keys are distinct, so the order is the same.
    let order = unique.indices.sorted { utf8Precedes(unique[$0].key, unique[$1].key) }
    return order.map { unique[$0] }
}

extension Value {
    /// An unknown value from a reason kind and detail.
    static func unknown(_ kind: UnknownReason.Kind, _ detail: String = "", range: SourceRange? = nil,
                        references: [Reference] = []) -> Value {
        Value(.unknown(UnknownReason(kind, detail)), range: range, references: references)
    }
}
