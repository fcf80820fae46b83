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

final class ReferenceSampleTests: XCTestCase {
    /// The domain reference's sample (REST, HTTP, a WebSocket stage in a child module whose
    /// `dynamic` block depends on an unknown value) against its real plan, read in place.
    func testReferenceSampleMatchesItsPlan() throws {
        let dir = Path.normalize(Path.join(TestPaths.repositoryRoot, "../shared/reference/samples/tf-plan"))
        guard FileSystem.kind(Path.join(dir, "plan.json")) == .regular else {
            throw XCTSkip("skipped: ../shared/reference/samples/tf-plan is not beside this checkout")
        }
        let graph = TerraformLoader.load(directories: [dir], options: TerraformOptions(scanRoot: Path.directory(of: dir)))
        let text = try XCTUnwrap(TestPaths.readText(Path.join(dir, "plan.json")))
        let plan = try XCTUnwrap(TerraformLoader.decodeJSON(Array(text.utf8), path: "plan.json"))
        let changes = Fixture.planChanges(plan)
        XCTAssertEqual(Set(graph.resources.map(\.address)), Set(changes.keys))
        var comparator = PlanComparator()
        for r in graph.resources {
            guard let change = changes[r.address]?["change"] else { continue }
            comparator.compare(r.attributes, after: change["after"], unknown: change["after_unknown"], path: r.address)
        }
        XCTAssertEqual(comparator.mismatches, [])
        let ws = try XCTUnwrap(graph.resources.first { $0.type == "aws_apigatewayv2_stage" && $0.address.hasPrefix("module.child") })
        XCTAssertTrue(ws["access_log_settings"]?.isUnknown == true, "\(String(describing: ws["access_log_settings"]))")
    }
}
