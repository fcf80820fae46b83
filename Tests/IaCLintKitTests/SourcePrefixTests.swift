// Sources read for a report keep the lines up to the last one a finding reaches, and read the same there.

import XCTest
import IaCLintCore
@testable import IaCLintKit

final class SourcePrefixTests: XCTestCase {
    let text = """
        resource "aws_api_gateway_stage" "s" {\r
          stage_name = "prod"
        }

        """ + String(repeating: "# filler line that no finding reaches\n", count: 20)

    func testKeepsThroughTheLineEndingOfTheLineReached() {
        let bytes = Array(text.utf8)
        let reach = Array("resource \"aws_api".utf8).count  // inside line 1
        let kept = SourcePrefix.needed(bytes, reaching: reach)
        XCTAssertEqual(String(decoding: kept, as: UTF8.self), "resource \"aws_api_gateway_stage\" \"s\" {\r\n")
        // The kept lines start and end where they did.
        let whole = SourceFile(path: "main.tf", bytes: bytes), prefix = SourceFile(path: "main.tf", bytes: kept)
        XCTAssertEqual(prefix.line(1), whole.line(1))
        XCTAssertEqual(Array(prefix.lineStarts.prefix(2)), Array(whole.lineStarts.prefix(2)))
    }

    func testKeepsEverythingWhenLittleWouldBeSavedOrTheOffsetIsOutside() {
        let bytes = Array(text.utf8)
        XCTAssertEqual(SourcePrefix.needed(bytes, reaching: bytes.count - 3), bytes)
        XCTAssertEqual(SourcePrefix.needed(bytes, reaching: bytes.count), bytes)
        XCTAssertEqual(SourcePrefix.needed(bytes, reaching: Int.max), bytes)
        XCTAssertEqual(SourcePrefix.needed(bytes, reaching: -1), bytes)
        XCTAssertEqual(SourcePrefix.needed([], reaching: 0), [])
    }

    func testKeepsAFileWithASuppressionCommentWhole() {
        let bytes = Array((text + "# iaclint:ignore APIGW001 -- later\nresource \"x\" \"y\" {}\n").utf8)
        XCTAssertEqual(SourcePrefix.needed(bytes, reaching: 5), bytes)
    }

    /// Excerpts and focus narrowing read the prefix as they read the whole file.
    func testExcerptAndFocusAreTheSameOnThePrefix() {
        let bytes = Array(text.utf8)
        let whole = SourceFile(path: "main.tf", bytes: bytes)
        let start = Array("resource \"aws_api_gateway_stage\" \"s\" {\r\n  ".utf8).count
        let range = whole.range(start, start + Array("stage_name = \"prod\"".utf8).count)
        let prefix = SourceFile(path: "main.tf", bytes: SourcePrefix.needed(bytes, reaching: range.end.offset))
        XCTAssertLessThan(prefix.bytes.count, bytes.count)
        XCTAssertEqual(TextReporter().excerpt(range, prefix), TextReporter().excerpt(range, whole))
        let finding = Finding(ruleID: "APIGW001", ruleName: "r", severity: .error, message: "m", range: range,
                              resource: "aws_api_gateway_stage.s", focus: "\"prod\"")
        XCTAssertEqual(FocusNarrowing.narrow([finding], sources: ["main.tf": prefix]),
                       FocusNarrowing.narrow([finding], sources: ["main.tf": whole]))
        XCTAssertNotEqual(FocusNarrowing.narrow([finding], sources: ["main.tf": whole]).first?.range, range, "narrowed")
    }
}
