// `Path.normalize` for the paths a load resolves over and over (module sources, scan-root checks,
// `path.module`): the same result, computed over ASCII bytes instead of by splitting `Character`s,
// which cost about 20,000 instructions a path and a tenth of evaluation.

import IaCLintCore

enum FastPath {
    /// Exactly `Path.normalize(path)`; non-ASCII paths go to it unchanged.
    static func normalize(_ path: String) -> String {
        let bytes = Array(path.utf8)
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
        var parts: [Range<Int>] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] >= 0x80 { return Path.normalize(path) }
            if bytes[i] == slash { i += 1; continue }
            var end = i
            while end < bytes.count, bytes[end] != slash {
                if bytes[end] >= 0x80 { return Path.normalize(path) }
                end += 1
            }
            parts.append(i..<end)
            i = end
        }
        let absolute = bytes.first == slash
        func isDot(_ r: Range<Int>) -> Bool { r.count == 1 && bytes[r.lowerBound] == dot }
        func isDotDot(_ r: Range<Int>) -> Bool { r.count == 2 && bytes[r.lowerBound] == dot && bytes[r.lowerBound + 1] == dot }
        var kept: [Range<Int>] = []
        kept.reserveCapacity(parts.count)
        for part in parts {
            if isDot(part) { continue }
            if isDotDot(part), let last = kept.last, !isDotDot(last) { kept.removeLast(); continue }
            if isDotDot(part), absolute { continue }
            kept.append(part)
        }
        if kept.isEmpty { return absolute ? "/" : "." }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 1)
        for (n, part) in kept.enumerated() {
            if n > 0 || absolute { out.append(slash) }
            out += bytes[part]
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `Path.relative(path, to: base)`, normalising with `normalize`.
    static func relative(_ path: String, to base: String) -> String {
        let p = normalize(path), b = normalize(base)
        if p == b { return "." }
        let prefix = b == "/" ? "/" : b + "/"
        if p.hasPrefix(prefix) { return String(p.dropFirst(prefix.count)) }
        return Path.relative(p, to: b)
    }

    /// `Path.isInside(path, root:)` for an already normalised `root`.
    static func isInside(_ path: String, normalizedRoot root: String) -> Bool {
        let p = normalize(path)
        return p == root || p.hasPrefix(root == "/" ? "/" : root + "/")
    }
}
