// The rules over the public corpora (../shared/corpus): no crash, counts per rule, and with
// IACLINT_CORPUS_DUMP=<file> every finding written out for review.

import XCTest
import IaCLintCore
import CloudFormation
import Terraform
import TestSupport
@testable import IaCLintRules
#if canImport(Glibc)
import Glibc
#endif

final class CorpusReviewTests: XCTestCase {
    func testTerraformCorpus() throws {
        guard let root = TestPaths.corpus("tf-real/apigw") else { throw XCTSkip(TestPaths.corpusSkipMessage("tf-real/apigw")) }
        let files = ExampleLoading.listFiles(root).filter { $0.hasSuffix(".tf") || $0.hasSuffix(".tf.json") }
        var directories: [String] = []
        for file in files {
            let dir = Path.directory(of: file)
            if !directories.contains(dir) { directories.append(dir) }
        }
        guard let graph = TerraformFrontEnd.load(root: root, directories: directories) else { throw XCTSkip("no Terraform front end") }
        report("tf-real/apigw", graph)
    }

    func testCloudFormationAndSAMCorpus() throws {
        for corpus in ["cfn", "sam"] {
            guard let root = TestPaths.corpus(corpus) else { throw XCTSkip(TestPaths.corpusSkipMessage(corpus)) }
            var graph = ResourceGraph()
            for file in ExampleLoading.listFiles(root) {
                guard [".yaml", ".yml", ".json", ".template"].contains(where: { file.hasSuffix($0) }),
                      case .success(let bytes) = FileSystem.read(Path.join(root, file)),
                      CloudFormationLoader.isTemplate(bytes, path: file) else { continue }
                graph.merge(CloudFormationLoader.load(bytes, path: file))
            }
            report(corpus, graph)
        }
    }

    private func report(_ name: String, _ graph: ResourceGraph) {
        let start = BenchTime.now()
        let findings = RuleEngine.check(graph)
        let seconds = BenchTime.now() - start
        var trimmed = graph
        trimmed.trimAttributeValues(RuleEngine.dropUnreadAttributeValues)
        XCTAssertEqual(RuleEngine.check(trimmed), findings, "\(name): findings differ when unread attribute values are dropped")
        if FileSystem.environment("IACLINT_RULE_TIMING") != nil {
            var t = BenchTime.now()
            let model = LoggingModel(graph: graph)
            print("  model: \(Int((BenchTime.now() - t) * 1000)) ms")
            for rule in RuleCatalog.rules {
                t = BenchTime.now()
                var collector = FindingCollector(rule: type(of: rule).description, options: .init())
                rule.check(model, &collector)
                print("  \(type(of: rule).description.id): \(Int((BenchTime.now() - t) * 1000)) ms")
            }
        }
        var counts: [String: Int] = [:]
        for f in findings { counts[f.ruleID, default: 0] += 1 }
        let model = LoggingModel(graph: graph)
        print("corpus \(name): \(graph.resources.count) resources, \(model.stages.count) stages, \(findings.count) findings in \(Int(seconds * 1000)) ms: "
              + counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        if let dump = FileSystem.environment("IACLINT_CORPUS_DUMP"), let file = fopen(dump, "a") {
            defer { fclose(file) }
            for f in findings {
                let line = "\(name)\t\(f.ruleID)\t\(f.severity.rawValue)\t\(f.range?.description ?? "-")\t\(f.resource ?? "-")\t\(f.message)\n"
                fputs(line, file)
            }
        }
    }
}

enum BenchTime {
    static func now() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_MONOTONIC, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
