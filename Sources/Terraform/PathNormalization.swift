// Path helpers for the paths a load resolves over and over (scan-root checks): `Path`'s results,
// with a shortcut for a root already normalised.

import IaCLintCore

enum FastPath {
    /// `Path.isInside(path, root:)` for an already normalised `root`.
    static func isInside(_ path: String, normalizedRoot root: String) -> Bool {
        let p = Path.normalize(path)
        return p == root || p.hasPrefix(root == "/" ? "/" : root + "/")
    }
}
