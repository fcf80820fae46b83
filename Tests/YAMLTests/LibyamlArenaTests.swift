// libyaml's allocations go to iaclint's arena only when the probe saw libyaml route its own calls
// through iaclint's yaml_malloc; either way parsing must give the same tables.

import XCTest
@testable import YAML

final class LibyamlArenaTests: XCTestCase {
    func testDebianLibyamlRoutesItsAllocationsThroughTheArena() {
        // Debian's libyaml calls yaml_malloc through the PLT, so the arena is on here; elsewhere the
        // probe would turn it off (plain malloc, correct and slower) and this test says so.
        XCTAssertTrue(Mode.arenaEnabled, "libyaml binds yaml_malloc locally: the arena is off")
        XCTAssertTrue(Mode.usesHeaders)
    }

    func testParsesInsideAndOutsideTheArenaAgree() {
        let text = Array("a: [1, 2, {b: c}]\nd: |\n  text\n  more\ne: &x {f: g}\nh: *x\n".utf8)
        let first = YAMLReader.parseTable(text, path: "t.yaml", limits: .default, skippingReader: false)
        // Many parses on one thread reuse the kept chunk; the tables must not change.
        for _ in 0..<50 {
            let again = YAMLReader.parseTable(text, path: "t.yaml", limits: .default, skippingReader: false)
            XCTAssertEqual(again.nodes.count, first.nodes.count)
            XCTAssertTrue(again.text == first.text && again.children == first.children)
        }
    }
}
