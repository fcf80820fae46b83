// A run of root modules evaluated in one context: the parsed modules they call, and after which
// root each module is no longer needed, so its syntax trees can be freed during the load.

import IaCLintCore

/// A `module` call whose source is a local path, resolved to the called directory.
struct LocalCall: Equatable {
    var target: String
    /// `./x` and `../x` make the target a non-root; `.` and `..` are loaded too, but never did.
    var countsForRoots: Bool

    /// The sources the evaluator resolves as directories on disk (see `loadChildModules`).
    static func isLocal(_ source: String) -> Bool {
        source.hasPrefix("./") || source.hasPrefix("../") || source == "." || source == ".."
    }

    /// The call a module block with `source` makes from `directory`, resolved as `loadChildModules`
    /// resolves it; nil unless the source is local.
    init?(source: String?, in directory: String) {
        guard let source, LocalCall.isLocal(source) else { return nil }
        target = Path.normalize(Path.join(directory, source))
        countsForRoots = source.hasPrefix("./") || source.hasPrefix("../")
    }

    /// The local calls of a module.
    static func calls(of config: ModuleConfiguration) -> [LocalCall] {
        config.moduleCalls.compactMap { LocalCall(source: $0.source, in: config.directory) }
    }
}

/// Each group is handed to exactly one evaluating thread, which takes its modules once.
final class RootGroup: @unchecked Sendable {
    let roots: [String]
    /// For the root at each index, the scanned module directories no later root of the group calls.
    let lastNeededBy: [[String]]
    private var modules: [ModuleConfiguration]

    /// `scanned`: the parsed module directories; `byDirectory`: those of them handed to the group
    /// already parsed (the others are read again when first called).
    init(roots: [String], scanned: Set<String>, modules byDirectory: [String: ModuleConfiguration],
         localCalls: [String: [LocalCall]]) {
        self.roots = roots
        var lastUse: [String: Int] = [:]
        var order: [String] = []
        lastUse.reserveCapacity(roots.count)
        order.reserveCapacity(roots.count)
        for (index, root) in roots.enumerated() {
            guard scanned.contains(root) else { continue }
            if lastUse.updateValue(index, forKey: root) == nil { order.append(root) }
            // Most roots call no local module: no set or worklist for them (tf-real's 1,999 roots:
            // 33.5 -> 27.0 M instructions for planning the group).
            guard let calls = localCalls[root] else { continue }
            var seen: Set<String> = [root]
            var pending = calls.map(\.target)  // a worklist, not recursion: call chains can be long
            while let dir = pending.popLast() {
                guard scanned.contains(dir), seen.insert(dir).inserted else { continue }
                if lastUse.updateValue(index, forKey: dir) == nil { order.append(dir) }
                for call in localCalls[dir] ?? [] { pending.append(call.target) }
            }
        }
        var last = [[String]](repeating: [], count: roots.count)
        for dir in order { if let index = lastUse[dir] { last[index].append(dir) } }
        lastNeededBy = last
        modules = order.compactMap { byDirectory[$0] }
    }

    /// The group's modules, handed over once so that the group no longer holds them.
    func takeModules() -> [ModuleConfiguration] {
        defer { modules = [] }
        return modules
    }
}
