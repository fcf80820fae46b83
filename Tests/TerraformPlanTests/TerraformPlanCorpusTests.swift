// Every plan and state under ../shared/corpus/tfplan loads, or gets a clear positioned error.

import XCTest
import IaCLintCore
import TestSupport
@testable import TerraformPlan

final class TerraformPlanCorpusTests: XCTestCase {
    func testEveryCorpusPlanLoadsOrGetsAClearError() throws {
        guard let corpus = TestPaths.corpus("tfplan") else { throw XCTSkip(TestPaths.corpusSkipMessage("tfplan")) }
        var plans = 0, states = 0, errors = 0, resources = 0, notPlans = 0
        var errorLines: [String] = []
        for path in files(under: corpus) {
            guard case .success(let bytes) = FileSystem.read(path) else { continue }
            let name = Path.relative(path, to: corpus)
            guard TerraformPlanLoader.isPlan(bytes) else { notPlans += 1; continue }
            let result = TerraformPlanLoader.load(bytes, path: name)
            let failures = result.graph.diagnostics.filter { $0.severity == .error }
            if failures.isEmpty {
                if result.kind == .plan { plans += 1 } else { states += 1 }
                resources += result.graph.resources.count
                XCTAssertEqual(result.sources.count, result.graph.resources.count, name)
                for resource in result.graph.resources {
                    XCTAssertEqual(resource.origin, .terraformPlan)
                    XCTAssertEqual(resource.scope, name)
                    XCTAssertFalse(resource.type.isEmpty, "\(name): \(resource.address)")
                    XCTAssertNotNil(resource.range, name)
                }
            } else {
                errors += 1
                // A clear error: one sentence with a position in the file.
                for failure in failures {
                    XCTAssertNotNil(failure.range, name)
                    XCTAssertFalse(failure.message.isEmpty, name)
                    errorLines.append("\(name): \(failure)")
                }
            }
        }
        print("tfplan corpus: \(plans) plans and \(states) states loaded (\(resources) resources), \(errors) clear errors, \(notPlans) other files not detected as plans")
        for line in errorLines { print("  \(line)") }
        XCTAssertGreaterThan(plans, 150)
    }

    func testWindowsUTF16PlansFromTheCorpus() throws {
        guard let corpus = TestPaths.corpus("tfplan") else { throw XCTSkip(TestPaths.corpusSkipMessage("tfplan")) }
        for relative in ["checkov-general/terraform/parser/resources/plan_encodings/tfplan_win_utf16.json",
                         "checkov-general/terraform/runner/resources/plan_with_utf_16_encoding/tfplan.json"] {
            guard case .success(let bytes) = FileSystem.read(Path.join(corpus, relative)) else { throw XCTSkip("missing \(relative)") }
            XCTAssertEqual(Array(bytes.prefix(2)), [0xFF, 0xFE], relative)
            XCTAssertTrue(TerraformPlanLoader.isPlan(bytes), relative)
            let result = TerraformPlanLoader.load(bytes, path: relative)
            XCTAssertEqual(result.graph.diagnostics, [], relative)
            XCTAssertEqual(result.encoding, .utf16LittleEndian, relative)
            XCTAssertGreaterThan(result.graph.resources.count, 0, relative)
            // CRLF line ends: the first resource starts on a later line, at a sensible column.
            XCTAssertGreaterThan(result.graph.resources.first?.range?.start.line ?? 0, 1, relative)
        }
    }

    private func files(under directory: String) -> [String] {
        guard case .success(let names) = FileSystem.list(directory) else { return [] }
        var out: [String] = []
        for name in names.sorted() {
            let path = Path.join(directory, name)
            if FileSystem.kind(path) == .directory { out += files(under: path) } else { out.append(path) }
        }
        return out
    }
}
