// Small '/'-path helpers (no Foundation): joining, parents, normalising and relative paths.

public enum Path {
    // These work on the UTF-8 view: '/' is one byte, and searching `Character`s (grapheme
    // breaking) cost hundreds of instructions a path where discovery and the loaders call them
    // for every file.
    private static let slash = UInt8(ascii: "/")
    private static let dot = UInt8(ascii: ".")

    public static func join(_ a: String, _ b: String) -> String {
        if b.utf8.first == slash || a.isEmpty || (a.utf8.count == 1 && a.utf8.first == dot) { return b }
        // One allocation and two copies: a large scan joins paths 300,000 times, and appending to a
        // reserved String took about 1,400 instructions a join.
        var a = a, b = b
        return a.withUTF8 { left in
            b.withUTF8 { right in
                let separator = left.last == slash ? 0 : 1
                return String(unsafeUninitializedCapacity: left.count + separator + right.count) { out in
                    guard let base = out.baseAddress else { return 0 }
                    if let l = left.baseAddress { base.initialize(from: l, count: left.count) }
                    if separator == 1 { base[left.count] = slash }
                    if let r = right.baseAddress { (base + left.count + separator).initialize(from: r, count: right.count) }
                    return left.count + separator + right.count
                }
            }
        }
    }

    public static func directory(of path: String) -> String {
        guard let at = path.utf8.lastIndex(of: slash) else { return "." }
        if at == path.startIndex { return "/" }
        return String(path[..<at])
    }

    public static func fileName(_ path: String) -> String {
        guard let at = path.utf8.lastIndex(of: slash) else { return path }
        return String(path[path.utf8.index(after: at)...])
    }

    /// Removes `.` and resolves `..` lexically; keeps a leading `..` that cannot be resolved.
    /// Works on bytes: discovery normalises every path it meets, and splitting `Character`s cost
    /// about 20,000 instructions a path. Non-ASCII paths take the component-wise version.
    public static func normalize(_ path: String) -> String {
        var path = path
        return path.withUTF8 { bytes -> String? in
            let slash = UInt8(ascii: "/"), dot = UInt8(ascii: ".")
            var kept: [Range<Int>] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] >= 0x80 { return nil }
                if bytes[i] == slash { i += 1; continue }
                var end = i
                while end < bytes.count, bytes[end] != slash {
                    if bytes[end] >= 0x80 { return nil }
                    end += 1
                }
                let part = i..<end
                i = end
                let isDot = part.count == 1 && bytes[part.lowerBound] == dot
                let isDotDot = part.count == 2 && bytes[part.lowerBound] == dot && bytes[part.lowerBound + 1] == dot
                if isDot { continue }
                if isDotDot, let last = kept.last, !(last.count == 2 && bytes[last.lowerBound] == dot && bytes[last.lowerBound + 1] == dot) {
                    kept.removeLast()
                    continue
                }
                if isDotDot, bytes.first == slash { continue }
                kept.append(part)
            }
            let absolute = bytes.first == slash
            if kept.isEmpty { return absolute ? "/" : "." }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 1)
            for (n, part) in kept.enumerated() {
                if n > 0 || absolute { out.append(slash) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[part]))
            }
            return String(decoding: out, as: UTF8.self)
        } ?? normalizeByComponents(path)
    }

    /// `normalize` over Unicode components, for paths with non-ASCII bytes (and as its reference).
    static func normalizeByComponents(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast(); continue }
            if part == "..", absolute { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `path` relative to `base` (both absolute and normalised); falls back to `path`.
    public static func relative(_ path: String, to base: String) -> String {
        let p = normalize(path), b = normalize(base)
        if p == b { return "." }
        let prefix = b == "/" ? "/" : b + "/"
        if p.hasPrefix(prefix) { return String(p.dropFirst(prefix.count)) }
        // Components compared and joined as bytes: splitting `Character`s cost about 20,000
        // instructions a call, and discovery asks once per file when the scan is outside the
        // working directory (`path.module` of every module instance comes here too).
        let slash = UInt8(ascii: "/")
        let pp = Array(p.utf8), bp = Array(b.utf8)
        func components(_ bytes: [UInt8]) -> [Range<Int>] {
            var out: [Range<Int>] = []
            var i = 0
            while i < bytes.count {
                if bytes[i] == slash { i += 1; continue }
                var end = i
                while end < bytes.count, bytes[end] != slash { end += 1 }
                out.append(i..<end)
                i = end
            }
            return out
        }
        let pc = components(pp), bc = components(bp)
        var common = 0
        while common < pc.count, common < bc.count, pp[pc[common]] == bp[bc[common]] { common += 1 }
        var out: [UInt8] = []
        out.reserveCapacity(3 * (bc.count - common) + pp.count)
        for _ in common..<bc.count {
            if !out.isEmpty { out.append(slash) }
            out.append(contentsOf: [UInt8(ascii: "."), UInt8(ascii: ".")])
        }
        for part in pc[common...] {
            if !out.isEmpty { out.append(slash) }
            out.append(contentsOf: pp[part])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when `path` is `root` or inside it (both absolute and normalised).
    public static func isInside(_ path: String, root: String) -> Bool {
        let p = normalize(path), r = normalize(root)
        return p == r || p.hasPrefix(r == "/" ? "/" : r + "/")
    }
}
