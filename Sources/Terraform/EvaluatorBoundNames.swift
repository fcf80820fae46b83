// Names bound while evaluating: `for` variables, `dynamic` iterators and `templatefile` variables.

import IaCLintCore

/// A few names at a time, so a list searched from the newest binding beats a dictionary: no hash
/// for every traversal inside a loop body nor for every element bound. Past `indexedFrom` names
/// (a `templatefile` call with many variables) a dictionary of positions keeps look-ups constant.
struct BoundNames {
    private var bindings: [(name: String, value: Value)] = []
    private var positions: [String: Int] = [:]
    static let indexedFrom = 16

    var isEmpty: Bool { bindings.isEmpty }

    /// The value bound to `name`; setting a bound name again replaces its value, as a dictionary does.
    subscript(name: String) -> Value? {
        get {
            guard let i = position(of: name) else { return nil }
            return bindings[i].value
        }
        set {
            if let i = position(of: name) {
                if let value = newValue {
                    bindings[i].value = value
                } else {
                    bindings.remove(at: i)
                    reindex()
                }
            } else if let value = newValue {
                bindings.append((name, value))
                if bindings.count == BoundNames.indexedFrom { reindex() }
                else if bindings.count > BoundNames.indexedFrom { positions[name] = bindings.count - 1 }
            }
        }
    }

    private func position(of name: String) -> Int? {
        if bindings.count >= BoundNames.indexedFrom { return positions[name] }
        var i = bindings.count
        while i > 0 {
            i -= 1
            if bindings[i].name == name { return i }
        }
        return nil
    }

    private mutating func reindex() {
        positions = [:]
        guard bindings.count >= BoundNames.indexedFrom else { return }
        for (i, b) in bindings.enumerated() { positions[b.name] = i }
    }
}
