// Groups handed in out of order, from several threads at once, join in group order.

import XCTest
import Dispatch
@testable import Terraform
import IaCLintCore

final class GroupMergerTests: XCTestCase {
    private static func part(_ group: Int, resources: Int, diagnostics: [Diagnostic]) -> GroupResult {
        var graph = ResourceGraph()
        for r in 0..<resources {
            graph.add(Resource(address: "aws_s3_bucket.g\(group)_\(r)", type: "aws_s3_bucket", origin: .terraform,
                               scope: "root\(group)", range: nil))
        }
        return GroupResult(graph: graph, diagnostics: diagnostics, bytesRead: 10 * group)
    }

    func testOutOfOrderHandInsJoinInGroupOrder() {
        let shared = Diagnostic.error("shared module problem", at: SourceRange(file: "m/main.tf", at: .start))
        for _ in 0..<20 {
            let merger = GroupMerger()
            let count = 24
            // Later groups are handed in first on some threads: the order of arrival must not matter.
            DispatchQueue.concurrentPerform(iterations: count) { i in
                let index = count - 1 - i
                let own = Diagnostic.error("group \(index)", at: SourceRange(file: "g\(index).tf", at: .start))
                merger.add(GroupMergerTests.part(index, resources: index % 5, diagnostics: [shared, own]), at: index)
            }
            let (graph, bytes) = merger.finish()
            let expected = (0..<count).flatMap { g in (0..<(g % 5)).map { "aws_s3_bucket.g\(g)_\($0)" } }
            XCTAssertEqual(graph.resources.map(\.address), expected)
            XCTAssertEqual(bytes, (0..<count).reduce(0) { $0 + 10 * $1 })
            XCTAssertEqual(graph.diagnostics.map(\.message), ["shared module problem"] + (0..<count).map { "group \($0)" },
                           "each diagnostic once, in group order")
        }
    }

    func testOneGroup() {
        let merger = GroupMerger()
        merger.add(GroupMergerTests.part(0, resources: 3, diagnostics: []), at: 0)
        XCTAssertEqual(merger.finish().graph.resources.count, 3)
    }
}
