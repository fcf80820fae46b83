// Interned file paths: a range names its file by a 32-bit id instead of holding a String.

import Synchronization

/// One path, interned for the life of the process. Equal paths get equal ids, so comparing ids
/// compares paths; ordering by path must go through `path`.
public struct SourceFileID: Hashable, Sendable, CustomStringConvertible {
    @usableFromInline let raw: UInt32

    /// Interns `path` (takes a lock; call once per file, not per range).
    public init(_ path: String) { raw = SourcePathTable.shared.intern(path) }

    public var path: String { SourcePathTable.shared.path(raw) }

    public var description: String { path }
}

/// The process-wide table behind `SourceFileID`. Paths are never removed: a scan names each file
/// a handful of times, and a range may outlive the file's syntax tree.
final class SourcePathTable: Sendable {
    static let shared = SourcePathTable()

    private struct Table {
        var paths: [String] = []
        var ids: [String: UInt32] = [:]
    }
    private let table = Mutex(Table())

    func intern(_ path: String) -> UInt32 {
        table.withLock { t in
            if let id = t.ids[path] { return id }
            let id = UInt32(t.paths.count)
            t.paths.append(path)
            t.ids[path] = id
            return id
        }
    }

    func path(_ id: UInt32) -> String { table.withLock { $0.paths[Int(id)] } }
}
