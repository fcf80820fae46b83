// Terraform's string functions: case, trimming, splitting, joining, searching, substrings.

import IaCLintCore

enum StringFunctions {
    static func isSpace(_ s: Unicode.Scalar) -> Bool { s.properties.isWhitespace }

    static func trimSpace(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, isSpace(scalars[start]) { start += 1 }
        while end > start, isSpace(scalars[end - 1]) { end -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    /// `trim(str, cutset)`: removes any of the cutset's characters from both ends.
    static func trim(_ s: String, cutset: String) -> String {
        let cut = Set(cutset.unicodeScalars)
        let scalars = Array(s.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end, cut.contains(scalars[start]) { start += 1 }
        while end > start, cut.contains(scalars[end - 1]) { end -= 1 }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }

    static func chomp(_ s: String) -> String {
        var bytes = Array(s.utf8)
        while let last = bytes.last, last == 0x0A || last == 0x0D { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Go's `strings.Title`: upper-cases the first letter of each word.
    static func title(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previousIsSeparator = true
        for scalar in s.unicodeScalars {
            if previousIsSeparator, scalar.properties.isAlphabetic {
                out.append(contentsOf: scalar.properties.titlecaseMapping.unicodeScalars)
            } else {
                out.append(scalar)
            }
            let p = scalar.properties
            previousIsSeparator = !(p.isAlphabetic || p.numericType != nil || scalar == "_" || p.generalCategory == .decimalNumber)
        }
        return String(out)
    }

    /// Go's `strings.Split`: an empty separator splits into characters (scalars).
    static func split(_ s: String, separator: String) -> [String] {
        if separator.isEmpty { return s.unicodeScalars.map { String($0) } }
        let hay = Array(s.utf8), needle = Array(separator.utf8)
        var parts: [String] = []
        var start = 0, i = 0
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], Array(hay[i..<(i + needle.count)]) == needle {
                parts.append(String(decoding: hay[start..<i], as: UTF8.self))
                i += needle.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: hay[start...], as: UTF8.self))
        return parts
    }

    /// Literal replacement of every occurrence (Go's `strings.Replace(s, old, new, -1)`).
    static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            // Go inserts `new` between every scalar and at both ends.
            var out = new
            for scalar in s.unicodeScalars { out.unicodeScalars.append(scalar); out += new }
            return out
        }
        return split(s, separator: old).joined(separator: new)
    }

    static func contains(_ s: String, _ sub: String) -> Bool {
        sub.isEmpty || split(s, separator: sub).count > 1
    }

    /// `substr(str, offset, length)` counted in characters; negative offset counts from the end,
    /// length -1 means the rest.
    static func substr(_ s: String, offset: Int, length: Int) -> String? {
        let chars = Array(s)
        var start = offset
        if start < 0 { start = chars.count + start }
        guard start >= 0, start <= chars.count else { return start > chars.count ? "" : nil }
        var end = length < 0 ? chars.count : start + length
        if length < -1 { return nil }
        end = min(end, chars.count)
        guard end >= start else { return "" }
        return String(chars[start..<end])
    }

    /// Go's `strconv.Quote`-like quoting for `%q`.
    static func quote(_ s: String) -> String {
        var out: [UInt8] = [UInt8(ascii: "\"")]
        for b in s.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
        return String(decoding: out, as: UTF8.self)
    }

    /// `indent(spaces, str)`: adds the padding after every newline (cty's `strings.Replace`).
    static func indent(_ s: String, spaces: Int) -> String {
        let pad = String(repeating: " ", count: max(0, min(spaces, 1000)))
        return replaceAll(s, "\n", "\n" + pad)
    }
}
