// Rules and stages run on one thread for small graphs and on every core for large ones.

import XCTest
import IaCLintCore
@testable import IaCLintRules

/// Small graphs are checked on the calling thread, large ones on every core: the same findings.
final class RuleSchedulingTests: XCTestCase {
    private func stages(_ range: Range<Int>) -> [Resource] {
        range.map { i in
            G.restStage("s\(i)", line: 10 * i + 1, destination: .string("arn:aws:logs:us-east-1:1:log-group:g\(i)"),
                        format: i % 3 == 0 ? nil : .string("$context.status"))
        }
    }

    func testRulesGiveTheSameFindingsOnOneThreadAndOnEveryCore() {
        let onOneThread = G.findings(stages(0..<40))
        XCTAssertFalse(onOneThread.isEmpty)
        // Buckets no rule looks at lift the graph past the threshold without adding findings.
        let buckets = (0..<RuleEngine.parallelFromResourceCount).map { G.resource("aws_s3_bucket", "aws_s3_bucket.b\($0)", line: 9000 + $0) }
        XCTAssertEqual(G.findings(stages(0..<40) + buckets), onOneThread)
    }

    func testStagesGiveTheSameFindingsReadOneByOneAndOnEveryCore() {
        // 70 stages are read on every core; two graphs of 40 and 30 are read one by one.
        let parts = (G.findings(stages(0..<40)) + G.findings(stages(40..<70))).sortedInReportOrder()
        XCTAssertEqual(G.findings(stages(0..<70)), parts)
    }
}
