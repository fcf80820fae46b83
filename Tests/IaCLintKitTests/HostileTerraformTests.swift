// Hostile Terraform configurations: modules that call themselves or point outside the scan or
// nowhere, huge for_each, and file()/templatefile() aimed at devices or outside the scanned root.

import XCTest
@testable import IaCLintKit
import IaCLintCore

final class HostileTerraformTests: HostileTestCase {
    func testModuleThatCallsItself() {
        write("loop/main.tf", "module \"again\" {\n  source = \"./\"\n}\n" + Self.badStage)
        write("pair/a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\n")
        write("pair/b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\n")
        addNeighbour()
        let result = lint()
        assertInputError(result, in: "loop/main.tf", atLine: 1, containing: "recursion")
        XCTAssertTrue(result.findings.contains { $0.ruleID == "IAC001" && $0.range?.file.hasPrefix("pair/") == true }, describe(result))
        // The stage in the module that calls itself is still checked, once.
        XCTAssertEqual(result.findings.filter { $0.ruleID == "APIGW001" && $0.range?.file == "loop/main.tf" }.count, 1, describe(result))
        assertNeighbourChecked(result)
    }

    func testModuleSourceMissingOrOutsideTheRoot() {
        write("outside/modules/api/main.tf", Self.badStage)
        write("scan/missing/main.tf", "module \"gone\" {\n  source = \"./nowhere\"\n}\n")
        write("scan/escape/main.tf", "module \"out\" {\n  source = \"../../outside/modules/api\"\n}\n")
        addNeighbour("scan/neighbour/main.tf")
        let result = lint(in: "scan")
        assertInputError(result, in: "missing/main.tf", atLine: 2, containing: "nowhere")
        // Outside the root: not read (its stage is not reported), and a located error says so and how
        // to check it, since its stages would otherwise go unchecked.
        XCTAssertFalse(result.findings.contains { $0.range?.file.contains("outside") == true }, describe(result))
        assertInputError(result, in: "escape/main.tf", atLine: 2, containing: "outside the scanned directory")
        assertNeighbourChecked(result, "neighbour/main.tf")
    }

    func testForEachOverAMillionElementsIsCappedAndUnknown() {
        write("many/main.tf", """
            resource "aws_api_gateway_stage" "many" {
              for_each      = toset(flatten([for i in range(1000) : range(i * 1000, (i + 1) * 1000)]))
              rest_api_id   = "abc123"
              deployment_id = "d1"
              stage_name    = each.key
            }

            """)
        addNeighbour()
        let result = lint(seconds: 60)
        XCTAssertFalse(result.hadInputErrors, describe(result))
        // Capped: not a million findings, no expanded instances; a note says why the result is unknown.
        XCTAssertLessThanOrEqual(result.findings.filter { $0.range?.file == "many/main.tf" && $0.ruleID == "APIGW001" }.count, 1, describe(result))
        XCTAssertEqual(result.graph.resources.filter { $0.address.hasPrefix("aws_api_gateway_stage.many") }.count, 1)
        XCTAssertTrue(result.notes.contains { $0.range?.file == "many/main.tf" && $0.message.contains("for_each") && $0.message.contains("unknown") },
                      result.notes.map { "\($0.range?.description ?? "-") \($0.message)" }.joined(separator: "\n"))
        assertNeighbourChecked(result)
    }

    func testNestedForExpressionsThatMultiplyAreBounded() {
        // 100,000 × 100,000 elements: each `for` is under the per-expression cap; the load-wide budget stops it.
        write("nested/main.tf", """
            locals {
              big = [for i in range(100000) : [for j in range(100000) : j]]
              txt = <<-EOT
                %{ for i in range(100000) }%{ for j in range(100000) }${j}%{ endfor }%{ endfor }
              EOT
            }
            resource "aws_api_gateway_stage" "nested" {
              for_each      = toset(flatten(local.big))
              rest_api_id   = "abc123"
              deployment_id = "d1"
              stage_name    = local.txt
            }

            """)
        addNeighbour()
        let result = lint(seconds: 120)
        XCTAssertFalse(result.hadInputErrors, describe(result))
        XCTAssertEqual(result.graph.resources.filter { $0.address.hasPrefix("aws_api_gateway_stage.nested") }.count, 1)
        assertNeighbourChecked(result)
    }

    func testFileAndTemplatefileOnDevicesAndOutsideTheRoot() {
        write("outside/secret.txt", "s3cr3t")
        write("scan/files/main.tf", """
            resource "aws_api_gateway_stage" "zero" {
              rest_api_id   = "abc123"
              deployment_id = "d1"
              stage_name    = file("/dev/zero")
              description   = templatefile("/dev/zero", {})
            }
            resource "aws_api_gateway_stage" "escape" {
              rest_api_id   = "abc123"
              deployment_id = "d1"
              stage_name    = file("../../outside/secret.txt")
              description   = templatefile("/etc/passwd", {})
            }
            resource "aws_api_gateway_stage" "pipe" {
              rest_api_id   = "abc123"
              deployment_id = "d1"
              stage_name    = file("${path.module}/pipe")
            }

            """)
        addNeighbour("scan/neighbour/main.tf")
        XCTAssertEqual(mkfifo(path("scan/files/pipe"), 0o644), 0)  // inside the root, but a read would block
        let result = lint(in: "scan")
        for name in ["zero", "escape", "pipe"] {
            guard let stage = result.graph.resources.first(where: { $0.address == "aws_api_gateway_stage.\(name)" }) else {
                XCTFail("stage \(name) missing"); continue
            }
            for attribute in name == "pipe" ? ["stage_name"] : ["stage_name", "description"] {
                guard case .unknown? = stage.attributes[attribute]?.kind else {
                    XCTFail("\(name).\(attribute) must stay unknown (not read), got \(String(describing: stage.attributes[attribute]?.kind))"); continue
                }
            }
        }
        XCTAssertFalse(String(describing: result.graph.resources).contains("s3cr3t"))
        // Each refusal is a located note, so a user sees why the value is unknown.
        let notes = result.notes.map { "\($0.range?.description ?? "-") \($0.message)" }
        for expected in ["files/main.tf:4:19 file(\"/dev/zero\") is outside the scanned directory",
                         "files/main.tf:5:19 templatefile(\"/dev/zero\") is outside the scanned directory",
                         "files/main.tf:16:19 file(\"./pipe\") is not a regular file",
                         "files/main.tf:10:19 file(\"../../outside/secret.txt\") is outside the scanned directory",
                         "files/main.tf:11:19 templatefile(\"/etc/passwd\") is outside the scanned directory"] {
            XCTAssertTrue(notes.contains { $0.hasPrefix(expected) }, "missing note \(expected) in \(notes)")
        }
        assertNeighbourChecked(result, "neighbour/main.tf")
    }
}
