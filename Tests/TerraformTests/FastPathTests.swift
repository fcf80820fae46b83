import XCTest
@testable import Terraform
import IaCLintCore

/// `FastPath` must give exactly what `Path` gives, on the odd paths too.
final class FastPathTests: XCTestCase {
    static let paths = ["", ".", "..", "/", "//", "a", "a/", "/a", "./a", "a/./b", "a/../b", "../a", "../../a/b", "a/../../b",
                        "/..", "/../a", "/a/../..", "a/b/../../..", "x//y///z/", "./", "../", "modules/../modules/./x",
                        ".../a", "a/.../..", "é/../b", "a/é/..", "/tmp/x/../../y", "a/..b/c", "a/b../..", ".hidden/../x",
                        "/work/shared/corpus/tf-real/apigw/x", "relative/dir", "/a/.", "/a/..", "a/.b", "a/b.", "/.a/b", "é", "/é/x"]

    func testNormalizeMatchesPath() {
        for p in FastPathTests.paths {
            XCTAssertEqual(FastPath.normalize(p), Path.normalize(p), p)
            if FastPath.isNormal(p) { XCTAssertEqual(Path.normalize(p), p, p) }
        }
        XCTAssertTrue(FastPath.isNormal("/work/shared/corpus/tf-real/apigw/x"))
        XCTAssertTrue(FastPath.isNormal("a/.b"))
        XCTAssertFalse(FastPath.isNormal("a/"))
    }

    func testInsideMatchesPath() {
        let paths = FastPathTests.paths
        for p in paths {
            for base in ["/", "/a", "/a/b", "/x/y", "/a/b/c"] {
                let absolute = Path.join("/a", p)
                XCTAssertEqual(FastPath.isInside(absolute, normalizedRoot: base), Path.isInside(absolute, root: base), "isInside(\(absolute), \(base))")
            }
        }
    }
}
