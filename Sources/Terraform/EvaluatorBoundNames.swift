// Names bound while evaluating: `for` variables, `dynamic` iterators and `templatefile` variables.

import IaCLintCore

/// A few names at a time, so a list searched from the newest binding beats a dictionary: no hash
/// for every traversal inside a loop body nor for every element bound. Past `indexedFrom` names
/// (a `templatefile` call with many variables) a dictionary of positions keeps look-ups constant.
/// Names and values are kept in two arrays: scanning an array of (name, value) pairs copied each
/// pair it compared, a retain and a release of the value for every name passed over.
struct BoundNames {
    private var names: [String] = []
    private var values: [Value] = []
    private var positions: [String: Int] = [:]
    static let indexedFrom = 16

    var isEmpty: Bool { names.isEmpty }

    /// The value bound to `name`; setting a bound name again replaces its value, as a dictionary does.
    subscript(name: String) -> Value? {
        get {
            guard let i = position(of: name) else { return nil }
            return values[i]
        }
        set {
            if let i = position(of: name) {
                if let value = newValue {
                    values[i] = value
                } else {
                    names.remove(at: i)
                    values.remove(at: i)
                    reindex()
                }
            } else if let value = newValue {
                names.append(name)
                values.append(value)
                if names.count == BoundNames.indexedFrom { reindex() }
                else if names.count > BoundNames.indexedFrom { positions[name] = names.count - 1 }
            }
        }
    }

    private func position(of name: String) -> Int? {
        if names.count >= BoundNames.indexedFrom { return positions[name] }
        var i = names.count
        while i > 0 {
            i -= 1
            if sameName(names[i], name) { return i }
        }
        return nil
    }

    private mutating func reindex() {
        positions = [:]
        guard names.count >= BoundNames.indexedFrom else { return }
        for (i, name) in names.enumerated() { positions[name] = i }
    }
}
