// Path helpers for the paths a load resolves over and over (scan-root checks, module directories):
// `Path`'s results, with shortcuts for paths already normalised.

import IaCLintCore

enum FastPath {
    /// `Path.isInside(path, root:)` for an already normalised `root`.
    static func isInside(_ path: String, normalizedRoot root: String) -> Bool {
        let p = normalize(path)
        return p == root || p.hasPrefix(root == "/" ? "/" : root + "/")
    }

    /// `Path.normalize(path)`, answered without building anything when `path` already is normal:
    /// ASCII, not empty, no empty, `.` or `..` component (no `//`, no trailing `/`). Directories
    /// from a discovery walk nearly always are, and `Path.normalize` built a range array and a new
    /// string for each (about 6,000 instructions; 2,699 of them at the start of tf-real's load).
    static func normalize(_ path: String) -> String {
        isNormal(path) ? path : Path.normalize(path)
    }

    /// True when `Path.normalize(path)` is `path` by the rules above (false may still be normal).
    static func isNormal(_ path: String) -> Bool {
        let known = path.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            guard !bytes.isEmpty else { return false }
            if bytes.count == 1, bytes[0] == slash { return true }  // the root
            var componentStart = bytes[0] == slash ? 1 : 0
            var i = componentStart
            while i <= bytes.count {
                if i == bytes.count || bytes[i] == slash {
                    let length = i - componentStart
                    if length == 0 { return false }  // `//`, or a trailing `/`
                    if bytes[componentStart] == dot, length == 1 || (length == 2 && bytes[componentStart + 1] == dot) {
                        return false  // `.` or `..`
                    }
                    componentStart = i + 1
                } else if bytes[i] >= 0x80 {
                    return false  // non-ASCII: `Path.normalize` compares Unicode components
                }
                i += 1
            }
            return true
        }
        return known ?? false
    }
}
