// One shared copy of each resource type name, for every resource of that type.

import Synchronization

/// Front ends read a type name from the source for each declaration (a label, a YAML scalar), so
/// each resource held its own copy: on a 100 MB scan 13 MB of copies of a few hundred names.
/// Resources take the shared copy and the front end's copy is freed with its syntax tree.
public enum ResourceTypeNames {
    /// The process-wide pool; names are never removed (there are a few hundred).
    private static let pool = Mutex(StringPool())

    /// The shared copy of `type`: equal contents, one buffer per name for the life of the process.
    public static func shared(_ type: String) -> String {
        // Inline strings have nothing to share: no lock to take for them.
        guard type.utf8.count > 15 else { return type }
        return pool.withLock { $0.shared(type) }
    }
}
