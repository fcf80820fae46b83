// Whole configurations (multi-file modules, count, for_each, dynamic blocks, JSON syntax,
// overrides) evaluated into the graph and checked against real plans of the same fixtures.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

final class FixturesAgainstPlanTests: XCTestCase {
    func testModulesFixtureMatchesPlan() throws {
        let graph = try XCTUnwrap(assertGraphMatchesPlan("modules"))
        XCTAssertEqual(graph.diagnostics.filter { $0.severity == .error }, [])
    }

    func testDynamicFixtureMatchesPlan() throws {
        _ = try XCTUnwrap(assertGraphMatchesPlan("dynamic"))
    }

    func testJSONSyntaxFixtureMatchesPlan() throws {
        _ = try XCTUnwrap(assertGraphMatchesPlan("jsonsyntax"))
    }

    func testOverrideFixtureMatchesPlan() throws {
        _ = try XCTUnwrap(assertGraphMatchesPlan("override"))
    }

    func testFunctionsFixtureHasNoResources() {
        XCTAssertEqual(Fixture.load("functions").resources.count, 0)
    }
}
