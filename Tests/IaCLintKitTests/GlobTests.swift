import XCTest
@testable import IaCLintKit

final class GlobTests: XCTestCase {
    func testPatterns() {
        XCTAssertTrue(Glob("*.tf").matches("main.tf"))
        XCTAssertTrue(Glob("*.tf").matches("a/b/main.tf"))
        XCTAssertFalse(Glob("*.tf").matches("main.tf.json"))
        XCTAssertTrue(Glob("examples/**").matches("examples/a/b.tf"))
        XCTAssertTrue(Glob("examples/").matches("examples/a/b.tf"))
        XCTAssertFalse(Glob("examples/**").matches("src/examples.tf"))
        XCTAssertTrue(Glob("**/test/*.yaml").matches("a/test/t.yaml"))
        XCTAssertTrue(Glob("**/test/*.yaml").matches("test/t.yaml"))
        XCTAssertTrue(Glob("vendor").matches("vendor/x/y.tf"))
        XCTAssertTrue(Glob("modules/*/main.tf").matches("modules/api/main.tf"))
        XCTAssertFalse(Glob("modules/*/main.tf").matches("modules/api/sub/main.tf"))
        XCTAssertTrue(Glob("env-[ab].tf").matches("env-a.tf"))
        XCTAssertFalse(Glob("env-[!ab].tf").matches("env-a.tf"))
        XCTAssertTrue(Glob("env-?.tf").matches("env-c.tf"))
        XCTAssertTrue(Glob("./infra/*.yml").matches("infra/x.yml"))
    }
}
