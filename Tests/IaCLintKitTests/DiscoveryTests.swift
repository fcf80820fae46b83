import XCTest
import Glibc
@testable import IaCLintKit
import IaCLintCore

final class DiscoveryTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        var template = Array("/tmp/iaclint-discovery-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        root = String(cString: dir)
    }

    override func tearDown() {
        _ = system("chmod -R u+rwx '\(root)' && rm -rf '\(root)'")
    }

    func write(_ relative: String, _ text: String = "") {
        let path = root + "/" + relative
        _ = system("mkdir -p '\(Path.directory(of: path))'")
        let f = fopen(path, "w")
        fputs(text, f)
        fclose(f)
    }

    func testWalksInputsAndSkipsToolAndHiddenFolders() {
        write("main.tf"); write("vars.tfvars"); write("a/b/template.yaml"); write("a/x.tf.json")
        write(".git/config.tf"); write(".terraform/modules/m/main.tf"); write("node_modules/p/x.json")
        write(".hidden/y.tf"); write(".build/z.tf"); write("README.md"); write("cdk.out/Stack.template.json")
        let result = Discovery.discover(paths: ["."], workingDirectory: root)
        XCTAssertEqual(result.files.map(\.path), ["a/b/template.yaml", "a/x.tf.json", "cdk.out/Stack.template.json", "main.tf", "vars.tfvars"])
        XCTAssertEqual(result.files.map(\.kind), [.structured, .terraformJSON, .structured, .terraform, .terraformVariables])
        XCTAssertTrue(result.diagnostics.isEmpty)
    }

    func testExplicitFileIsMarkedAndMissingPathIsAnError() {
        write("m/main.tf")
        let result = Discovery.discover(paths: ["m/main.tf", "nope.tf"], workingDirectory: root)
        XCTAssertEqual(result.files.map(\.path), ["m/main.tf"])
        XCTAssertEqual(result.files.first?.explicitlyGiven, true)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertEqual(result.diagnostics.first?.range?.file, "nope.tf")
        XCTAssertEqual(result.diagnostics.first?.message, "no such file or directory")
    }

    func testSymlinkLoopsAndLinksOutOfTheRoot() {
        write("in/main.tf"); write("outside/secret.tf")
        _ = symlink(root + "/in", root + "/in/loop")
        _ = symlink(root + "/outside", root + "/in/escape")
        let result = Discovery.discover(paths: ["in"], workingDirectory: root)
        XCTAssertEqual(result.files.map(\.path), ["in/main.tf"])
        let followed = Discovery.discover(paths: ["in"], workingDirectory: root, followSymlinks: true)
        XCTAssertEqual(followed.files.map(\.path), ["in/escape/secret.tf", "in/main.tf"])
    }

    func testUnreadableDirectoryIsReportedAndTheRestStillFound() throws {
        if getuid() == 0 { throw XCTSkip("root can read every directory") }
        write("ok/main.tf"); write("locked/x.tf")
        chmod(root + "/locked", 0)
        let result = Discovery.discover(paths: ["."], workingDirectory: root)
        XCTAssertEqual(result.files.map(\.path), ["ok/main.tf"])
        XCTAssertEqual(result.diagnostics.first?.range?.file, "locked")
    }

    func testDirectoryNamedLikeAFileIsWalked() {
        write("x.tf/inner.tf")
        let result = Discovery.discover(paths: ["."], workingDirectory: root)
        XCTAssertEqual(result.files.map(\.path), ["x.tf/inner.tf"])
    }

    /// Display paths are composed from each directory's (a fast path); they must equal `Path.relative`
    /// of the file from every working directory: inside, outside, an ancestor, the root itself.
    func testComposedDisplayPathsMatchRelativePaths() {
        write("a/b/main.tf"); write("a/c/x.yaml"); write("a/b/deep/er/v.tfvars"); write("d/é/n.tf"); write("top.tf")
        _ = system("mkdir -p '\(root)/elsewhere/inner'")
        let cwds = [root, root + "/a", root + "/a/b", root + "/a/b/deep", root + "/elsewhere/inner", "/", Path.directory(of: root)]
        for cwd in cwds {
            for given in [root, root + "/a", root + "/a/b", root + "/d"] {
                let result = Discovery.discover(paths: [given], workingDirectory: cwd)
                XCTAssertFalse(result.files.isEmpty)
                for file in result.files {
                    XCTAssertEqual(file.path, Path.relative(file.absolutePath, to: cwd), "cwd \(cwd), given \(given)")
                }
            }
        }
    }

    func testComposedDisplayPathFallsBackWhereComposingCouldDiffer() {
        XCTAssertEqual(Discovery.displayPath(of: "main.tf", inDirectoryShownAs: "."), "main.tf")
        XCTAssertEqual(Discovery.displayPath(of: "main.tf", inDirectoryShownAs: "../x"), "../x/main.tf")
        XCTAssertNil(Discovery.displayPath(of: "main.tf", inDirectoryShownAs: ".."))
        XCTAssertNil(Discovery.displayPath(of: "b", inDirectoryShownAs: "../.."))
        XCTAssertNil(Discovery.displayPath(of: "é.tf", inDirectoryShownAs: "a"))
        XCTAssertNil(Discovery.displayPath(of: "..", inDirectoryShownAs: "a"))
        XCTAssertNil(Discovery.displayPath(of: "x.tf", inDirectoryShownAs: "/"))
    }

    /// The walk keeps its listing of every directory holding Terraform files, for the Terraform
    /// front end, and of no other.
    func testKeepsTheListingsOfTerraformDirectories() {
        write("svc/main.tf"); write("svc/notes.md"); write("svc/sub/x.tf.json"); write("svc/dev.tfvars")
        write("cfn/template.yaml"); write("empty/README.md")
        let result = Discovery.discover(paths: ["."], workingDirectory: root)
        let listings = result.terraformListings.mapValues { $0.map(\.name) }
        XCTAssertEqual(listings, [root + "/svc": ["dev.tfvars", "main.tf", "notes.md", "sub"], root + "/svc/sub": ["x.tf.json"]])
        for (directory, names) in listings {
            guard case .success(let entries) = FileSystem.entries(directory) else { return XCTFail(directory) }
            XCTAssertEqual(names, entries.map(\.name))
        }
    }

    /// The walk shared between cores finds what one walk finds, in the same order, also where a
    /// directory is reachable twice (links inside the root, loops) and it must fall back.
    func testSharedWalkEqualsOneWalk() {
        for a in 0..<6 {
            for b in 0..<7 {
                write("t/a\(a)/b\(b)/main.tf"); write("t/a\(a)/b\(b)/x.yaml")
                if b % 3 == 0 { write("t/a\(a)/b\(b)/c/deep.tf.json") }
            }
            write("t/a\(a)/top.tfvars")
        }
        write("z.tf"); write("m/only.tf")
        func compare(_ label: String, follow: Bool = false) {
            for paths in [["."], ["t", "m"], ["t/a1", "t"], ["z.tf", "t/a2"]] {
                let shared = Discovery.discover(paths: paths, workingDirectory: root, followSymlinks: follow)
                let one = Discovery.discover(paths: paths, workingDirectory: root, followSymlinks: follow, onEveryCore: false)
                XCTAssertEqual(shared.files, one.files, "\(label) \(paths)")
                XCTAssertEqual(shared.diagnostics.map(\.message), one.diagnostics.map(\.message), "\(label) \(paths)")
                XCTAssertEqual(shared.roots, one.roots, "\(label) \(paths)")
                XCTAssertEqual(shared.terraformListings.mapValues { $0.map(\.name) }, one.terraformListings.mapValues { $0.map(\.name) },
                               "\(label) \(paths)")
            }
        }
        compare("plain")
        _ = symlink(root + "/t/a4", root + "/t/a0/link")
        compare("link forward")
        _ = symlink(root + "/t/a0", root + "/t/a5/b1/back")
        compare("link back")
        _ = symlink(root + "/t", root + "/t/a3/loop")
        compare("loop")
        compare("loop, following links", follow: true)
    }

    /// Two names for one file (a link inside the root, or given paths that overlap) still give one
    /// input: the check by real path runs whenever a link was met or more than one path was given.
    func testOneFileReachedTwiceIsListedOnce() {
        write("d/main.tf"); write("d/sub/x.yaml")
        _ = symlink(root + "/d/main.tf", root + "/d/alias.tf")
        let linked = Discovery.discover(paths: ["d"], workingDirectory: root)
        XCTAssertEqual(linked.files.map(\.path), ["d/alias.tf", "d/sub/x.yaml"])
        XCTAssertEqual(Set(linked.files.map(\.absolutePath)).count, linked.files.count)
        let overlapping = Discovery.discover(paths: ["d/sub", "d"], workingDirectory: root)
        XCTAssertEqual(overlapping.files.map(\.path), ["d/sub/x.yaml", "d/alias.tf"])
    }

    /// The byte-level kind test agrees with the `lowercased().hasSuffix` it replaced.
    func testInputKindMatchesLowercasedSuffixes() {
        func reference(_ fileName: String) -> InputKind? {
            let name = fileName.lowercased()
            if name.hasSuffix(".tf") { return .terraform }
            if name.hasSuffix(".tf.json") { return .terraformJSON }
            if name.hasSuffix(".tfvars") || name.hasSuffix(".tfvars.json") { return .terraformVariables }
            if name.hasSuffix(".yaml") || name.hasSuffix(".yml") || name.hasSuffix(".json") || name.hasSuffix(".template") { return .structured }
            return nil
        }
        let names = ["main.tf", "MAIN.TF", "x.Tf.JsOn", "dev.tfvars", "prod.TFVARS.json", "a.yaml", "b.YML", "c.json",
                     "stack.template", "Stack.TEMPLATE", "tf", ".tf", "x.tff", "x.t", "", "README.md", "x.yaml.bak",
                     "é.tf", "café.YAML", "x.tf\u{301}", "\u{212A}.tf", "x.ym", "x.jsonl", "archive.tf.json.gz"]
        for name in names { XCTAssertEqual(InputKind(fileName: name), reference(name), name) }
    }

    /// Listings are sorted by bytes, as `lexicographicallyPrecedes` over UTF-8 sorts them.
    func testListingsSortBytewise() {
        let names = ["b", "a", "B", "ab", "a.tf", "a-b", "é", "e", "\u{1F600}", "z", "aa", "a0", "A"]
        let sorted = names.sorted { FileSystem.precedesBytewise($0, $1) }
        XCTAssertEqual(sorted, names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        for name in names { write("s/" + name) }
        guard case .success(let entries) = FileSystem.entries(root + "/s") else { return XCTFail("listing") }
        XCTAssertEqual(entries.map(\.name), sorted)
    }
}
