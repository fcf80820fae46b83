// The graph's shape: addresses, instance keys, ranges, `via`, reference edges, depends_on,
// module calls, empty declarations and variable precedence.

import XCTest
import IaCLintCore
import TestSupport
@testable import Terraform

final class GraphShapeTests: XCTestCase {
    private func resource(_ graph: ResourceGraph, _ address: String, file: StaticString = #filePath, line: UInt = #line) throws -> Resource {
        try XCTUnwrap(graph.resources.first { $0.address == address }, "no \(address) in \(graph.resources.map(\.address))", file: file, line: line)
    }

    private func relative(_ range: SourceRange?) -> String {
        guard let r = range else { return "nil" }
        return "\(Path.relative(r.file, to: Fixture.directory(""))):\(r.start.line):\(r.start.column)-\(r.end.line):\(r.end.column)"
    }

    func testModuleInstancesAreAddressedAsTerraformPrintsThem() throws {
        let graph = Fixture.load("modules")
        let addresses = Set(graph.resources.map(\.address))
        for a in ["module.stage[0].aws_api_gateway_stage.this", "module.stage[1].aws_cloudwatch_log_group.own",
                  "module.regional[\"eu\"].aws_api_gateway_stage.this", "aws_cloudwatch_log_group.stage[\"prod\"]",
                  "aws_cloudwatch_log_group.stage[\"test\"]"] {
            XCTAssertTrue(addresses.contains(a), a)
        }
        let group = try resource(graph, "aws_cloudwatch_log_group.stage[\"test\"]")
        XCTAssertEqual(group.instanceKey, "\"test\"")
        XCTAssertEqual(group.baseAddress, "aws_cloudwatch_log_group.stage")
        XCTAssertEqual(group.origin, .terraform)
        XCTAssertEqual(group.scope, Fixture.directory("modules"))
        XCTAssertEqual(relative(group.range), "modules/main.tf:11:1-11:44")
        // optional() default filled: test has no retention, gets 7.
        XCTAssertEqual(group["retention_in_days"]?.numberValue, 7)
        // tfvars precedence: terraform.tfvars beats the default, b.auto.tfvars beats terraform.tfvars.
        XCTAssertEqual(group["name"]?.stringValue, "/aws/apigateway/staging-tfvars-auto/test")
    }

    func testValuePassedIntoAModuleKeepsBothLinesAndItsEdge() throws {
        let graph = Fixture.load("modules")
        let stage = try resource(graph, "module.stage[1].aws_api_gateway_stage.this")
        XCTAssertEqual(stage.moduleCalls.map { relative($0.range) }, ["modules/main.tf:25:1-25:15"])
        let settings = try XCTUnwrap(stage["access_log_settings"]?.listValue)
        XCTAssertEqual(settings.count, 1)
        let arn = try XCTUnwrap(settings[0]["destination_arn"])
        XCTAssertEqual(arn.unknownReason?.kind, .knownAfterApply)
        XCTAssertEqual(arn.unknownReason?.detail, "aws_cloudwatch_log_group.stage[\"prod\"].arn")
        XCTAssertEqual(arn.references.first?.target, "aws_cloudwatch_log_group.stage[\"prod\"]")
        XCTAssertEqual(arn.references.first?.attribute, "arn")
        XCTAssertEqual(relative(arn.range), "modules/modules/stage/main.tf:12:23-12:40")
        XCTAssertEqual(arn.via.map(relative), ["modules/main.tf:31:19-31:61"])

        let format = try XCTUnwrap(settings[0]["format"])
        XCTAssertEqual(format.stringValue,
                       #"{"html":"\u003cb\u003e\u0026\u003c/b\u003e","ip":"$context.identity.sourceIp","requestId":"$context.requestId","status":"$context.status"}"#)
        XCTAssertEqual(relative(format.range), "modules/modules/stage/main.tf:13:23-13:33")
        // Caller's `format = local.log_format`, then the local's definition.
        XCTAssertEqual(format.via.map(relative), ["modules/main.tf:2:16-7:5", "modules/main.tf:32:19-32:35"])
        XCTAssertEqual(stage["stage_name"]?.stringValue, "s1")
        XCTAssertEqual(stage.dependsOn, [Reference(target: "module.stage[1].aws_cloudwatch_log_group.own", kind: .dependsOn,
                                                   range: stage.dependsOn.first?.range)])
    }

    func testKnownValueFromAResourceKeepsItsEdge() throws {
        let outputs = TerraformLoader.rootOutputs(directory: Fixture.directory("modules"), options: Fixture.options())
        let name = try XCTUnwrap(outputs["stage_group_name"])
        XCTAssertEqual(name.stringValue, "/aws/apigateway/s1")
        XCTAssertEqual(name.references.map(\.description), ["module.stage[1].aws_cloudwatch_log_group.own.name"])
    }

    func testCommandLineAndEnvironmentVariables() throws {
        let cli = Fixture.load("modules") { $0.variables = ["env": "cli"]; $0.environment = ["TF_VAR_from_tfvars": "env"] }
        // --var beats tfvars; TF_VAR_ loses against terraform.tfvars.
        XCTAssertEqual(try resource(cli, "aws_cloudwatch_log_group.stage[\"prod\"]")["name"]?.stringValue,
                       "/aws/apigateway/cli-tfvars-auto/prod")
        let complex = Fixture.load("modules") { $0.variables = ["stages": #"{ only = { retention = 1 } }"#] }
        XCTAssertEqual(complex.resources.filter { $0.baseAddress == "aws_cloudwatch_log_group.stage" }.map(\.address),
                       ["aws_cloudwatch_log_group.stage[\"only\"]"])
    }

    func testVarFileBeatsAutoTfvars() throws {
        let dir = try TemporaryDirectory()
        try dir.write("extra.tfvars", "auto_wins = \"var-file\"\n")
        let graph = Fixture.load("modules") { $0.varFiles = [dir.path + "/extra.tfvars"] }
        XCTAssertEqual(try resource(graph, "aws_cloudwatch_log_group.stage[\"prod\"]")["name"]?.stringValue,
                       "/aws/apigateway/staging-tfvars-var-file/prod")
    }

    func testDynamicBlocksAndEmptyDeclarations() throws {
        let graph = Fixture.load("dynamic")
        let on = try resource(graph, "aws_apigatewayv2_stage.on")
        XCTAssertEqual(on["access_log_settings"]?.listValue?.count, 1)
        let routes = try XCTUnwrap(on["route_settings"]?.listValue)
        XCTAssertEqual(routes.map { $0["route_key"]?.stringValue }, ["GET /a", "POST /b"])
        XCTAssertEqual(routes.map { $0["throttling_burst_limit"]?.numberValue }, [20, 40])
        let off = try resource(graph, "aws_apigatewayv2_stage.off")
        XCTAssertEqual(off["access_log_settings"]?.listValue?.count, 0)
        XCTAssertTrue(graph.isEmptyDeclaration("aws_cloudwatch_log_group.never", scope: Fixture.directory("dynamic")))
        XCTAssertTrue(graph.isEmptyDeclaration("aws_cloudwatch_log_group.nothing", scope: Fixture.directory("dynamic")))
        XCTAssertFalse(graph.resources.contains { $0.baseAddress == "aws_cloudwatch_log_group.never" })
        let role = try resource(graph, "aws_iam_role.cloudwatch")
        let policy = try XCTUnwrap(role["assume_role_policy"])
        XCTAssertTrue(policy.stringValue?.contains("\"Service\": \"apigateway.amazonaws.com\"") == true)
        XCTAssertEqual(policy.references.first?.target, "data.aws_iam_policy_document.assume")
        XCTAssertEqual(policy.references.first?.attribute, "json")
    }

    func testUnknownDynamicCollectionMakesTheBlockUnknown() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", """
            variable "enabled" { type = bool }
            resource "aws_apigatewayv2_stage" "s" {
              api_id = "x"
              name   = "s"
              dynamic "access_log_settings" {
                for_each = var.enabled ? [1] : []
                content { format = "$context.requestId" }
              }
            }
            """)
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        let s = try resource(graph, "aws_apigatewayv2_stage.s")
        XCTAssertEqual(s["access_log_settings"]?.unknownReason?.kind, .unsetVariable)
    }

    func testJSONSyntaxTemplatesAndRanges() throws {
        let graph = Fixture.load("jsonsyntax")
        let stage = try resource(graph, "aws_api_gateway_stage.s")
        let settings = try XCTUnwrap(stage["access_log_settings"]?.listValue?.first)
        XCTAssertEqual(settings["format"]?.stringValue, #"{"requestId":"$context.requestId","status":"$context.status"}"#)
        let arn = try XCTUnwrap(settings["destination_arn"])
        XCTAssertEqual(arn.references.first?.description, "aws_cloudwatch_log_group.access.arn")
        XCTAssertEqual(relative(arn.range), "jsonsyntax/main.tf.json:21:33-21:68")
        XCTAssertEqual(stage.dependsOn.map(\.target), ["aws_cloudwatch_log_group.access"])
        let outputs = TerraformLoader.rootOutputs(directory: Fixture.directory("jsonsyntax"), options: Fixture.options())
        XCTAssertEqual(outputs["group"]?.stringValue, "/aws/apigateway/json-${literal}")
    }

    func testOverrideFilesMergeArgumentsAndBlocks() throws {
        let graph = Fixture.load("override")
        let group = try resource(graph, "aws_cloudwatch_log_group.access")
        XCTAssertEqual(group["retention_in_days"]?.numberValue, 30)
        XCTAssertEqual(group["name"]?.stringValue, "/aws/apigateway/original")
        let stage = try resource(graph, "aws_apigatewayv2_stage.ws")
        XCTAssertEqual(stage["access_log_settings"]?.listValue?.map { $0["format"]?.stringValue }, ["$context.connectionId $context.eventType"])
        let outputs = TerraformLoader.rootOutputs(directory: Fixture.directory("override"), options: Fixture.options())
        XCTAssertEqual(outputs["locals"]?.stringValue, "kept/from-override")
    }
}

final class WorkingDirectoryTests: XCTestCase {
    /// The pipeline passes paths relative to its own working directory, which need not be the process's.
    func testRelativePathsResolveAgainstTheGivenWorkingDirectory() throws {
        let base = Fixture.directory("")
        let options = TerraformOptions(scanRoot: base, fileReader: { path in FileSystem.read(path.hasPrefix("/") ? path : Path.join(base, path)) },
                                       workingDirectory: base)
        let graph = TerraformLoader.load(directories: ["modules", "modules/modules/stage"], options: options)
        let stage = try XCTUnwrap(graph.resources.first { $0.address == "module.stage[0].aws_api_gateway_stage.this" })
        XCTAssertEqual(stage.scope, "modules")
        XCTAssertEqual(stage.range?.file, "modules/modules/stage/main.tf")
        XCTAssertEqual(stage.moduleCalls.first?.range.file, "modules/main.tf")
        let outputs = TerraformLoader.rootOutputs(directory: "functions", options: options)
        XCTAssertEqual(outputs["templatefile"]?.stringValue?.hasPrefix("{\"stage\":\"prod\""), true)
    }
}

final class JSONSyntaxDetailTests: XCTestCase {
    func testJSONDynamicBlocksCommentsAndRepeatedBlocks() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf.json", #"""
            {
              "//": "a comment",
              "variable": { "enabled": { "default": true } },
              "resource": {
                "aws_apigatewayv2_stage": {
                  "s": {
                    "api_id": "a",
                    "name": "s",
                    "dynamic": {
                      "access_log_settings": {
                        "for_each": "${var.enabled ? [1] : []}",
                        "content": { "format": "$context.requestId ${access_log_settings.key}" }
                      }
                    },
                    "route_settings": [
                      { "route_key": "GET /a" },
                      { "route_key": "GET /b" }
                    ],
                    "tags": { "team": "api" }
                  }
                }
              }
            }
            """#)
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        let s = try XCTUnwrap(graph.resources.first)
        XCTAssertEqual(s["access_log_settings"]?.listValue?.first?["format"]?.stringValue, "$context.requestId 0")
        XCTAssertEqual(s["route_settings"]?.listValue?.compactMap { $0["route_key"]?.stringValue }, ["GET /a", "GET /b"])
        XCTAssertEqual(s["tags"]?["team"]?.stringValue, "api")
        XCTAssertEqual(graph.diagnostics.filter { $0.severity != .note }, [])
    }

    func testRootVariableFromTfvarsKeepsTheTfvarsLineInVia() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", "variable \"format\" {\n  default = \"x\"\n}\n\nresource \"x\" \"s\" {\n  format = var.format\n}\n")
        try dir.write("terraform.tfvars", "# chosen per environment\nformat = \"$context.requestId\"\n")
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        let format = try XCTUnwrap(graph.resources.first?["format"])
        XCTAssertEqual(format.stringValue, "$context.requestId")
        XCTAssertEqual(format.range.map { "\(Path.fileName($0.file)):\($0.start.line):\($0.start.column)" }, "main.tf:6:12")
        XCTAssertEqual(format.via.map { "\(Path.fileName($0.file)):\($0.start.line):\($0.start.column)" }, ["terraform.tfvars:2:10"])
    }
}

final class PolicyDocumentTests: XCTestCase {
    func testSourceAndOverrideDocumentsMergeBySid() throws {
        let dir = try TemporaryDirectory()
        try dir.write("main.tf", """
            data "aws_iam_policy_document" "base" {
              statement {
                sid     = "Logs"
                actions = ["logs:PutLogEvents"]
                resources = ["*"]
              }
            }
            data "aws_iam_policy_document" "merged" {
              source_policy_documents = [data.aws_iam_policy_document.base.json]
              statement {
                sid     = "Extra"
                actions = ["logs:CreateLogGroup", "logs:DescribeLogGroups"]
                resources = ["*"]
              }
              override_policy_documents = [jsonencode({ Statement = [{ Sid = "Logs", Effect = "Deny", Action = "*", Resource = "*" }] })]
            }
            resource "aws_iam_role" "r" {
              name               = "r"
              assume_role_policy = data.aws_iam_policy_document.merged.json
            }
            resource "x" "e" { v = ephemeral.random_password.p.result }
            """)
        let graph = TerraformLoader.load(directories: [dir.path], options: TerraformOptions(scanRoot: dir.path))
        let json = try XCTUnwrap(graph.resources.first { $0.address == "aws_iam_role.r" }?["assume_role_policy"]?.stringValue)
        let doc = try XCTUnwrap(TerraformLoader.decodeJSON(Array(json.utf8), path: "p"))
        let statements = try XCTUnwrap(doc["Statement"]?.listValue)
        XCTAssertEqual(statements.map { $0["Sid"]?.stringValue }, ["Logs", "Extra"])
        XCTAssertEqual(statements.first?["Effect"]?.stringValue, "Deny")
        XCTAssertEqual(statements.last?["Action"]?.listValue?.compactMap(\.stringValue), ["logs:DescribeLogGroups", "logs:CreateLogGroup"])
        XCTAssertEqual(graph.resources.first { $0.address == "x.e" }?["v"]?.unknownReason?.kind, .external)
    }
}
