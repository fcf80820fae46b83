// A walk's directory listing that reads the directory's identity from the open descriptor: same
// entries as a plain listing, nil for a directory seen already or gone, a failure for one that
// exists and cannot be opened as a directory.

import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import IaCLintCore

final class DirectoryListingTests: XCTestCase {
    func testListingUnlessSeen() throws {
        var template = Array("/tmp/iaclint-listing-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        let root = String(cString: made)
        defer { _ = system("rm -rf '\(root)'") }
        for name in ["b.tf", "a.tf", "z.yaml"] { CFile.write(root + "/" + name, "x") }
        mkdir(root + "/sub", 0o755)

        var seen: [FileIdentity] = []
        let first = FileSystem.entries(root) { seen.append($0); return true }
        guard case .success(let entries)? = first, case .success(let plain) = FileSystem.entries(root) else {
            return XCTFail("a readable directory lists")
        }
        XCTAssertEqual(entries.map(\.name), plain.map(\.name))
        XCTAssertEqual(entries.map(\.name), ["a.tf", "b.tf", "sub", "z.yaml"])
        XCTAssertEqual(seen, [FileSystem.identity(root)].compactMap { $0 }, "the identity stat gives")

        XCTAssertNil(FileSystem.entries(root) { _ in false }, "seen already: not listed")
        var asked = false
        XCTAssertNil(FileSystem.entries(root + "/gone") { _ in asked = true; return true }, "gone: passed over")
        XCTAssertFalse(asked, "a path that does not exist has no identity to ask about")

        guard case .failure(let error)? = FileSystem.entries(root + "/a.tf", ifNew: { _ in true }) else {
            return XCTFail("a file is not a directory")
        }
        XCTAssertTrue(error.message.contains("cannot open directory"), error.message)
        XCTAssertNil(FileSystem.entries(root + "/a.tf") { _ in false }, "seen already: no error either")
    }
}

/// Writes a small file with the C library (the tests do not import Foundation).
private enum CFile {
    static func write(_ path: String, _ text: String) {
        guard let file = fopen(path, "w") else { return }
        fputs(text, file)
        fclose(file)
    }
}
