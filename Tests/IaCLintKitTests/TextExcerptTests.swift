import XCTest
@testable import IaCLintKit
import IaCLintCore

/// Minified JSON plans are one line of megabytes: an excerpt shows a window around the range.
final class TextExcerptTests: XCTestCase {
    func testLongLineShowsAWindowAroundTheRange() {
        let line = String(repeating: "a", count: 5000) + "\"$context.sourceIP\"" + String(repeating: "b", count: 5000)
        let file = SourceFile(path: "plan.json", text: line + "\n")
        let range = file.range(5001, 5018)
        let excerpt = TextReporter().excerpt(range, file)
        let lines = excerpt.split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertLessThan(excerpt.utf8.count, 500, excerpt)
        XCTAssertTrue(lines[1].contains("…aaaa"), String(lines[1]))
        XCTAssertTrue(lines[1].hasSuffix("bbb…"), String(lines[1]))
        // The caret sits under the `$`.
        let text = Array(lines[1].unicodeScalars), marker = Array(lines[2].unicodeScalars)
        let caret = marker.firstIndex(of: "^")!
        XCTAssertEqual(text[caret], "$")
        XCTAssertEqual(marker.filter { $0 == "~" }.count, 16)
    }

    func testShortLinesAreShownWhole() {
        let file = SourceFile(path: "main.tf", text: "  format = \"x\"\n")
        let excerpt = TextReporter().excerpt(file.range(2, 8), file)
        XCTAssertEqual(excerpt, "   |\n 1 |   format = \"x\"\n   |   ^~~~~~\n")
    }
}

/// The byte-wise XML escaping gives what escaping scalar by scalar gives.
final class XMLEscapingTests: XCTestCase {
    static func reference(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case "\t": out += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    func testMatchesScalarEscaping() {
        let samples = ["plain", "a \"quoted\" <tag> & 'it'", "tab\tnew\nline\r\u{0}\u{1F}\u{7F}", "é ü \u{1F600} \u{FFFE}x\u{FFFF}y\u{FFFD}\u{EFBF}",
                       "", "\r\n", "e\u{301}", "\u{FFFF}"]
        for text in samples {
            XCTAssertEqual(XML.escape(text), Self.reference(text), text.debugDescription)
        }
    }
}
