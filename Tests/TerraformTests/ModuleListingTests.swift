// A module's configuration files come from its directory listing: files and links to files, never
// directories or links to them, whatever the listing's own file types say.

import XCTest
import Glibc
@testable import Terraform
import IaCLintCore

final class ModuleListingTests: XCTestCase {
    func testConfigurationFilesAreFilesAndLinksToFilesOnly() {
        let root = "/tmp/iaclint-module-listing-\(getpid())"
        defer { FileManagerless.remove(root) }
        XCTAssertEqual(mkdir(root, 0o755), 0)
        func write(_ name: String) { _ = FileManagerless.write(Path.join(root, name), "# \(name)\n") }
        write("main.tf")
        write("vars.tf.json")
        write("notes.txt")
        write(".hidden.tf")
        XCTAssertEqual(mkdir(Path.join(root, "dir.tf"), 0o755), 0)                 // a folder named like a file
        XCTAssertEqual(symlink("main.tf", Path.join(root, "link.tf")), 0)           // a link to a file: read
        XCTAssertEqual(symlink("dir.tf", Path.join(root, "linkdir.tf")), 0)         // a link to a folder: not
        XCTAssertEqual(symlink("missing.tf", Path.join(root, "dangling.tf")), 0)    // kept, reported when read
        let reader = ModuleReader(readFile: { FileSystem.read($0) }, workingDirectory: "/")
        XCTAssertEqual(reader.configurationFiles(in: root), ["dangling.tf", "link.tf", "main.tf", "vars.tf.json"])
        XCTAssertEqual(reader.listing(root)?.contains("notes.txt"), true)
        XCTAssertNil(reader.configurationFiles(in: Path.join(root, "dir.tf")))
    }

    /// A listing the caller already made (the pipeline's discovery walk) is used as it is: the
    /// directory is not listed again.
    func testKnownListingIsNotMadeAgain() {
        let root = "/tmp/iaclint-module-known-listing-\(getpid())"
        defer { FileManagerless.remove(root) }
        XCTAssertEqual(mkdir(root, 0o755), 0)
        _ = FileManagerless.write(Path.join(root, "a.tf"), "resource \"aws_sns_topic\" \"a\" {}\n")
        _ = FileManagerless.write(Path.join(root, "b.tf"), "resource \"aws_sns_topic\" \"b\" {}\n")
        var options = TerraformOptions(scanRoot: root, workingDirectory: "/")
        XCTAssertEqual(TerraformLoader.load(directories: [root], options: options).resources.map(\.address),
                       ["aws_sns_topic.a", "aws_sns_topic.b"])
        options.knownDirectoryEntries = [root: [DirectoryEntry(name: "b.tf", kind: .regular)]]
        XCTAssertEqual(TerraformLoader.load(directories: [root], options: options).resources.map(\.address), ["aws_sns_topic.b"])
    }
}

/// Just enough file handling for the test, through the C library.
private enum FileManagerless {
    static func write(_ path: String, _ text: String) -> Bool {
        guard let f = fopen(path, "w") else { return false }
        defer { fclose(f) }
        return fputs(text, f) >= 0
    }

    static func remove(_ path: String) {
        if case .success(let entries) = FileSystem.entries(path) {
            for entry in entries {
                let child = Path.join(path, entry.name)
                if entry.kind == .directory { remove(child) } else { unlink(child) }
            }
        }
        rmdir(path)
    }
}
