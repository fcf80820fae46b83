// Lists corpus files recursively, for the corpus tests of every front end.

import IaCLintCore

public enum CorpusWalk {
    /// Regular files under `root` whose names end in one of `extensions`, sorted.
    public static func files(under root: String, extensions: [String]) -> [String] {
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
                    if extensions.contains(where: { lower.hasSuffix($0) }) { out.append(path) }
                default: break
                }
            }
        }
        return out.sorted()
    }
}
