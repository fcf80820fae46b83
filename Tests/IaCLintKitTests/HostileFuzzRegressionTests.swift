// Every input a fuzzer once crashed or hung on (testdata/fuzz-regressions/<target>/) goes through the
// same entry points as its fuzz target, within a time bound.

import XCTest
import Glibc
import IaCLintCore
import HCL
import Terraform
import YAML
import CloudFormation
import PositionedJSON
import TerraformPlan
import TestSupport

final class HostileFuzzRegressionTests: XCTestCase {
    func testHCLCrashers() throws { try run("hcl") { bytes, _ in _ = HCLParser.parse(bytes, path: "fuzz.tf") } }

    func testTerraformCrashers() throws {
        // As the fuzz target does: the input is every .tf of a root and of its local module `m`.
        var template = Array("/tmp/iaclint-fuzz-regression-XXXXXX".utf8CString)
        guard let dir = mkdtemp(&template) else { throw XCTSkip("mkdtemp failed") }
        let root = String(cString: dir)
        defer { for f in ["m/variables.tf", "m/main.tf", "main.tf"] { unlink(root + "/" + f) }; rmdir(root + "/m"); rmdir(root) }
        mkdir(root + "/m", 0o755)
        for f in ["main.tf", "m/main.tf", "m/variables.tf"] { if let h = fopen(root + "/" + f, "w") { fclose(h) } }
        try run("terraform") { bytes, _ in
            let options = TerraformOptions(variables: ["region": "eu-west-1"], environment: [:], scanRoot: root, fileReader: { path in
                guard path.hasPrefix(root) else { return .failure(FileError(path: path, message: "outside the fuzz tree")) }
                return .success(path.hasSuffix("/m/variables.tf") ? [] : bytes)
            })
            _ = TerraformLoader.load(directories: [root], options: options)
        }
    }

    func testYAMLCrashers() throws {
        try run("yaml") { bytes, _ in
            _ = YAMLReader.parse(bytes, path: "fuzz.yaml")
            _ = CloudFormationLoader.load(bytes, path: "fuzz.yaml")
            _ = CloudFormationLoader.loadIfTemplate(bytes, path: "fuzz.json")
        }
    }

    func testPlanCrashers() throws {
        try run("plan") { bytes, _ in
            _ = JSONReader.parse(bytes, path: "fuzz.json", options: JSONParseOptions(duplicateKeys: .report(.warning)))
            _ = TerraformPlanLoader.isPlan(bytes)
            _ = TerraformPlanLoader.load(bytes, path: "fuzz.json")
        }
    }

    private func run(_ target: String, _ body: ([UInt8], String) -> Void) throws {
        let dir = TestPaths.testdata("fuzz-regressions/" + target)
        guard case .success(let names) = FileSystem.list(dir) else { return XCTFail("no \(dir)") }
        let inputs = names.filter { !$0.hasPrefix(".") && $0 != "README.md" }
        if inputs.isEmpty { throw XCTSkip("no \(target) fuzz regressions recorded yet") }
        for name in inputs {
            let file = Path.join(dir, name)
            guard case .success(let bytes) = FileSystem.read(file) else { XCTFail("cannot read \(name)"); continue }
            let clock = ContinuousClock()
            let start = clock.now
            body(bytes, file)
            XCTAssertLessThan(clock.now - start, .seconds(10), "\(target)/\(name) took too long")
        }
    }
}
