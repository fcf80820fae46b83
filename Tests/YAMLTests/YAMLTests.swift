// Tests for the positioned libyaml reader: ranges, tags, scalar styles, limits and errors.

import XCTest
import IaCLintCore
@testable import YAML

final class YAMLReaderTests: XCTestCase {
    private func parse(_ text: String, limits: YAMLLimits = .default) -> YAMLDocumentResult {
        YAMLReader.parse(Array(text.utf8), path: "t.yaml", limits: limits)
    }

    private func pos(_ p: SourcePosition) -> [Int] { [p.line, p.column, p.offset] }

    func testMappingKeyAndScalarRanges() throws {
        let result = parse("a: 1\nbb:\n  - x\n  - 'y z'\n")
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        let entries = try XCTUnwrap(root.entries)
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(pos(entries[0].key.range.start), [1, 1, 0])
        XCTAssertEqual(pos(entries[0].key.range.end), [1, 2, 1])
        XCTAssertEqual(pos(entries[0].value.range.start), [1, 4, 3])
        XCTAssertEqual(pos(entries[0].value.range.end), [1, 5, 4])
        XCTAssertEqual(pos(entries[1].key.range.start), [2, 1, 5])
        let seq = entries[1].value
        XCTAssertEqual(pos(seq.range.start), [3, 3, 11])
        // Block collections end at their last child, not at the next token.
        XCTAssertEqual(pos(seq.range.end), [4, 10, 24])
        let quoted = try XCTUnwrap(seq.items?[1])
        XCTAssertEqual(quoted.scalar, "y z")
        XCTAssertEqual(quoted.scalarStyle, .quoted)
        XCTAssertEqual(pos(quoted.range.start), [4, 5, 19])
        XCTAssertEqual(pos(root.range.end), [4, 10, 24])
    }

    func testNonASCIIColumnsCountScalarsAndOffsetsCountBytes() throws {
        // "é" is 2 bytes, "日本" 6 bytes, "😀" 4 bytes.
        let result = parse("é: 日本\nk: [😀, v]\n")
        XCTAssertEqual(result.diagnostics, [])
        let entries = try XCTUnwrap(result.root?.entries)
        XCTAssertEqual(pos(entries[0].key.range.end), [1, 2, 2])
        XCTAssertEqual(pos(entries[0].value.range.start), [1, 4, 4])
        XCTAssertEqual(pos(entries[0].value.range.end), [1, 6, 10])
        let flow = try XCTUnwrap(entries[1].value.items)
        XCTAssertEqual(pos(flow[0].range.start), [2, 5, 15])
        XCTAssertEqual(pos(flow[1].range.start), [2, 8, 21])
        XCTAssertEqual(pos(entries[1].value.range.end), [2, 10, 23])
    }

    func testByteOrderMarkIsToleratedAndCountedInOffsets() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a: b\n".utf8)
        let result = YAMLReader.parse(bytes, path: "t.yaml")
        XCTAssertEqual(result.diagnostics, [])
        let value = try XCTUnwrap(result.root?["a"])
        XCTAssertEqual(value.scalar, "b")
        XCTAssertEqual(pos(value.range.start), [1, 4, 6])
    }

    func testShortFormTagsAreKept() throws {
        let result = parse("""
            A: !Ref Foo
            B: !GetAtt [X, Arn]
            C: !Sub
              - "${x}"
              - x: 1
            D: !!str 12
            """)
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["A"]?.tag, "!Ref")
        XCTAssertEqual(root["A"]?.scalar, "Foo")
        // The node's range starts at its tag.
        XCTAssertEqual(root["A"].map { pos($0.range.start) }, [1, 4, 3])
        XCTAssertEqual(root["B"]?.tag, "!GetAtt")
        XCTAssertEqual(root["B"]?.items?.count, 2)
        XCTAssertEqual(root["C"]?.tag, "!Sub")
        XCTAssertEqual(root["D"]?.tag, "tag:yaml.org,2002:str")
        XCTAssertEqual(root["D"]?.value.stringValue, "12")
    }

    func testBlockScalarsAndChomping() throws {
        let result = parse("lit: |\n  a\n  b\n\nfold: >-\n  a\n  b\nkeep: |+\n  x\n\nend: 1\n")
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["lit"]?.scalar, "a\nb\n")
        XCTAssertEqual(root["lit"]?.scalarStyle, .literal)
        XCTAssertEqual(root["fold"]?.scalar, "a b")
        XCTAssertEqual(root["fold"]?.scalarStyle, .folded)
        XCTAssertEqual(root["keep"]?.scalar, "x\n\n")
        XCTAssertEqual(root["end"]?.value.numberValue, 1)
        // A block scalar ends after its last text, not at the next key.
        XCTAssertEqual(root["lit"].map { pos($0.range.start) }, [1, 6, 5])
        XCTAssertEqual(root["lit"].map { pos($0.range.end) }, [3, 4, 14])
        XCTAssertEqual(root["keep"].map { pos($0.range.end) }, [9, 4, 45])
    }

    func testScalarsAreReadAsCloudFormationReadsThem() throws {
        let result = parse("""
            a: yes
            b: on
            c: 0755
            d: true
            e: False
            f: 42
            g: -3.5
            h: "42"
            i: ~
            j:
            k: 2010-09-09
            l: 123456789012
            m: 1e3
            n: 12345678901234567890
            o: 0
            """)
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["a"]?.value.kind, .string("yes"))
        XCTAssertEqual(root["b"]?.value.kind, .string("on"))
        XCTAssertEqual(root["c"]?.value.kind, .string("0755"))
        XCTAssertEqual(root["d"]?.value.kind, .bool(true))
        XCTAssertEqual(root["e"]?.value.kind, .bool(false))
        XCTAssertEqual(root["f"]?.value.kind, .number(42))
        XCTAssertEqual(root["g"]?.value.kind, .number(-3.5))
        XCTAssertEqual(root["h"]?.value.kind, .string("42"))
        XCTAssertEqual(root["i"]?.value.kind, .null)
        XCTAssertEqual(root["j"]?.value.kind, .null)
        XCTAssertEqual(root["k"]?.value.kind, .string("2010-09-09"))
        XCTAssertEqual(root["l"]?.value.kind, .number(123456789012))
        XCTAssertEqual(root["m"]?.value.kind, .number(1000))
        XCTAssertEqual(root["n"]?.value.kind, .string("12345678901234567890"))
        XCTAssertEqual(root["o"]?.value.kind, .number(0))
    }

    func testYAMLDirectiveAndDocumentMarkers() throws {
        let result = parse("%YAML 1.1\n---\na: b\n...\n---\nc: d\n")
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertEqual(result.documents.count, 2)
        XCTAssertEqual(result.root?["a"]?.scalar, "b")
        XCTAssertEqual(result.documents[1]["c"]?.scalar, "d")
    }

    func testDuplicateKeysReportBothLocations() throws {
        let result = parse("Resources:\n  A: 1\n  B: 2\n  A: 3\n")
        XCTAssertEqual(result.diagnostics.count, 1)
        let d = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(d.severity, .error)
        XCTAssertEqual(d.message, "duplicate key \"A\" in a mapping")
        XCTAssertEqual(d.range.map { pos($0.start) }, [4, 3, 27])
        XCTAssertEqual(d.related.first?.message, "first defined here")
        XCTAssertEqual(d.related.first.map { pos($0.range.start) }, [2, 3, 13])
        // The tree is still built.
        XCTAssertEqual(result.root?["Resources"]?.entries?.count, 3)
    }

    func testDuplicateKeysInLargeMappings() throws {
        var text = ""
        for i in 0..<40 { text += "k\(i): \(i)\n" }
        text += "k7: again\n"
        let result = parse(text)
        XCTAssertEqual(result.diagnostics.map(\.message), ["duplicate key \"k7\" in a mapping"])
        XCTAssertEqual(result.diagnostics.first?.related.first?.range.start.line, 8)
    }

    func testAnchorsAliasesAndMergeKeys() throws {
        let result = parse("base: &b\n  x: 1\n  y: 2\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n")
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["use"]?["x"]?.value.numberValue, 1)
        let merged = try XCTUnwrap(root["merged"])
        XCTAssertEqual(merged.entries?.map { $0.key.scalar ?? "" }, ["x", "y"])
        XCTAssertEqual(merged["y"]?.value.numberValue, 3)
    }

    func testOnlyPlainUntaggedMergeKeysMerge() throws {
        let result = parse("base: &b\n  x: 1\nquoted:\n  '<<': *b\n  y: 2\ntagged:\n  !!str <<: *b\nflow: {<<: *b, z: 3}\n")
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["quoted"]?.entries?.map { $0.key.scalar ?? "" }, ["<<", "y"])
        XCTAssertEqual(root["tagged"]?.entries?.map { $0.key.scalar ?? "" }, ["<<"])
        XCTAssertEqual(root["flow"]?.entries?.map { $0.key.scalar ?? "" }, ["x", "z"])
    }

    func testAliasBombIsAnErrorNotAHang() throws {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...12 {
            let prev = "*a\(i - 1)"
            text += "a\(i): &a\(i) [\(Array(repeating: prev, count: 10).joined(separator: ", "))]\n"
        }
        let result = parse(text)
        XCTAssertEqual(result.diagnostics.count, 1)
        XCTAssertTrue(result.diagnostics[0].message.hasPrefix("YAML expands to more than"))
        XCTAssertEqual(result.documents.count, 0)
    }

    func testUndefinedAlias() {
        let result = parse("a: *nope\n")
        XCTAssertEqual(result.diagnostics.map(\.message), ["alias *nope refers to no anchor defined before it"])
    }

    func testDepthCap() {
        let text = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let result = parse(text, limits: YAMLLimits(maxDepth: 50))
        XCTAssertEqual(result.diagnostics.map(\.message), ["YAML nesting is deeper than 50 levels"])
        XCTAssertEqual(result.diagnostics.first?.range?.start.column, 51)
    }

    func testSyntaxErrorHasProblemAndMark() throws {
        let result = parse("a: b\n c: d\n")
        let d = try XCTUnwrap(result.diagnostics.first)
        XCTAssertEqual(d.message, "YAML syntax error: mapping values are not allowed in this context")
        XCTAssertEqual(d.range.map { [$0.start.line, $0.start.column] }, [2, 3])
    }

    func testTabIndentationExplained() throws {
        let result = parse("a:\n\tb: c\n")
        let d = try XCTUnwrap(result.diagnostics.first)
        XCTAssertTrue(d.message.hasPrefix("YAML syntax error"))
        XCTAssertEqual(d.detail, "YAML does not allow tab characters for indentation; use spaces.")
    }

    func testJSONWithTabsAndNoSpaceAfterColon() throws {
        let result = parse("{\n\t\"a\":{\"b\":[1,\"x\"]},\n\t\"c\": true\n}\n")
        XCTAssertEqual(result.diagnostics, [])
        let root = try XCTUnwrap(result.root)
        XCTAssertEqual(root["a"]?["b"]?.items?.count, 2)
        XCTAssertEqual(root["c"]?.value.kind, .bool(true))
        XCTAssertEqual(root["a"].map { pos($0.range.start) }, [2, 6, 7])
        XCTAssertEqual(root["a"].map { pos($0.range.end) }, [2, 19, 20])
    }

    func testEmptyInput() {
        let result = YAMLReader.parse([], path: "e.yaml")
        XCTAssertNil(result.root)
        XCTAssertEqual(result.diagnostics, [])
        XCTAssertNil(parse("# only a comment\n").root)
    }

    func testValueConversionKeepsKeyRanges() throws {
        let value = try XCTUnwrap(parse("a:\n  b: x\n").root?.value)
        let entry = try XCTUnwrap(value["a"]?.entry("b"))
        XCTAssertEqual(entry.keyRange.map { pos($0.start) }, [2, 3, 5])
        XCTAssertEqual(entry.value.range.map { pos($0.start) }, [2, 6, 8])
    }
}
