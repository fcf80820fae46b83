// Tests for the flat node table the reader builds: lookups, ranges, tags, shared aliases, merges,
// and the tree made from it.

import XCTest
import IaCLintCore
@testable import YAML

final class YAMLNodeTableTests: XCTestCase {
    private func table(_ text: String) -> YAMLNodeTable {
        YAMLReader.parseTable(Array(text.utf8), path: "t.yaml")
    }

    private func pos(_ p: SourcePosition) -> [Int] { [p.line, p.column, p.offset] }

    func testLookupsRangesAndTags() throws {
        let t = table("a: 1\nb: !Ref Thing\nc:\n  - x\n  - 'y z'\na: 2\n")
        let root = try XCTUnwrap(t.root)
        XCTAssertEqual(t.entryCount(root), 4)
        // The last entry wins, as in the tree's subscript; the duplicate is reported.
        let a = try XCTUnwrap(t.value(root, "a"))
        XCTAssertEqual(t.scalar(a), "2")
        XCTAssertEqual(t.diagnostics.map(\.message), ["duplicate key \"a\" in a mapping"])
        let b = try XCTUnwrap(t.value(root, forKey: "b"))
        XCTAssertEqual(t.tag(b), "!Ref")
        XCTAssertEqual(t.scalar(b), "Thing")
        XCTAssertEqual(pos(t.range(b).start), [2, 4, 8])
        XCTAssertEqual(pos(t.range(b).end), [2, 14, 18])
        let c = try XCTUnwrap(t.value(root, "c"))
        XCTAssertEqual(t.items(c).compactMap { t.scalar($0) }, ["x", "y z"])
        XCTAssertEqual(t[try XCTUnwrap(t.items(c).last)].style, .quoted)
        XCTAssertNil(t.value(c, "x"), "a sequence has no keys")
        XCTAssertTrue(t.scalar(b, is: "Thing"))
        XCTAssertFalse(t.scalar(b, is: "Thin"))
    }

    func testAliasesShareTheAnchoredNodeAndMergesExpand() throws {
        let t = table("base: &b {x: 1, y: 2}\nuse: *b\nmerged:\n  <<: *b\n  y: 3\n")
        let root = try XCTUnwrap(t.root)
        XCTAssertEqual(t.value(root, "base"), t.value(root, "use"))
        let merged = try XCTUnwrap(t.value(root, "merged"))
        let keys = (0..<t.entryCount(merged)).compactMap { t.scalar(t.entry(merged, at: $0).key) }
        XCTAssertEqual(keys, ["x", "y"])
        XCTAssertEqual(t.value(merged, "y").flatMap { t.scalar($0) }, "3")
    }

    func testTreesMatchTheTable() throws {
        let text = "k: &v [a, !Sub 'b']\nl: *v\n---\nsecond: doc\n"
        let t = table(text)
        let trees = t.trees()
        XCTAssertEqual(trees.count, 2)
        let root = try XCTUnwrap(trees.first)
        // Aliases stay one shared object in the tree, as libyaml's anchors do.
        XCTAssertTrue(root["k"] === root["l"])
        XCTAssertEqual(root["k"]?.items?.map(\.scalar), ["a", "b"])
        XCTAssertEqual(root["k"]?.items?.last?.tag, "!Sub")
        XCTAssertEqual(trees[1]["second"]?.scalar, "doc")
        XCTAssertEqual(YAMLReader.parse(Array(text.utf8), path: "t.yaml").documents.count, 2)
    }

    func testAppendedNodesShareScalarBytes() throws {
        var t = table("v: Res.Attr\n")
        let root = try XCTUnwrap(t.root)
        let v = try XCTUnwrap(t.value(root, "v"))
        let range = t.range(v)
        let left = t.appendScalarSlice(of: v, from: 0, to: 3, style: .plain, range: range)
        let right = t.appendScalarSlice(of: v, from: 4, to: 99, style: .plain, range: range)
        XCTAssertEqual(t.scalar(left), "Res")
        XCTAssertEqual(t.scalar(right), "Attr", "a slice past the end is clamped")
        let untagged = t.retagged(v, tag: YAMLNodeTable.noTag)
        XCTAssertNil(t.tag(untagged))
        XCTAssertEqual(t.range(untagged), range)
    }
}
