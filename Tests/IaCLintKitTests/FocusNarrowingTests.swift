import XCTest
@testable import IaCLintKit
import IaCLintCore

final class FocusNarrowingTests: XCTestCase {
    let text = """
    format = jsonencode({
      ip     = "$context.identity.sourceIP"
      status = "$context.status"
    })
    """

    func finding(focus: String?) -> Finding {
        let file = SourceFile(path: "m.tf", text: text)
        return Finding(ruleID: "APIGW003", ruleName: "access-log-format", severity: .error, message: "m",
                       range: file.range(0, text.utf8.count), resource: "r", focus: focus)
    }

    func testNarrowsToTheOnlyOccurrence() {
        let sources = ["m.tf": SourceFile(path: "m.tf", text: text)]
        let out = FocusNarrowing.narrow([finding(focus: "$context.identity.sourceIP")], sources: sources)
        XCTAssertEqual(out[0].range?.start.line, 2)
        XCTAssertEqual(out[0].range?.start.column, 13)
        XCTAssertEqual(out[0].range?.end.column, 13 + 26)
    }

    func testKeepsTheRangeWhenAbsentAmbiguousOrAPrefix() {
        let sources = ["m.tf": SourceFile(path: "m.tf", text: text)]
        for focus in ["$context.requestId", "$context", "$context.stat"] {
            let out = FocusNarrowing.narrow([finding(focus: focus)], sources: sources)
            XCTAssertEqual(out[0].range?.start.line, 1, focus)
        }
        XCTAssertEqual(FocusNarrowing.narrow([finding(focus: nil)], sources: sources)[0].range?.start.line, 1)
    }

    /// Positions counted on along a line are the ones `SourceFile.position(at:)` gives.
    func testPositionCounterMatchesTheFile() {
        let text = "{\"a\":\"é$context.x\",\"b\":\"\u{1F600}\"}\r\nsecond line ü\n\nlast" + String(repeating: "xé", count: 300)
        let file = SourceFile(path: "p.json", text: text)
        var offsets = Array(-2...(text.utf8.count + 2)).filter { $0 % 3 != 1 }
        offsets += [5, 5, 17, 40]
        offsets.sort()
        var counter = FocusNarrowing.PositionCounter(file)
        for offset in offsets {
            XCTAssertEqual(counter.position(at: offset), file.position(at: offset), "offset \(offset)")
        }
    }
}
