// The elements a `for` expression, `%{for}` directive or `dynamic` block iterates over.

import IaCLintCore

/// A collection's elements for `for`, `%{for}` and `dynamic`: each key is made only when asked
/// for (most loops name no key variable, and every key was a boxed value, two for an object's).
struct IterationPairs {
    enum Elements {
        case list([Value])
        case object([ObjectEntry])  // sorted by key
    }

    let elements: Elements

    var count: Int {
        switch elements {
        case .list(let items): return items.count
        case .object(let entries): return entries.count
        }
    }

    /// The index of a list element, or the key of an object entry (with the key's range).
    func key(_ i: Int) -> Value {
        switch elements {
        case .list: return Value(Evaluator.numberKind(Double(i)))
        case .object(let entries): return .string(entries[i].key, range: entries[i].keyRange)
        }
    }

    func value(_ i: Int) -> Value {
        switch elements {
        case .list(let items): return items[i]
        case .object(let entries): return entries[i].value
        }
    }
}
