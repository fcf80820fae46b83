// A directory path as the key of the load's tables (modules, listings, scan-root checks).

import IaCLintCore

/// A path hashed once by `NameIndex`'s byte hash when the key is made, and compared whole only when
/// the hashes agree. A `String` key ran SipHash over the whole path at every look-up: directory
/// paths are long (80 bytes and more on tf-real), and a module or listing look-up cost about 1,000
/// instructions, 20,000 of them in tf-real's evaluation. The hash is of the bytes, so two paths are
/// the same key when their bytes are (as the file system tells them apart).
struct PathKey: Hashable, Sendable {
    let path: String
    private let byteHash: UInt32

    init(_ path: String) {
        self.path = path
        byteHash = NameIndex.hash(path)
    }

    static func == (lhs: PathKey, rhs: PathKey) -> Bool {
        lhs.byteHash == rhs.byteHash && lhs.path.utf8.count == rhs.path.utf8.count && RawBytes.sameUTF8(lhs.path, rhs.path)
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(byteHash)
    }
}
