// Finds benchmark inputs: regular files under a folder whose names end in one of the given suffixes.

import IaCLintCore

enum BenchFiles {
    static let templateSuffixes = [".yaml", ".yml", ".json", ".template"]

    /// Sorted paths, so runs read files in the same order.
    static func under(_ root: String, suffixes: [String] = templateSuffixes) -> [String] {
        var out: [String] = []
        var pending = [root]
        while let dir = pending.popLast() {
            guard case .success(let names) = FileSystem.list(dir) else { continue }
            for name in names {
                let path = Path.join(dir, name)
                switch FileSystem.kind(path) {
                case .directory: pending.append(path)
                case .regular:
                    let lower = name.lowercased()
                    if suffixes.contains(where: { lower.hasSuffix($0) }) { out.append(path) }
                default: break
                }
            }
        }
        return out.sorted()
    }
}
