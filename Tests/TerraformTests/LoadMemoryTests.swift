import XCTest
@testable import Terraform
import IaCLintCore

/// The load frees what it no longer needs: a module's syntax trees after the last root that calls
/// it, and each root's module instances after its graph is built.
final class LoadMemoryTests: XCTestCase {
    private func repository() throws -> TemporaryDirectory {
        let dir = try TemporaryDirectory()
        dir.makeDirectory("a")
        dir.makeDirectory("b")
        dir.makeDirectory("c")
        dir.makeDirectory("modules/shared")
        try dir.write("a/main.tf", "module \"s\" {\n  source = \"../modules/shared\"\n}\n")
        try dir.write("b/main.tf", "resource \"aws_s3_bucket\" \"b\" {}\n")
        try dir.write("c/main.tf", "module \"s\" {\n  source = \"../modules/shared\"\n  name = \"c\"\n}\n")
        try dir.write("modules/shared/main.tf", "variable \"name\" {\n  default = \"x\"\n}\nresource \"aws_s3_bucket\" \"s\" {\n  bucket = var.name\n}\n")
        return dir
    }

    private func read(_ root: String, _ directories: [String]) -> [String: ModuleConfiguration] {
        let reader = ModuleReader(readFile: { FileSystem.read($0) }, workingDirectory: "/")
        var out: [String: ModuleConfiguration] = [:]
        for d in directories {
            let path = Path.join(root, d)
            out[path] = ModuleReader.read(directory: path, names: reader.configurationFiles(in: path),
                                          readFile: { FileSystem.read($0) }, workingDirectory: "/")
        }
        return out
    }

    func testSharedModuleIsForgottenAfterTheLastRootThatCallsIt() throws {
        let dir = try repository()
        let modules = read(dir.path, ["a", "b", "c", "modules/shared"])
        var localCalls: [String: [LocalCall]] = [:]
        for (d, config) in modules { localCalls[d] = LocalCall.calls(of: config) }
        let roots = ["a", "b", "c"].map { Path.join(dir.path, $0) }
        let group = RootGroup(roots: roots, scanned: Set(modules.keys), modules: modules, localCalls: localCalls)
        XCTAssertEqual(group.lastNeededBy[0], [roots[0]])
        XCTAssertEqual(group.lastNeededBy[1], [roots[1]])
        XCTAssertEqual(Set(group.lastNeededBy[2]), [roots[2], Path.join(dir.path, "modules/shared")])
        XCTAssertEqual(group.takeModules().count, 4)
        XCTAssertTrue(group.takeModules().isEmpty, "handed over once")
    }

    func testAnEvictedModuleIsReadAgainWithoutCountingItsBytesTwice() throws {
        let dir = try repository()
        let shared = Path.join(dir.path, "modules/shared")
        let modules = read(dir.path, ["modules/shared"])
        let reader = ModuleReader(readFile: { FileSystem.read($0) }, workingDirectory: "/")
        reader.seed(Array(modules.values), bytes: 0, parseSeconds: 0, countedElsewhere: [shared])
        reader.evict(shared)
        let again = reader.module(at: shared)
        XCTAssertEqual(again.resources.map(\.localAddress), ["aws_s3_bucket.s"])
        XCTAssertEqual(reader.bytesRead, 0)
    }

    func testReleasingARootFreesItsChildInstances() throws {
        let dir = try repository()
        let root = Path.join(dir.path, "c")
        let context = LoadContext(options: TerraformOptions(scanRoot: dir.path, workingDirectory: "/"))
        let evaluator = Evaluator(context: context)
        let instance = ModuleInstance(config: context.reader.module(at: root), address: "", rootDirectory: root, parent: nil,
                                      call: nil, callIteration: .none, moduleCalls: [], chain: [root])
        weak var child: ModuleInstance?
        do {
            guard let call = instance.config.moduleCall("s"),
                  case .loaded(_, let instances) = evaluator.childModules(call, instance) else { return XCTFail("module not loaded") }
            child = instances.first?.module
            XCTAssertEqual(child.map { evaluator.variableValue("name", $0).stringValue }, "c")
        }
        XCTAssertNotNil(child, "cached by its parent")
        instance.releaseEvaluationState()
        XCTAssertNil(child, "the parent/child cycle is cut")
    }
}
