import XCTest
@testable import Terraform
import IaCLintCore

/// `FastPath` must give exactly what `Path` gives, on the odd paths too.
final class FastPathTests: XCTestCase {
    func testInsideMatchesPath() {
        let paths = ["", ".", "..", "/", "//", "a", "a/", "/a", "./a", "a/./b", "a/../b", "../a", "../../a/b", "a/../../b",
                     "/..", "/../a", "/a/../..", "a/b/../../..", "x//y///z/", "./", "../", "modules/../modules/./x",
                     ".../a", "a/.../..", "é/../b", "a/é/..", "/tmp/x/../../y", "a/..b/c", "a/b../..", ".hidden/../x"]
        for p in paths {
            for base in ["/", "/a", "/a/b", "/x/y", "/a/b/c"] {
                let absolute = Path.join("/a", p)
                XCTAssertEqual(FastPath.isInside(absolute, normalizedRoot: base), Path.isInside(absolute, root: base), "isInside(\(absolute), \(base))")
            }
        }
    }
}
