import XCTest
@testable import Terraform
import IaCLintCore
import TestSupport
import Synchronization

/// The first pass of a large load finds local module calls from tokens; it must find what a parse
/// finds, say "parse it" when unsure, and a disagreement must not change the graph.
final class ModuleCallScanTests: XCTestCase {
    private func calls(_ text: String) -> [String]? {
        ModuleCallScan.moduleCalls(in: Array(text.utf8), path: "main.tf")?.map { "\($0.name)=\($0.source ?? "nil")" }
    }

    func testFindsTopLevelModuleBlocksAndTheirSource() {
        let text = """
            # module "commented" { source = "./no" }
            locals {
              module = { source = "./not-a-call" }
            }
            module "api" {
              source  = "./modules/api"
              version = "1.0"
              providers = {
                source = "./nested-is-not-the-source"
              }
              name = "${var.prefix}-api"
              doc  = <<-EOT
                module "heredoc" {
                  source = "./no"
                }
              EOT
            }
            module "one_line" { source = "../shared" }
            module "remote" {
              source = "terraform-aws-modules/vpc/aws"
            }
            module "no_source" {
              count = 0
            }
            resource "aws_s3_bucket" "b" {
              bucket = "x"
            }
            """
        XCTAssertEqual(calls(text), ["api=./modules/api", "one_line=../shared", "remote=terraform-aws-modules/vpc/aws", "no_source=nil"])
    }

    func testFilesWithoutTheWordModuleAreNotLexed() {
        for text in ["resource \"a\" \"b\" {\n  p = path.module\n}\n", "# see ./modules/api\n", "locals { submodule-x = 1 }\n", ""] {
            XCTAssertFalse(ModuleCallScan.mayDeclareModule(Array(text.utf8)), text)
        }
        for text in ["module \"a\" {}\n", "x = 1\nmodule\t\"a\" {}", "#module\n", "\"module\""] {
            XCTAssertTrue(ModuleCallScan.mayDeclareModule(Array(text.utf8)), text)
        }
    }

    func testLeavesUnusualShapesToTheParser() {
        XCTAssertNil(calls("module \"a\" {\n  source = \"./a\\u0041\"\n}\n"), "escapes need decoding")
        XCTAssertNil(calls("module \"a\" {\n  source = \"./${var.x}\"\n}\n"), "a template is not a literal")
        XCTAssertNil(calls("module a {\n  source = \"./a\"\n}\n"), "an identifier label")
        XCTAssertNil(calls("module \"a\" \"b\" {\n  source = \"./a\"\n}\n"), "two labels")
        XCTAssertNil(calls("module \"a\" {\n  source = \"./a\"\n  source = \"./b\"\n}\n"), "a repeated source")
        XCTAssertNil(calls("module \"a\" {\n  source = \"./a\" + \"b\"\n}\n"), "an expression")
        XCTAssertNil(calls("module \"a\" {\n  source = \"./a\n}\n"), "a lexical error")
        XCTAssertNil(calls("module \"a\" {\n  source = \"./a\"\n"), "an unclosed block")
    }

    func testScanAgreesWithTheParseOnFixturesAndCorpus() throws {
        var directories = moduleDirectories(under: TestPaths.testdata("terraform"))
        XCTAssertGreaterThanOrEqual(directories.count, 5, "the Terraform fixtures")
        if let corpus = TestPaths.corpus("tf-real") {
            directories += moduleDirectories(under: corpus)
        } else {
            print("ModuleCallScanTests: " + TestPaths.corpusSkipMessage("tf-real") + "; checking the fixtures only")
        }
        let reader = ModuleReader(readFile: { FileSystem.read($0) }, workingDirectory: FileSystem.currentDirectory())
        var answered = 0, withCalls = 0
        for directory in directories {
            guard let names = reader.configurationFiles(in: directory) else { continue }
            guard let scan = ModuleCallScan.scan(directory: directory, names: names, readFile: { FileSystem.read($0) }) else { continue }
            let config = ModuleReader.read(directory: directory, names: names, readFile: { FileSystem.read($0) },
                                           workingDirectory: FileSystem.currentDirectory())
            XCTAssertEqual(scan.calls, LocalCall.calls(of: config), directory)
            XCTAssertEqual(scan.byteCount, config.byteCount, directory)
            answered += 1
            if !scan.calls.isEmpty { withCalls += 1 }
        }
        print("ModuleCallScanTests: the scan answered for \(answered) of \(directories.count) directories (\(withCalls) with local calls)")
        XCTAssertGreaterThan(answered, directories.count / 2)
        XCTAssertGreaterThan(withCalls, 0)
    }

    /// A file that reads differently the second time stands for any scan the parse contradicts:
    /// the load must start again with a parsing first pass and give that load's graph.
    func testDisagreementLoadsAgainWithTheParse() throws {
        let dir = try TemporaryDirectory()
        try dir.write("app/main.tf", "resource \"aws_sqs_queue\" \"q\" {\n  name = \"q\"\n}\n")
        try dir.write("child/main.tf", "resource \"aws_sns_topic\" \"t\" {\n  name = \"t\"\n}\n")
        let callsChild = Array("module \"c\" {\n  source = \"../child\"\n}\n".utf8)
        let appFile = Path.join(dir.path, "app/main.tf")
        let reads = ReadCounter()
        var options = TerraformOptions(scanRoot: dir.path, fileReader: { path in
            // The first read of app/main.tf (the scan's) sees a call; every later read does not.
            if path == appFile, reads.next() == 1 { return .success(callsChild) }
            return FileSystem.read(path)
        })
        options.reparseFromDirectoryCount = 0
        options.maximumConcurrency = 1
        options.keepsFirstPassFiles = false  // kept, the first read's bytes would be parsed too
        let directories = [Path.join(dir.path, "app"), Path.join(dir.path, "child")]
        let loaded = TerraformLoader.loadWithStatistics(directories: directories, options: options)

        var parsing = TerraformOptions(scanRoot: dir.path)
        parsing.reparseFromDirectoryCount = 0
        parsing.findsCallsByScanning = false
        let expected = TerraformLoader.loadWithStatistics(directories: directories, options: parsing)
        XCTAssertEqual(loaded.roots, directories, "child is a root: no parse calls it")
        XCTAssertEqual(loaded.graph.resources, expected.graph.resources)
        XCTAssertEqual(loaded.graph.resources.map(\.address).sorted(), ["aws_sns_topic.t", "aws_sqs_queue.q"])
    }

    private func moduleDirectories(under root: String) -> [String] {
        var out: [String] = []
        var pending = [root]
        while let dir = pending.popLast() {
            guard case .success(let names) = FileSystem.list(dir) else { continue }
            if names.contains(where: { ModuleReader.isConfigurationFile($0) }) { out.append(dir) }
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = Path.join(dir, name)
                if FileSystem.kind(path) == .directory { pending.append(path) }
            }
        }
        return out.sorted()
    }
}

/// Counts reads across the loader's threads.
private final class ReadCounter: Sendable {
    private let count = Mutex(0)
    func next() -> Int { count.withLock { $0 += 1; return $0 } }
}
