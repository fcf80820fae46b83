// The promises a linter that reads untrusted repositories must keep: it writes nothing into the
// scanned tree, runs and fetches nothing the input names, and stays inside the scanned root.

import XCTest
import Glibc
@testable import IaCLintKit
import IaCLintCore
import TestSupport

final class HostileGuaranteeTests: HostileTestCase {
    func testScanWritesNothingIntoTheTree() {
        write("tf/main.tf", Self.badStage + """
            module "m" {
              source = "./mod"
            }
            module "remote" {
              source = "git::https://example.com/never-fetched.git"
            }
            locals {
              t = templatefile("${path.module}/t.tpl", { a = 1 })
            }

            """)
        write("tf/mod/main.tf", "output \"x\" { value = file(\"${path.module}/data.txt\") }\n")
        write("tf/mod/data.txt", "data")
        write("tf/t.tpl", "${a}")
        write("tf/terraform.tfvars", "x = 1\n")
        write("cfn/template.yaml", Self.badTemplate)
        write("plan/plan.json", "{\"format_version\": \"1.2\", \"planned_values\": {\"root_module\": {}}}")
        write("broken/main.tf", "resource {")
        write(".iaclint.yml", "rules: {}\n")
        let before = snapshot()
        let result = lint()
        XCTAssertFalse(result.findings.isEmpty)
        XCTAssertEqual(snapshot(), before, "the scan changed the tree")
    }

    func testSymlinkOutOfTheRootIsNotFollowedUnlessAsked() {
        write("outside/main.tf", Self.badStage.replacingOccurrences(of: "neighbour", with: "outside"))
        write("outside/template.yaml", Self.badTemplate)
        addNeighbour("scan/main.tf")
        XCTAssertEqual(symlink(path("outside"), path("scan/linked")), 0)
        XCTAssertEqual(symlink(path("outside/template.yaml"), path("scan/template.yaml")), 0)
        let result = lint(in: "scan")
        XCTAssertEqual(Set(result.findings.map { $0.range?.file ?? "-" }), ["main.tf"], describe(result))
        let followed = lint(in: "scan") { $0.followSymlinks = true }
        let files = Set(followed.findings.compactMap { $0.range?.file })
        XCTAssertTrue(files.contains("linked/main.tf"), describe(followed))
        // The link to the template and the linked folder lead to one file, reported once.
        XCTAssertTrue(files.contains("linked/template.yaml") || files.contains("template.yaml"), describe(followed))
    }

    func testFileFunctionsDoNotReadThroughASymlinkOutOfTheRoot() {
        write("outside/secret.txt", "s3cr3t")
        write("scan/main.tf", """
            resource "aws_api_gateway_stage" "s" {
              rest_api_id   = "abc123"
              deployment_id = "d1"
              stage_name    = file("${path.module}/link.txt")
            }

            """)
        XCTAssertEqual(symlink(path("outside/secret.txt"), path("scan/link.txt")), 0)
        let result = lint(in: "scan")
        let stage = result.graph.resources.first { $0.address == "aws_api_gateway_stage.s" }
        XCTAssertNotNil(stage)
        if case .string(let s)? = stage?.attributes["stage_name"]?.kind { XCTFail("read through the link: \(s)") }
    }

    /// No process is started and no connection opened by library or executable code: a scan of the
    /// sources for the calls that would do it. `iaclint-bench` is a developer tool that times the
    /// linter as a child process; it is not part of what users run.
    func testSourcesNeitherSpawnProcessesNorOpenConnections() throws {
        let forbidden = ["posix_spawn", "Process(", "system(", "popen(", "execv", "execl", "fork(", "vfork(",
                         "socket(", "connect(", "getaddrinfo", "URLSession", "URLRequest", "dlopen(", "NSTask"]
        let sources = Path.join(TestPaths.repositoryRoot, "Sources")
        var offenders: [String] = []
        var scanned = 0
        for file in swiftFiles(under: sources) where !file.contains("/Sources/iaclint-bench/") {
            guard let text = TestPaths.readText(file) else { continue }
            scanned += 1
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                for word in forbidden where code.contains(word) {
                    offenders.append("\(Path.relative(file, to: TestPaths.repositoryRoot)):\(number + 1): \(word)")
                }
            }
        }
        XCTAssertGreaterThan(scanned, 50)
        XCTAssertEqual(offenders, [])
    }

    // MARK: helpers

    struct Entry: Equatable, CustomStringConvertible {
        var path: String, mode: UInt32, size: Int, modified: Int, changed: Int
        var description: String { "\(path) \(mode) \(size) \(modified) \(changed)" }
    }

    /// Every path under the root with its mode, size and modification/change times (to the nanosecond).
    func snapshot() -> [Entry] {
        var out: [Entry] = []
        func visit(_ relative: String) {
            let full = relative.isEmpty ? root : path(relative)
            var info = stat()
            guard lstat(full, &info) == 0 else { return }
            out.append(Entry(path: relative, mode: info.st_mode, size: Int(info.st_size),
                             modified: info.st_mtim.tv_sec * 1_000_000_000 + info.st_mtim.tv_nsec,
                             changed: info.st_ctim.tv_sec * 1_000_000_000 + info.st_ctim.tv_nsec))
            guard info.st_mode & S_IFMT == S_IFDIR, case .success(let names) = FileSystem.list(full) else { return }
            for name in names { visit(relative.isEmpty ? name : relative + "/" + name) }
        }
        visit("")
        return out
    }

    func swiftFiles(under directory: String) -> [String] {
        guard case .success(let names) = FileSystem.list(directory) else { return [] }
        var out: [String] = []
        for name in names {
            let full = Path.join(directory, name)
            switch FileSystem.kind(full) {
            case .directory?: out += swiftFiles(under: full)
            case .regular? where name.hasSuffix(".swift") || name.hasSuffix(".h") || name.hasSuffix(".c"): out.append(full)
            default: break
            }
        }
        return out
    }
}
