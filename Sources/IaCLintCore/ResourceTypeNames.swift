// One shared copy of each resource type name, for every resource of that type.

import Synchronization

/// Front ends read a type name from the source for each declaration (a label, a YAML scalar), so
/// each resource held its own copy: on a 100 MB scan 13 MB of copies of a few hundred names.
/// Resources take the shared copy and the front end's copy is freed with its syntax tree.
public enum ResourceTypeNames {
    /// The shared copy of `type`: equal contents, one buffer per name for the life of the process.
    public static func shared(_ type: String) -> String {
        // Up to 15 UTF-8 bytes a String holds its text inline: nothing to share, no lock to take.
        guard type.utf8.count > 15 else { return type }
        return ResourceTypeNameTable.shared.intern(type)
    }
}

/// The process-wide set behind `ResourceTypeNames`. Names are never removed: there are a few hundred.
final class ResourceTypeNameTable: Sendable {
    static let shared = ResourceTypeNameTable()

    private let names = Mutex(Set<String>())

    func intern(_ name: String) -> String {
        names.withLock { $0.insert(name).memberAfterInsert }
    }
}
