// Printable-ASCII files skip libyaml's reader (DecodedInput): the tables must be exactly those the
// reader gives, ranges, texts and diagnostics included, on edge cases and on the public corpora.

import XCTest
import IaCLintCore
import TestSupport
@testable import YAML

final class ReaderSkipTests: XCTestCase {
    /// Everything a table holds, written out, so two parses compare as strings.
    private func dump(_ t: YAMLNodeTable) -> String {
        var out = "tags \(t.tags) documents \(t.documents) children \(t.children.count) \(t.children.hashValue)\n"
        for (i, n) in t.nodes.enumerated() {
            out += "\(i) \(n.kind) \(n.style) \(n.tag) \(n.first) \(n.count) \(n.range.start) \(n.range.end)\n"
        }
        for d in t.diagnostics { out += "\(d) \(String(describing: d.range)) \(d.related.map { "\($0.message) \(String(describing: $0.range))" })\n" }
        return out
    }

    private func assertSameTables(_ bytes: [UInt8], _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let skipped = YAMLReader.parseTable(bytes, path: name, limits: .default, skippingReader: true)
        let read = YAMLReader.parseTable(bytes, path: name, limits: .default, skippingReader: false)
        XCTAssertEqual(dump(skipped), dump(read), name, file: file, line: line)
        XCTAssertTrue(skipped.text == read.text && skipped.children == read.children, name, file: file, line: line)
    }

    func testPrintableASCIIDetection() {
        func check(_ text: String) -> Bool { Array(text.utf8).withUnsafeBufferPointer { DecodedInput.isPrintableASCII($0) } }
        XCTAssertTrue(check("a: 1\r\n\tb: 'x y'\n~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"))
        XCTAssertTrue(check(String(repeating: "abcdefg\n", count: 9)))
        XCTAssertFalse(check("a: 1\n# caf\u{E9}\n"))
        XCTAssertFalse(check("a: b\u{7F}cdefghijk"))
        XCTAssertFalse(check("abcdefgh\u{0}ij"))
        XCTAssertFalse(check("abcdefgh\u{1B}"))
        XCTAssertFalse(check("\u{FEFF}a: 1\n"))
    }

    func testEdgeCasesMatchTheReader() {
        let cases = [
            "a: 1", "a: 1\n", "a: 1\r\nb: 2\r\n", "---\n", "--- |\n  text\n", "a: |\n  x\n\n\n", "a: >-\n  folded\n  text",
            "- [1, 2", "{a: 1", "a: 'unterminated", "a: \"esc \\x41 \\t \\u263A\"\n", "a:\n\t- b\n", "a: b: c\n",
            "# only a comment", "a: &x 1\nb: *x\nc: *y\n", "? complex\n: key\n", "a: 1\n...\n---\nb: 2\n",
            "%YAML 1.1\n---\na: !!str 1\n", "a: !Sub '${X}'\nb: !GetAtt A.B\n", "   \n  \n", "a: [1,\n  2,\n  3]",
            "key:    \t  value\t\n", "a: 1\n\t\n", String(repeating: "k: v\n", count: 5000),
        ]
        for (i, text) in cases.enumerated() { assertSameTables(Array(text.utf8), "case\(i).yaml") }
    }

    func testCorporaMatchTheReader() throws {
        var checked = 0
        for sub in ["cfn", "sam"] {
            guard let root = TestPaths.corpus(sub) else { throw XCTSkip(TestPaths.corpusSkipMessage(sub)) }
            for path in CorpusWalk.files(under: root, extensions: [".yaml", ".yml", ".template"]) {
                guard case .success(let bytes) = FileSystem.read(path) else { continue }
                assertSameTables(bytes, path)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 1000)
    }
}
