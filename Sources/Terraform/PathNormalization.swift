// Path helpers for the paths a load resolves over and over (module sources, scan-root checks,
// `path.module`): `Path`'s results, with shortcuts for the common cases (a root already normalised,
// a path inside the base).

import IaCLintCore

enum FastPath {
    /// `Path.relative(path, to: base)`, normalising with `Path.normalize`.
    static func relative(_ path: String, to base: String) -> String {
        let p = Path.normalize(path), b = Path.normalize(base)
        if p == b { return "." }
        let prefix = b == "/" ? "/" : b + "/"
        if p.hasPrefix(prefix) { return String(p.dropFirst(prefix.count)) }
        return Path.relative(p, to: b)
    }

    /// `Path.isInside(path, root:)` for an already normalised `root`.
    static func isInside(_ path: String, normalizedRoot root: String) -> Bool {
        let p = Path.normalize(path)
        return p == root || p.hasPrefix(root == "/" ? "/" : root + "/")
    }
}
