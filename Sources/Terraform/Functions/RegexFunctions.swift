// `regex`, `regexall` and the `/pattern/` form of `replace`, over the standard library's Regex
// (RE2 and Swift's syntax agree on what configurations use: classes, groups, `(?P<name>)`).

import IaCLintCore

enum RegexFunctions {
    enum Failure: Error { case message(String) }

    static func compile(_ pattern: String) -> Result<Regex<AnyRegexOutput>, Failure> {
        guard pattern.utf8.count <= 4096 else { return .failure(.message("pattern longer than 4096 bytes")) }
        do { return .success(try Regex(pattern)) } catch { return .failure(.message("invalid regular expression")) }
    }

    /// The value of one match as Terraform returns it: the whole match without groups, a list of
    /// captures for unnamed groups, an object for named groups.
    static func matchValue(_ match: Regex<AnyRegexOutput>.Match) -> Value {
        let output = match.output
        if output.count <= 1 { return .string(String(match.0)) }
        let groups = output.dropFirst()
        let named = groups.contains { $0.name != nil }
        if named {
            var entries: [ObjectEntry] = []
            for g in groups {
                guard let name = g.name else { continue }
                entries.append(ObjectEntry(name, g.substring.map { .string(String($0)) } ?? .null))
            }
            return .object(entries)
        }
        return .list(groups.map { g in g.substring.map { .string(String($0)) } ?? .null })
    }

    static func firstMatch(_ pattern: String, in s: String) -> Result<Value?, Failure> {
        switch compile(pattern) {
        case .failure(let f): return .failure(f)
        case .success(let re):
            guard let m = try? re.firstMatch(in: s) else { return .success(nil) }
            return .success(matchValue(m))
        }
    }

    static func allMatches(_ pattern: String, in s: String) -> Result<[Value], Failure> {
        switch compile(pattern) {
        case .failure(let f): return .failure(f)
        case .success(let re):
            return .success(s.matches(of: re).prefix(10_000).map(matchValue))
        }
    }

    /// Go's `Regexp.ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in the replacement.
    static func replace(_ s: String, pattern: String, with template: String) -> Result<String, Failure> {
        switch compile(pattern) {
        case .failure(let f): return .failure(f)
        case .success(let re):
            var out = ""
            var last = s.startIndex
            var count = 0
            for m in s.matches(of: re) {
                count += 1
                if count > 100_000 { return .failure(.message("too many matches")) }
                out += s[last..<m.range.lowerBound]
                out += expand(template, m)
                last = m.range.upperBound
            }
            out += s[last...]
            return .success(out)
        }
    }

    private static func expand(_ template: String, _ m: Regex<AnyRegexOutput>.Match) -> String {
        let t = Array(template.utf8)
        var out: [UInt8] = []
        var i = 0
        func isNameByte(_ b: UInt8) -> Bool {
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == UInt8(ascii: "_")
        }
        while i < t.count {
            guard t[i] == UInt8(ascii: "$"), i + 1 < t.count else { out.append(t[i]); i += 1; continue }
            if t[i + 1] == UInt8(ascii: "$") { out.append(UInt8(ascii: "$")); i += 2; continue }
            var name: [UInt8] = []
            var j = i + 1
            if t[j] == UInt8(ascii: "{") {
                j += 1
                while j < t.count, isNameByte(t[j]) { name.append(t[j]); j += 1 }
                guard j < t.count, t[j] == UInt8(ascii: "}"), !name.isEmpty else { out.append(t[i]); i += 1; continue }
                j += 1
            } else {
                while j < t.count, isNameByte(t[j]) { name.append(t[j]); j += 1 }
                guard !name.isEmpty else { out.append(t[i]); i += 1; continue }
            }
            let key = String(decoding: name, as: UTF8.self)
            if let n = Int(key) {
                if n < m.output.count, let sub = m.output[n].substring { out += Array(sub.utf8) }
            } else if let g = m.output.first(where: { $0.name == key }), let sub = g.substring {
                out += Array(sub.utf8)
            }
            i = j
        }
        return String(decoding: out, as: UTF8.self)
    }
}
