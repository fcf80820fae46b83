// Which `$context` variables an API type accepts in access logs, and the nearest valid name.

struct ContextVariableCatalog: Sendable {
    /// Exact names without the `$context.` prefix.
    let names: Set<String>
    /// Families such as `authorizer.` that accept any suffix.
    let familyPrefixes: [String]
    private let lowercased: [String: String]
    /// The names in order, with what `suggestion` compares of each worked out once: lowercasing every
    /// name and sorting them again for each unknown variable was most of a format check.
    private let sortedNames: [String]
    private let sortedLowercasedBytes: [[UInt8]]
    private let sortedLastSegments: [String]

    init(names: [String], familyPrefixes: [String]) {
        self.names = Set(names)
        self.familyPrefixes = familyPrefixes
        var lower: [String: String] = [:]
        for name in names { lower[name.lowercased()] = name }
        self.lowercased = lower
        sortedNames = self.names.sorted()
        sortedLowercasedBytes = sortedNames.map { Array($0.lowercased().utf8) }
        sortedLastSegments = sortedNames.map { ($0.split(separator: ".").last.map { $0.lowercased() } ?? "") }
    }

    static func forAPI(_ type: ApiType) -> ContextVariableCatalog {
        switch type {
        case .rest: return rest
        case .http: return http
        case .webSocket: return webSocket
        case .unknown: return any
        }
    }

    /// The union, for stages whose API type is not known.
    static let any = ContextVariableCatalog(
        names: Array(rest.names.union(http.names).union(webSocket.names)),
        familyPrefixes: Array(Set(rest.familyPrefixes + http.familyPrefixes + webSocket.familyPrefixes)))

    func contains(_ name: String) -> Bool {
        if names.contains(name) { return true }
        return familyPrefixes.contains { name.hasPrefix($0) && name.count > $0.count }
    }

    /// True when the name is a family member that may carry header names with dashes.
    static func allowsDashes(_ name: String) -> Bool {
        name.hasPrefix("requestOverride.header.") || name.hasPrefix("responseOverride.header.")
            || name.hasPrefix("authorizer.")
    }

    /// The valid name a typo most likely meant: same letters in another case, the same last
    /// segment under another prefix (`sourceIp` -> `identity.sourceIp`), or a small edit distance.
    func suggestion(for name: String) -> String? {
        let lowerName = name.lowercased()
        if let exact = lowercased[lowerName] { return exact }
        let last = name.split(separator: ".").last.map { $0.lowercased() } ?? lowerName
        let sameLast = sortedNames.indices.filter { sortedLastSegments[$0] == last }.map { sortedNames[$0] }
        if sameLast.count == 1 { return sameLast[0] }
        var best: (String, Int)?
        let nameBytes = Array(lowerName.utf8)
        let allowed = max(1, min(3, name.count / 4))
        for (index, candidate) in sortedNames.enumerated() {
            let distance = EditDistance.between(nameBytes, sortedLowercasedBytes[index], limit: 3)
            guard distance <= allowed else { continue }
            if let current = best, current.1 <= distance { continue }
            best = (candidate, distance)
        }
        return best?.0
    }
}

enum EditDistance {
    /// Levenshtein distance over bytes, giving up early above `limit` (returns limit + 1).
    static func between(_ a: String, _ b: String, limit: Int) -> Int {
        between(Array(a.utf8), Array(b.utf8), limit: limit)
    }

    static func between(_ x: [UInt8], _ y: [UInt8], limit: Int) -> Int {
        if abs(x.count - y.count) > limit { return limit + 1 }
        var previous = Array(0...y.count)
        var current = [Int](repeating: 0, count: y.count + 1)
        for i in 1...max(1, x.count) where !x.isEmpty {
            current[0] = i
            var rowBest = current[0]
            for j in 1...max(1, y.count) where !y.isEmpty {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowBest = min(rowBest, current[j])
            }
            if rowBest > limit { return limit + 1 }
            swap(&previous, &current)
        }
        if x.isEmpty { return y.count }
        return previous[y.count]
    }
}
