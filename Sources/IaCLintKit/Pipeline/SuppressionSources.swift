// Keeps the files that hold an `iaclint:ignore` comment as the pipeline first reads them, so the
// suppression step needs no second read of the repository.

import IaCLintCore
import Synchronization

final class SuppressionSources: Sendable {
    private static let marker = Array("iaclint:ignore".utf8)
    private let files = Mutex<[String: SourceFile]>([:])
    /// When files were named (pre-commit), only their suppressions matter.
    private let only: Set<String>?

    init(only: Set<String>?) { self.only = only }

    /// Called with every input file's bytes, from any thread.
    func note(_ path: String, _ bytes: [UInt8]) {
        // The byte search first: it rules out nearly every file, and is cheaper than classifying its path.
        guard only?.contains(path) ?? true, SuppressionComment.contains(bytes, Self.marker),
              SuppressionComment.syntax(of: path) != .none else { return }
        let file = SourceFile(path: path, bytes: bytes)
        files.withLock { $0[path] = file }
    }

    var all: [String: SourceFile] { files.withLock { $0 } }
}
