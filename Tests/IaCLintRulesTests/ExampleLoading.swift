// Runs rule examples and fixture folders through the real front ends into a resource graph.

import XCTest
import IaCLintCore
import CloudFormation
import Terraform
import TerraformPlan
@testable import IaCLintKit
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

enum ExampleLoading {
    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        var template = Array("/tmp/iaclint-rules-XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw XCTSkip("cannot create a temporary directory") }
        return String(cString: made)
    }

    static func write(_ text: String, to path: String) throws {
        let dir = Path.directory(of: path)
        if FileSystem.kind(dir) == nil { try makeDirectories(dir) }
        guard let file = fopen(path, "w") else { throw XCTSkip("cannot write \(path)") }
        defer { fclose(file) }
        _ = Array(text.utf8).withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) }
    }

    static func makeDirectories(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if FileSystem.kind(current) == nil { mkdir(current, 0o755) }
        }
    }

    /// Loads every file under `root` with the front end for its kind; paths in the graph are
    /// relative to `root`. Returns nil when a needed front end is not available in this build.
    static func load(root: String, files: [String]) -> ResourceGraph? {
        var graph = ResourceGraph()
        var terraformDirectories: [String] = []
        var plans: [(directory: String, graph: ResourceGraph)] = []
        for name in files.sorted() {
            let path = Path.join(root, name)
            guard case .success(let bytes) = FileSystem.read(path) else { continue }
            if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") {
                let dir = Path.directory(of: name)
                if !terraformDirectories.contains(dir) { terraformDirectories.append(dir) }
                continue
            }
            if name.hasSuffix(".json"), TerraformPlanLoader.isPlan(bytes) {
                plans.append((Path.directory(of: name), TerraformPlanLoader.load(bytes, path: name).graph))
                continue
            }
            if CloudFormationLoader.isTemplate(bytes, path: name) {
                graph.merge(CloudFormationLoader.load(bytes, path: name))
            }
        }
        var terraform = ResourceGraph()
        if !terraformDirectories.isEmpty {
            guard let loaded = TerraformFrontEnd.load(root: root, directories: terraformDirectories) else { return nil }
            terraform = loaded
        }
        // A plan beside its configuration joins it (as the pipeline does); otherwise it stands alone.
        for plan in plans {
            let scope = plan.directory
            if terraform.resources.contains(where: { $0.scope == scope }) {
                let merged = PlanConfigurationMerge.merge(plan: plan.graph.resources,
                                                          into: terraform.resources.filter { $0.scope == scope },
                                                          configurationScope: scope)
                var joined = ResourceGraph(resources: terraform.resources.filter { $0.scope != scope } + merged)
                joined.diagnostics = terraform.diagnostics + plan.graph.diagnostics
                joined.emptyDeclarations = terraform.emptyDeclarations
                terraform = joined
            } else {
                graph.merge(plan.graph)
            }
        }
        graph.merge(terraform)
        return graph
    }

    /// The whole pipeline (`Linter.lint`) over a directory, as `iaclint` runs it from inside it.
    static func lint(root: String, dropsUnreadAttributeValues: Bool = true) -> LintResult {
        // From inside `root`, as a user runs it (the Terraform loader lists directories relative to
        // the process's working directory).
        let previous = FileSystem.currentDirectory()
        guard chdir(root) == 0 else { return LintResult() }
        defer { _ = chdir(previous) }
        var request = LintRequest(paths: ["."])
        request.workingDirectory = FileSystem.currentDirectory()
        request.environment = [:]
        request.dropsUnreadAttributeValues = dropsUnreadAttributeValues
        return Linter.lint(request)
    }

    /// Every file below a directory, relative to it.
    static func listFiles(_ root: String, prefix: String = "") -> [String] {
        guard case .success(let names) = FileSystem.list(Path.join(root, prefix)) else { return [] }
        var out: [String] = []
        for name in names {
            let relative = prefix.isEmpty ? name : prefix + "/" + name
            switch FileSystem.kind(Path.join(root, relative)) {
            case .directory?: out += listFiles(root, prefix: relative)
            case .regular?: out.append(relative)
            default: break
            }
        }
        return out
    }
}

/// The Terraform front end, run from inside `root` so that paths come out relative to it.
enum TerraformFrontEnd {
    static func load(root: String, directories: [String]) -> ResourceGraph? {
        let previous = FileSystem.currentDirectory()
        guard chdir(root) == 0 else { return nil }
        defer { _ = chdir(previous) }
        let options = TerraformOptions(scanRoot: root)
        return TerraformLoader.load(directories: directories, options: options)
    }
}
