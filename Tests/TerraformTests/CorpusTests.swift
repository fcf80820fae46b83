// The real corpus (../shared/corpus/tf-real): every module directory loads without a crash; the
// unknown values by reason are printed for the closing report.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

final class CorpusTests: XCTestCase {
    private func moduleDirectories(_ path: String, into dirs: inout [String], depth: Int = 0) {
        guard depth < 64, case .success(let names) = FileSystem.list(path) else { return }
        var isModule = false
        for name in names where !name.hasPrefix(".") {
            let full = Path.join(path, name)
            switch FileSystem.kind(full) {
            case .directory?: moduleDirectories(full, into: &dirs, depth: depth + 1)
            case .regular?: if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") { isModule = true }
            default: break
            }
        }
        if isModule { dirs.append(path) }
    }

    func testEveryCorpusModuleLoads() throws {
        guard let corpus = TestPaths.corpus("tf-real") else { throw XCTSkip(TestPaths.corpusSkipMessage("tf-real")) }
        var dirs: [String] = []
        moduleDirectories(corpus, into: &dirs)
        XCTAssertGreaterThan(dirs.count, 2000)
        let result = TerraformLoader.loadWithStatistics(directories: dirs, options: TerraformOptions(scanRoot: corpus))
        let graph = result.graph
        XCTAssertGreaterThan(result.roots.count, 1000)
        XCTAssertGreaterThan(graph.resources.count, 10_000)
        XCTAssertTrue(graph.resources.allSatisfy { $0.range != nil && $0.origin == .terraform })
        // API Gateway stages: how many have an access-log format iaclint can read.
        let stages = graph.resources.filter { $0.type == "aws_api_gateway_stage" || $0.type == "aws_apigatewayv2_stage" }
        let knownFormats = stages.filter { $0["access_log_settings"]?.listValue?.first?["format"]?.stringValue != nil }
        XCTAssertGreaterThan(stages.count, 20)
        XCTAssertGreaterThan(knownFormats.count, 5)
        var line = "tf-real: \(dirs.count) module directories, \(result.roots.count) roots, \(graph.resources.count) resources, "
        line += "\(stages.count) API Gateway stages (\(knownFormats.count) with a known access-log format), \(result.knownCount) known values; unknown:"
        for (kind, n) in result.unknownCounts.sorted(by: { $0.value > $1.value }) { line += " \(kind.rawValue)=\(n);" }
        print(line)

        // The default load parses the 2,700 directories again per group of roots; keeping every
        // syntax tree from the first parse must give the same graph.
        var keepEveryTree = TerraformOptions(scanRoot: corpus)
        keepEveryTree.reparseFromDirectoryCount = .max
        let kept = TerraformLoader.loadWithStatistics(directories: dirs, options: keepEveryTree)
        XCTAssertEqual(kept.graph.resources, graph.resources)
        XCTAssertEqual(kept.graph.diagnostics, graph.diagnostics)
        XCTAssertEqual(kept.unknownCounts, result.unknownCounts)
        XCTAssertEqual(kept.roots, result.roots)
    }
}
