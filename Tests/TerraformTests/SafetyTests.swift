// Hostile or unusual input: files outside the scan root, devices, recursion, huge counts, cycles,
// remote modules; never a crash or a hang, always an unknown with a reason or a diagnostic.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

final class SafetyTests: XCTestCase {
    private func load(_ dir: TemporaryDirectory, _ subdirectories: [String] = [""], scanRoot: String? = nil) -> ResourceGraph {
        let dirs = subdirectories.map { $0.isEmpty ? dir.path : dir.path + "/" + $0 }
        return TerraformLoader.load(directories: dirs, options: TerraformOptions(scanRoot: scanRoot ?? dir.path))
    }

    private func attribute(_ graph: ResourceGraph, _ address: String, _ name: String) -> Value? {
        graph.resources.first { $0.address == address }?[name]
    }

    func testFileReadsStayInsideTheScanRootAndSkipDevices() throws {
        let dir = try TemporaryDirectory()
        try dir.write("inside.txt", "$context.requestId")
        try dir.write("main.tf", """
            resource "x" "inside" { v = file("${path.module}/inside.txt") }
            resource "x" "outside" { v = file("/etc/hostname") }
            resource "x" "escape" { v = file("../../etc/passwd") }
            resource "x" "device" { v = file("/dev/zero") }
            resource "x" "template" { v = templatefile("/dev/zero", {}) }
            resource "x" "missing" { v = file("nope.txt") }
            """)
        let graph = load(dir)
        XCTAssertEqual(attribute(graph, "x.inside", "v")?.stringValue, "$context.requestId")
        XCTAssertEqual(attribute(graph, "x.outside", "v")?.unknownReason?.kind, .external)
        XCTAssertEqual(attribute(graph, "x.escape", "v")?.unknownReason?.kind, .external)
        XCTAssertEqual(attribute(graph, "x.device", "v")?.unknownReason?.kind, .external)
        XCTAssertEqual(attribute(graph, "x.template", "v")?.unknownReason?.kind, .external)
        XCTAssertEqual(attribute(graph, "x.missing", "v")?.unknownReason?.kind, .external)
    }

    func testDeviceInsideTheScanRootIsNotRead() throws {
        // A scan root of "/" must still refuse /dev/zero (not a regular file).
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", "resource \"x\" \"d\" { v = file(\"/dev/zero\") }\n")
        let graph = load(dir, scanRoot: "/")
        XCTAssertEqual(attribute(graph, "x.d", "v")?.unknownReason?.kind, .external)
    }

    func testModuleCallingItselfIsAnErrorNotAHang() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", "module \"me\" {\n  source = \"./\"\n}\nresource \"x\" \"y\" {}\n")
        let graph = load(dir)
        XCTAssertTrue(graph.diagnostics.contains { $0.severity == .error && $0.message.contains("recursion") }, "\(graph.diagnostics)")
        XCTAssertEqual(graph.resources.map(\.address), ["x.y"])
    }

    func testMutuallyRecursiveModulesStop() throws {
        let dir = try TemporaryDirectory()
        dir.makeDirectory("a")
        dir.makeDirectory("b")
        try dir.write("main.tf", "module \"a\" {\n  source = \"./a\"\n}\n")
        try dir.write("a/main.tf", "module \"b\" {\n  source = \"../b\"\n}\nresource \"x\" \"a\" {}\n")
        try dir.write("b/main.tf", "module \"a\" {\n  source = \"../a\"\n}\nresource \"x\" \"b\" {}\n")
        let graph = load(dir)
        XCTAssertEqual(graph.resources.map(\.address).sorted(), ["module.a.module.b.x.b", "module.a.x.a"])
        XCTAssertTrue(graph.diagnostics.contains { $0.message.contains("recursion") })
    }

    func testHugeCountsAreCappedWithANote() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", """
            resource "x" "many" {
              count = 1000000
              v     = count.index
            }
            resource "x" "each" {
              for_each = toset([for i in range(20000) : tostring(i)])
              v        = each.key
            }
            locals { big = range(1000000000) }
            resource "x" "big" { v = local.big }
            """)
        let graph = load(dir)
        XCTAssertEqual(graph.resources.filter { $0.baseAddress == "x.many" }.count, 1)
        XCTAssertEqual(attribute(graph, "x.many", "v")?.unknownReason?.kind, .limit)
        XCTAssertTrue(graph.diagnostics.contains { $0.severity == .note && $0.message.contains("10000") })
        XCTAssertEqual(attribute(graph, "x.big", "v")?.unknownReason?.kind, .limit)
    }

    func testCyclesAndBadReferencesGiveInvalidUnknowns() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", """
            locals {
              a = local.b
              b = local.a
            }
            resource "x" "cycle" { v = local.a }
            resource "x" "self" { v = x.self.v }
            resource "x" "undeclared" { v = aws_nope.nope.arn }
            resource "x" "provider_fn" { v = provider::aws::arn_parse("arn:aws:x") }
            resource "x" "unknown_fn" { v = frobnicate(1) }
            resource "x" "deep" { v = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] }
            """)
        let graph = load(dir)
        XCTAssertEqual(attribute(graph, "x.cycle", "v")?.unknownReason?.kind, .invalid)
        XCTAssertEqual(attribute(graph, "x.self", "v")?.unknownReason?.kind, .invalid)
        XCTAssertEqual(attribute(graph, "x.undeclared", "v")?.unknownReason?.kind, .invalid)
        XCTAssertEqual(attribute(graph, "x.provider_fn", "v")?.unknownReason?.kind, .unsupportedFunction)
        XCTAssertEqual(attribute(graph, "x.unknown_fn", "v")?.unknownReason?.detail, "frobnicate")
        XCTAssertNotNil(attribute(graph, "x.deep", "v")?.listValue)
    }

    func testRemoteModuleWithoutInitIsUnknownWithANote() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", """
            module "logs" {
              source  = "terraform-aws-modules/cloudwatch/aws//modules/log-group"
              version = "5.0.0"
            }
            resource "aws_apigatewayv2_stage" "s" {
              api_id = "a"
              name   = "s"
              access_log_settings {
                destination_arn = module.logs.cloudwatch_log_group_arn
                format          = "$context.requestId"
              }
            }
            """)
        let graph = load(dir)
        let arn = graph.resources.first?["access_log_settings"]?.listValue?.first?["destination_arn"]
        XCTAssertEqual(arn?.unknownReason?.kind, .remoteModule)
        XCTAssertEqual(arn?.references.map(\.description), ["module.logs.cloudwatch_log_group_arn"])
        XCTAssertTrue(graph.diagnostics.contains { $0.severity == .note && $0.message.contains("terraform init") })
    }

    func testRemoteModuleResolvesThroughTheInitManifest() throws {
        let dir = try TemporaryDirectory()
        dir.makeDirectory(".terraform/modules/logs")
        try dir.write(".terraform/modules/modules.json",
                      #"{"Modules":[{"Key":"","Source":"","Dir":"."},{"Key":"logs","Source":"registry.terraform.io/x/logs/aws","Version":"1.0.0","Dir":".terraform/modules/logs"}]}"#)
        try dir.write(".terraform/modules/logs/main.tf", """
            variable "name" {}
            resource "aws_cloudwatch_log_group" "this" { name = var.name }
            output "name" { value = aws_cloudwatch_log_group.this.name }
            """)
        try dir.write("main.tf", """
            module "logs" {
              source = "x/logs/aws"
              name   = "/aws/apigateway/from-registry"
            }
            resource "x" "user" { v = module.logs.name }
            """)
        let graph = load(dir)
        XCTAssertEqual(attribute(graph, "x.user", "v")?.stringValue, "/aws/apigateway/from-registry")
        XCTAssertTrue(graph.resources.contains { $0.address == "module.logs.aws_cloudwatch_log_group.this" })
    }

    func testSyntaxErrorsBecomeDiagnosticsAndLoadingContinues() throws {
        let dir = try TemporaryDirectory()
        try dir.write("bad.tf", "resource \"x\" \"a\" {\n  v = \"unterminated\n}\n")
        try dir.write("good.tf", "resource \"x\" \"b\" { v = 1 }\n")
        try dir.write("bad.tf.json", "{\"resource\": [}")
        let graph = load(dir)
        XCTAssertTrue(graph.diagnostics.contains { $0.severity == .error && $0.range?.file.hasSuffix("bad.tf") == true })
        XCTAssertTrue(graph.diagnostics.contains { $0.severity == .error && $0.range?.file.hasSuffix("bad.tf.json") == true })
        XCTAssertEqual(attribute(graph, "x.b", "v")?.numberValue, 1)
    }

    func testRootsAreDirectoriesNoScannedModuleCalls() throws {
        let dir = try TemporaryDirectory()
        dir.makeDirectory("root")
        dir.makeDirectory("modules/stage")
        try dir.write("root/main.tf", "module \"s\" {\n  source = \"../modules/stage\"\n  name = \"from-root\"\n}\n")
        try dir.write("modules/stage/main.tf", "variable \"name\" {}\nresource \"x\" \"s\" { v = var.name }\n")
        let result = TerraformLoader.loadWithStatistics(directories: [dir.path + "/root", dir.path + "/modules/stage"],
                                                        options: TerraformOptions(scanRoot: dir.path))
        XCTAssertEqual(result.roots, [dir.path + "/root"])
        XCTAssertEqual(result.graph.resources.map(\.address), ["module.s.x.s"])
        XCTAssertEqual(result.graph.resources.first?["v"]?.stringValue, "from-root")
        // Loaded alone, the module is a root and its variable is unknown, not empty.
        let alone = TerraformLoader.load(directories: [dir.path + "/modules/stage"], options: TerraformOptions(scanRoot: dir.path))
        XCTAssertEqual(alone.resources.first?["v"]?.unknownReason?.kind, .unsetVariable)
    }
}

final class DepthTests: XCTestCase {
    func testLongChainsOfLocalsStopAtTheDepthLimit() throws {
        let dir = try TemporaryDirectory()
        var text = "locals {\n  l0 = 1\n"
        for i in 1...3000 { text += "  l\(i) = local.l\(i - 1) + 1\n" }
        text += "}\nresource \"x\" \"chain\" { v = local.l3000 }\nresource \"x\" \"short\" { v = local.l20 }\n"
        try dir.write("main.tf", text)
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        let chain = graph.resources.first { $0.address == "x.chain" }?["v"]
        XCTAssertEqual(chain?.unknownReason?.kind, .limit)
        XCTAssertEqual(graph.resources.first { $0.address == "x.short" }?["v"]?.numberValue, 21)
    }

    func testDeeplyNestedExpressionsDoNotOverflow() throws {
        let dir = try TemporaryDirectory()
        let depth = 400
        let text = "resource \"x\" \"deep\" { v = \(String(repeating: "[", count: depth))1\(String(repeating: "]", count: depth)) }\n"
            + "resource \"x\" \"json\" { v = jsondecode(\"\(String(repeating: "[", count: 500))\(String(repeating: "]", count: 500))\") }\n"
        try dir.write("main.tf", text)
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        XCTAssertEqual(graph.resources.count, 2)
    }
}

final class TemplateFileTests: XCTestCase {
    func testTemplateSyntaxErrorsPointIntoTheTemplateFile() throws {
        let dir = try TemporaryDirectory()
        try dir.write("bad.tpl", "first line\n${ unclosed\n")
        try dir.write("good.tpl", "%{ for k in keys ~}${k};%{ endfor ~}\n")
        try dir.write("main.tf", """
            resource "x" "bad" { v = templatefile("${path.module}/bad.tpl", {}) }
            resource "x" "good" { v = templatefile("${path.module}/good.tpl", { keys = ["a", "b"] }) }
            resource "x" "missing_var" { v = templatefile("${path.module}/good.tpl", {}) }
            """)
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        XCTAssertEqual(graph.resources.first { $0.address == "x.bad" }?["v"]?.unknownReason?.kind, .invalid)
        let error = try XCTUnwrap(graph.diagnostics.first { $0.range?.file.hasSuffix("bad.tpl") == true })
        XCTAssertEqual(error.range?.start.line, 2)
        XCTAssertEqual(graph.resources.first { $0.address == "x.good" }?["v"]?.stringValue, "a;b;")
        XCTAssertEqual(graph.resources.first { $0.address == "x.missing_var" }?["v"]?.unknownReason?.kind, .invalid)
    }
}
