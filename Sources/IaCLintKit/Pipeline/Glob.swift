// Shell-style globs for `exclude` patterns: `*` within a segment, `**` across segments, `?`, `[abc]`.

public struct Glob: Hashable, Sendable {
    public let pattern: String
    private let bytes: [UInt8]

    public init(_ pattern: String) {
        var p = pattern
        if p.hasPrefix("./") { p.removeFirst(2) }
        // A pattern without a slash matches at any depth, like .gitignore.
        if !p.contains("/") { p = "**/" + p }
        // A pattern naming a directory matches everything below it.
        if p.hasSuffix("/") { p += "**" }
        self.pattern = pattern
        self.bytes = Array(p.utf8)
    }

    /// True when `path` ('/'-separated, relative) or one of its parent directories matches.
    public func matches(_ path: String) -> Bool {
        let text = Array(path.utf8)
        if match(bytes[...], text[...]) { return true }
        // Parents: `vendor` excludes `vendor/a/b.tf`.
        var i = text.count - 1
        while i > 0 {
            if text[i] == UInt8(ascii: "/"), match(bytes[...], text[..<i]) { return true }
            i -= 1
        }
        return false
    }

    private func match(_ p: ArraySlice<UInt8>, _ t: ArraySlice<UInt8>) -> Bool {
        var p = p, t = t
        while let c = p.first {
            switch c {
            case UInt8(ascii: "*"):
                if p.count >= 2, p[p.startIndex + 1] == UInt8(ascii: "*") {
                    var rest = p.dropFirst(2)
                    if rest.first == UInt8(ascii: "/") { rest = rest.dropFirst() }
                    if rest.isEmpty { return true }  // a trailing `**` takes everything left
                    // `**/` matches zero or more whole segments.
                    if match(rest, t) { return true }
                    var tt = t
                    while !tt.isEmpty {
                        tt = tt.dropFirst()
                        if (tt.startIndex == t.startIndex || t[tt.startIndex - 1] == UInt8(ascii: "/")), match(rest, tt) { return true }
                    }
                    return false
                }
                let rest = p.dropFirst()
                var tt = t
                while true {
                    if match(rest, tt) { return true }
                    guard let ch = tt.first, ch != UInt8(ascii: "/") else { return false }
                    tt = tt.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard let ch = t.first, ch != UInt8(ascii: "/") else { return false }
                p = p.dropFirst(); t = t.dropFirst()
            case UInt8(ascii: "["):
                guard let ch = t.first, let close = p.dropFirst().firstIndex(of: UInt8(ascii: "]")) else { return false }
                var set = p[(p.startIndex + 1)..<close]
                let negate = set.first == UInt8(ascii: "!") || set.first == UInt8(ascii: "^")
                if negate { set = set.dropFirst() }
                var found = false
                var i = set.startIndex
                while i < set.endIndex {
                    if i + 2 < set.endIndex, set[i + 1] == UInt8(ascii: "-") {
                        if set[i] <= ch && ch <= set[i + 2] { found = true }
                        i += 3
                    } else {
                        if set[i] == ch { found = true }
                        i += 1
                    }
                }
                guard found != negate else { return false }
                p = p[(close + 1)...]; t = t.dropFirst()
            default:
                guard t.first == c else { return false }
                p = p.dropFirst(); t = t.dropFirst()
            }
        }
        return t.isEmpty
    }
}
