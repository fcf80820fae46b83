// Where tests find the repository's testdata and the optional public corpora in ../shared.

import IaCLintCore

public enum TestPaths {
    /// The repository root, found from this file's location.
    public static let repositoryRoot: String = {
        var dir = Path.directory(of: #filePath)            // Tests/TestSupport
        dir = Path.directory(of: Path.directory(of: dir))  // repo
        return dir
    }()

    public static func testdata(_ relative: String = "") -> String {
        relative.isEmpty ? Path.join(repositoryRoot, "testdata") : Path.join(Path.join(repositoryRoot, "testdata"), relative)
    }

    /// `../shared/corpus/<relative>` beside the checkout, or `IACLINT_CORPUS`; nil when absent,
    /// so corpus tests can skip with `corpusSkipMessage`.
    public static func corpus(_ relative: String = "") -> String? {
        let base = FileSystem.environment("IACLINT_CORPUS")
            ?? Path.normalize(Path.join(repositoryRoot, "../shared/corpus"))
        let path = relative.isEmpty ? base : Path.join(base, relative)
        return FileSystem.kind(path, followLinks: true) == nil ? nil : path
    }

    public static func corpusSkipMessage(_ relative: String) -> String {
        "skipped: the public corpus ../shared/corpus/\(relative) is not beside this checkout (set IACLINT_CORPUS to point at it)"
    }

    /// True when golden files should be rewritten instead of compared (`IACLINT_UPDATE_GOLDEN=1`).
    public static var updateGolden: Bool { FileSystem.environment("IACLINT_UPDATE_GOLDEN") == "1" }

    public static func readText(_ path: String) -> String? {
        guard case .success(let bytes) = FileSystem.read(path) else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }
}
