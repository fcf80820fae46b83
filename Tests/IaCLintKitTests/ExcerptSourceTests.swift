// A source cut to the lines its excerpts show reads, line by line and excerpt by excerpt, as the whole file.

import XCTest
import IaCLintCore
@testable import IaCLintKit

final class ExcerptSourceTests: XCTestCase {
    let lines = [
        "resource \"aws_api_gateway_stage\" \"s\" {\r",
        "  stage_name = \"prod\"",
        "  description = \"naïve — déjà vu\"",
        "",
        "  format = " + String(repeating: "{\\\"k\\\":\\\"$context.requestId\\\"}", count: 12),
        "}",
        "# last line without a line break",
    ]
    var text: String { lines.joined(separator: "\n") }

    func testKeepsTheLinesAskedForAndEveryLineBreak() {
        let whole = SourceFile(path: "main.tf", bytes: Array(text.utf8))
        let cut = ExcerptSource.keeping(lines: [3, 1, 3, 99, 0], of: whole)
        XCTAssertEqual(cut.lineCount, whole.lineCount)
        for number in 1...whole.lineCount {
            XCTAssertEqual(cut.line(number), [1, 3].contains(number) ? whole.line(number) : "", "line \(number)")
        }
        XCTAssertLessThan(cut.bytes.count, whole.bytes.count)
        // The last line, kept, ends as it did (no line break added).
        let last = ExcerptSource.keeping(lines: [whole.lineCount], of: whole)
        XCTAssertEqual(last.line(whole.lineCount), lines.last)
        XCTAssertEqual(last.bytes.last, whole.bytes.last)
        XCTAssertEqual(ExcerptSource.keeping(lines: [], of: SourceFile(path: "e.tf", bytes: [])).bytes, [])
    }

    /// Every excerpt the text report shows is the same from the cut source: plain, carriage return,
    /// non-ASCII, the window of a long line, the last line.
    func testExcerptsAreTheSame() {
        let bytes = Array(text.utf8)
        let whole = SourceFile(path: "main.tf", bytes: bytes)
        func range(line: Int, from: Int, length: Int) -> SourceRange {
            let start = whole.lineStarts[line - 1] + from
            return whole.range(start, start + length)
        }
        let ranges = [
            range(line: 1, from: 0, length: 8),
            range(line: 2, from: 2, length: 10),
            range(line: 3, from: 17, length: 14),
            range(line: 5, from: 200, length: 30),
            range(line: 5, from: 2, length: 400),  // runs on past the line
            range(line: 7, from: 2, length: 4),
        ]
        let cut = ExcerptSource.keeping(lines: ranges.map(\.start.line), of: whole)
        for r in ranges {
            XCTAssertEqual(TextReporter().excerpt(r, cut), TextReporter().excerpt(r, whole), "line \(r.start.line)")
            XCTAssertFalse(TextReporter().excerpt(r, cut).isEmpty)
        }
    }
}
