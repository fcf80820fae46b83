// The bytes of the files a large load's first pass read, handed to the groups of roots that parse
// them again, so each configuration file is read from disk once.

import IaCLintCore
import Synchronization

/// Records the files one directory's first pass reads (one thread at a time).
final class FileRecorder: @unchecked Sendable {
    private let readFile: @Sendable (String) -> Result<[UInt8], FileError>
    private(set) var files: [(path: String, bytes: [UInt8])] = []

    init(readFile: @escaping @Sendable (String) -> Result<[UInt8], FileError>) {
        self.readFile = readFile
    }

    /// Reads `path` and keeps its bytes when the read succeeds (a failure is read, and reported, again).
    func read(_ path: String) -> Result<[UInt8], FileError> {
        let result = readFile(path)
        if case .success(let bytes) = result { files.append((path, bytes)) }
        return result
    }

    /// Drops what was recorded (a scan that gave up is followed by a parse that reads again).
    func forget() { files = [] }
}

/// Each file is kept for as many reads as there are groups whose roots need its directory; the
/// last of them takes the bytes, so a file's buffer is freed as soon as the last group parses it,
/// not when the load ends. A read beyond those (a module read again after it was evicted) goes to
/// disk, as it did before.
final class FirstPassFiles: Sendable {
    private struct Kept {
        var bytes: [UInt8]
        var readsLeft: Int
    }
    /// Paths found through `NameIndex`'s byte hash: a `[String: Kept]` hashed every path with
    /// SipHash (11 M instructions on the 10 MB synthetic repository).
    private let index: NameIndex
    private let kept: Mutex<[Kept]>

    /// `files`: each directory's files as the first pass read them; `readsByDirectory`: how many
    /// groups will read each directory. Directories no group reads keep nothing.
    init(files: [String: [(path: String, bytes: [UInt8])]], readsByDirectory: [String: Int]) {
        var index = NameIndex(minimumCapacity: files.reduce(0) { $0 + $1.value.count })
        var table: [Kept] = []
        for (directory, list) in files {
            guard let reads = readsByDirectory[directory], reads > 0 else { continue }
            for file in list where index.insertIfAbsent(file.path, position: table.count) == nil {
                table.append(Kept(bytes: file.bytes, readsLeft: reads))
            }
        }
        self.index = index
        kept = Mutex(table)
    }

    /// The kept bytes of `path`, or nil when none are left for it.
    func take(_ path: String) -> [UInt8]? {
        guard let position = index[path] else { return nil }
        return kept.withLock { table -> [UInt8]? in
            guard table[position].readsLeft > 0 else { return nil }
            table[position].readsLeft -= 1
            guard table[position].readsLeft == 0 else { return table[position].bytes }
            // The last reader: the table no longer holds the buffer.
            let bytes = table[position].bytes
            table[position].bytes = []
            return bytes
        }
    }

    /// A reader that answers from the kept bytes first, then from `fallback`.
    func reader(fallingBackTo fallback: @escaping @Sendable (String) -> Result<[UInt8], FileError>)
        -> @Sendable (String) -> Result<[UInt8], FileError> {
        { path in
            if let bytes = self.take(path) { return .success(bytes) }
            return fallback(path)
        }
    }
}
