// Every template of the public cfn and sam corpora loads or gets a clear diagnostic, without a crash.

import XCTest
import IaCLintCore
import TestSupport
import YAML
@testable import CloudFormation

final class CorpusTests: XCTestCase {
    private func run(_ sub: String) throws -> (templates: Int, skipped: Int, failed: [String], resources: Int) {
        guard let root = TestPaths.corpus(sub) else { throw XCTSkip(TestPaths.corpusSkipMessage(sub)) }
        var templates = 0, skipped = 0, resources = 0
        var failed: [String] = []
        for path in CorpusWalk.files(under: root, extensions: [".yaml", ".yml", ".json", ".template"]) {
            guard case .success(let bytes) = FileSystem.read(path) else { continue }
            // The byte-level check agrees with the parsed structure wherever the file parses.
            let parsed = YAMLReader.parseTable(bytes, path: path)
            if let root = parsed.root {
                XCTAssertEqual(CloudFormationLoader.isTemplate(bytes, path: path), TemplateDetection.isTemplateRoot(root, in: parsed),
                               "detection disagrees with the structure: \(path)")
            }
            guard let graph = CloudFormationLoader.loadIfTemplate(bytes, path: path) else { skipped += 1; continue }
            templates += 1
            resources += graph.resources.count
            let errors = graph.diagnostics.filter { $0.severity == .error }
            for d in errors {
                // A clear diagnostic: a message and a location in the file.
                XCTAssertFalse(d.message.isEmpty, path)
                XCTAssertEqual(d.range?.file, path, d.message)
            }
            if !errors.isEmpty { failed.append("\(path): \(errors[0].message)") }
        }
        return (templates, skipped, failed, resources)
    }

    func testCloudFormationCorpus() throws {
        let r = try run("cfn")
        print("cfn corpus: \(r.templates) templates, \(r.resources) resources, \(r.failed.count) with errors, \(r.skipped) non-templates skipped")
        for f in r.failed { print("  error: \(f)") }
        XCTAssertGreaterThan(r.templates, 900)
    }

    func testSAMCorpus() throws {
        let r = try run("sam")
        print("sam corpus: \(r.templates) templates, \(r.resources) resources, \(r.failed.count) with errors, \(r.skipped) non-templates skipped")
        for f in r.failed { print("  error: \(f)") }
        XCTAssertGreaterThan(r.templates, 2200)
    }
}
