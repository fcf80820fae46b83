// Intrinsic functions resolved against the template: known values, unknown reasons, edges, ranges.

import XCTest
import IaCLintCore
@testable import CloudFormation

final class IntrinsicTests: XCTestCase {
    private func load(_ resources: String, extra: String = "") -> ResourceGraph {
        CloudFormationLoader.load(Array("AWSTemplateFormatVersion: '2010-09-09'\n\(extra)Resources:\n\(resources)".utf8), path: "t.yaml")
    }

    private func property(_ graph: ResourceGraph, _ resource: String, _ path: String...) -> Value? {
        var value = graph.resolve(resource, scope: "t.yaml").first?.attributes
        for key in path { value = value?[key] }
        return value
    }

    func testRefFollowsEachTypesRefValue() throws {
        let graph = load("""
              Named: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: my-logs}}
              Unnamed: {Type: AWS::Logs::LogGroup}
              Stream: {Type: AWS::KinesisFirehose::DeliveryStream, Properties: {DeliveryStreamName: amazon-apigateway-x}}
              Role: {Type: AWS::IAM::Role, Properties: {RoleName: apigw-logs}}
              Stage: {Type: AWS::ApiGateway::Stage, Properties: {StageName: prod}}
              Api: {Type: AWS::ApiGateway::RestApi}
              User:
                Type: AWS::Test::Thing
                Properties:
                  A: !Ref Named
                  B: !Ref Unnamed
                  C: !Ref Stream
                  D: !Ref Role
                  E: !Ref Stage
                  F: !Ref Api
            """)
        let a = try XCTUnwrap(property(graph, "User", "A"))
        XCTAssertEqual(a.stringValue, "my-logs")
        XCTAssertEqual(a.references, [Reference(target: "Named", kind: .ref, range: a.range)])
        XCTAssertEqual(a.range?.start.line, 12)
        XCTAssertEqual(a.range?.start.column, 10)
        let b = try XCTUnwrap(property(graph, "User", "B"))
        XCTAssertEqual(b.unknownReason?.kind, .knownAfterApply)
        XCTAssertEqual(b.references.map(\.target), ["Unnamed"])
        XCTAssertEqual(property(graph, "User", "C")?.stringValue, "amazon-apigateway-x")
        XCTAssertEqual(property(graph, "User", "D")?.stringValue, "apigw-logs")
        XCTAssertEqual(property(graph, "User", "E")?.stringValue, "prod")
        XCTAssertEqual(property(graph, "User", "F")?.unknownReason?.kind, .knownAfterApply)
        XCTAssertEqual(graph.diagnostics, [])
    }

    func testParametersPseudoParametersAndUndefinedNames() throws {
        let graph = load("""
              R:
                Type: AWS::Test::Thing
                Properties:
                  WithDefault: !Ref Env
                  NoDefault: !Ref Secret
                  Region: !Ref AWS::Region
                  Missing: !Ref Nowhere
                  Imported: !ImportValue other-stack-arn
            """, extra: "Parameters:\n  Env: {Type: String, Default: dev}\n  Secret: {Type: String}\n")
        let withDefault = try XCTUnwrap(property(graph, "R", "WithDefault"))
        XCTAssertEqual(withDefault.stringValue, "dev")
        XCTAssertEqual(withDefault.via.first?.start.line, 3)
        XCTAssertEqual(withDefault.references.map(\.description), ["Ref Env"])
        XCTAssertEqual(property(graph, "R", "NoDefault")?.unknownReason, UnknownReason(.parameter, "Secret"))
        XCTAssertEqual(property(graph, "R", "NoDefault")?.references.map(\.description), ["Ref Secret"])
        XCTAssertEqual(property(graph, "R", "Region")?.references, [])
        XCTAssertEqual(property(graph, "R", "Missing")?.references.map(\.description), ["Ref Nowhere"])
        XCTAssertEqual(property(graph, "R", "Region")?.unknownReason, UnknownReason(.deploymentContext, "AWS::Region"))
        XCTAssertEqual(property(graph, "R", "Missing")?.unknownReason?.kind, .invalid)
        XCTAssertEqual(property(graph, "R", "Imported")?.unknownReason?.kind, .external)
        XCTAssertEqual(graph.diagnostics.map(\.message), ["Ref to Nowhere, which is not a parameter or resource of this template"])
        XCTAssertEqual(graph.diagnostics.first?.severity, .warning)
    }

    func testGetAttShortLongAndDottedForms() throws {
        let graph = CloudFormationLoader.load(Array("""
            {"Resources": {
              "LG": {"Type": "AWS::Logs::LogGroup"},
              "S": {"Type": "AWS::ApiGateway::Stage", "Properties": {
                "A": {"Fn::GetAtt": ["LG", "Arn"]},
                "B": {"Fn::GetAtt": "LG.Arn"}}}}}
            """.utf8), path: "t.json")
        let a = try XCTUnwrap(graph.resolve("S", scope: "t.json").first?["A"])
        XCTAssertEqual(a.references, [Reference(target: "LG", attribute: "Arn", kind: .attribute, range: a.range)])
        XCTAssertEqual(a.unknownReason?.detail, "LG.Arn (log group ARN, ends in :*)")
        XCTAssertEqual(a.range?.start.line, 4)
        XCTAssertEqual(a.range?.start.column, 10)
        let b = try XCTUnwrap(graph.resolve("S", scope: "t.json").first?["B"])
        XCTAssertEqual(b.references.map(\.description), ["LG.Arn"])
    }

    func testSubForms() throws {
        let graph = load("""
              LG: {Type: AWS::Logs::LogGroup, Properties: {LogGroupName: access}}
              R:
                Type: AWS::Test::Thing
                Properties:
                  Format: !Sub '{"id":"$context.requestId","lit":"${!Literal}"}'
                  Name: !Sub "${LG}-copy"
                  Arn: !Sub "${LG.Arn}"
                  Mixed: !Sub "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${LG}"
                  Mapped: !Sub ["${X}/${Env}", {X: !Ref LG}]
            """, extra: "Parameters:\n  Env: {Type: String, Default: dev}\n")
        XCTAssertEqual(property(graph, "R", "Format")?.stringValue, "{\"id\":\"$context.requestId\",\"lit\":\"${Literal}\"}")
        let name = try XCTUnwrap(property(graph, "R", "Name"))
        XCTAssertEqual(name.stringValue, "access-copy")
        XCTAssertEqual(name.references.map(\.description), ["Ref LG"])
        let arn = try XCTUnwrap(property(graph, "R", "Arn"))
        XCTAssertTrue(arn.isUnknown)
        XCTAssertEqual(arn.references.map(\.description), ["LG.Arn"])
        let mixed = try XCTUnwrap(property(graph, "R", "Mixed"))
        XCTAssertEqual(mixed.unknownReason, UnknownReason(.deploymentContext,
            "Fn::Sub \"arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:access\""))
        XCTAssertEqual(mixed.references.map(\.description), ["Ref LG"])
        XCTAssertEqual(property(graph, "R", "Mapped")?.stringValue, "access/dev")
    }

    func testJoinSelectSplitFindInMapBase64() {
        let graph = load("""
              R:
                Type: AWS::Test::Thing
                Properties:
                  Joined: !Join ["", [a, 1, true]]
                  Selected: !Select ["1", [x, y, z]]
                  Split: !Split [",", "p,,q"]
                  Found: !FindInMap [M, us-east-1, Bucket]
                  FoundDefault: !FindInMap [M, eu-west-1, Bucket, {DefaultValue: fallback}]
                  Encoded: !Base64 "abcd"
            """, extra: "Mappings:\n  M:\n    us-east-1: {Bucket: logs-use1}\n")
        XCTAssertEqual(property(graph, "R", "Joined")?.stringValue, "a1true")
        XCTAssertEqual(property(graph, "R", "Selected")?.stringValue, "y")
        XCTAssertEqual(property(graph, "R", "Split")?.listValue?.compactMap(\.stringValue), ["p", "", "q"])
        XCTAssertEqual(property(graph, "R", "Found")?.stringValue, "logs-use1")
        XCTAssertEqual(property(graph, "R", "FoundDefault")?.stringValue, "fallback")
        XCTAssertEqual(property(graph, "R", "Encoded")?.stringValue, "YWJjZA==")
    }

    func testIfKeepsBothBranchesAndNoValueRemoves() throws {
        let graph = load("""
              S:
                Type: AWS::ApiGateway::Stage
                Condition: IsProd
                DependsOn: Other
                Properties:
                  AccessLogSetting: !If [IsProd, {DestinationArn: arn:aws:logs:us-east-1:1:log-group:x}, !Ref AWS::NoValue]
                  Gone: !Ref AWS::NoValue
                  List: [a, !Ref AWS::NoValue, b]
              Other: {Type: AWS::Test::Thing}
            """, extra: "Conditions:\n  IsProd: !Equals [a, a]\n")
        let stage = try XCTUnwrap(graph.resolve("S", scope: "t.yaml").first)
        XCTAssertEqual(stage.condition?.name, "IsProd")
        XCTAssertEqual(stage.dependsOn.map(\.description), ["depends on Other"])
        XCTAssertNil(stage["Gone"])
        XCTAssertEqual(stage["List"]?.listValue?.compactMap(\.stringValue), ["a", "b"])
        guard case .conditional(let condition, let whenTrue, let whenFalse)? = stage["AccessLogSetting"]?.kind else {
            return XCTFail("expected a conditional value")
        }
        XCTAssertEqual(condition.name, "IsProd")
        XCTAssertEqual(condition.range?.start.line, 10)
        XCTAssertEqual(whenTrue["DestinationArn"]?.stringValue, "arn:aws:logs:us-east-1:1:log-group:x")
        XCTAssertEqual(whenFalse.kind, .absent)
        XCTAssertEqual(graph.diagnostics, [])
    }

    func testUnsupportedFunctionsKeepEdges() {
        let graph = load("""
              LG: {Type: AWS::Logs::LogGroup}
              R:
                Type: AWS::Test::Thing
                Properties:
                  Json: {"Fn::ToJsonString": {A: !GetAtt LG.Arn}}
                  Cidr: !Cidr ["10.0.0.0/16", 4, 8]
            """)
        XCTAssertEqual(property(graph, "R", "Json")?.unknownReason, UnknownReason(.unsupportedFunction, "Fn::ToJsonString"))
        XCTAssertEqual(property(graph, "R", "Json")?.references.map(\.description), ["LG.Arn"])
        XCTAssertEqual(property(graph, "R", "Cidr")?.unknownReason?.kind, .unsupportedFunction)
    }

    func testDuplicateLogicalIDsAndAliasBombsAreDiagnostics() {
        let dup = load("  A: {Type: AWS::S3::Bucket}\n  A: {Type: AWS::SQS::Queue}\n")
        XCTAssertEqual(dup.diagnostics.map(\.message), ["duplicate key \"A\" in a mapping"])
        XCTAssertEqual(dup.diagnostics.first?.range?.start.line, 4)
        XCTAssertEqual(dup.diagnostics.first?.related.first?.range.start.line, 3)
        var bomb = "AWSTemplateFormatVersion: '2010-09-09'\nX0: &x0 [a, a, a, a, a, a, a, a, a, a]\n"
        for i in 1...10 { bomb += "X\(i): &x\(i) [" + Array(repeating: "*x\(i - 1)", count: 10).joined(separator: ",") + "]\n" }
        bomb += "Resources: {}\n"
        let graph = CloudFormationLoader.load(Array(bomb.utf8), path: "bomb.yaml")
        XCTAssertTrue(graph.diagnostics.contains { $0.message.hasPrefix("YAML expands to more than") })
        XCTAssertTrue(graph.resources.isEmpty)
    }

    func testStructuralErrors() {
        let graph = load("  NoType: {Properties: {}}\n  Good: {Type: AWS::S3::Bucket}\n")
        XCTAssertEqual(graph.resources.map(\.address), ["Good"])
        XCTAssertEqual(graph.diagnostics.map(\.message), ["resource NoType has no Type"])
        XCTAssertEqual(CloudFormationLoader.load([], path: "e.yaml").diagnostics.map(\.message), ["template is empty"])
        XCTAssertEqual(CloudFormationLoader.load(Array("- a\n".utf8), path: "l.yaml").diagnostics.count, 1)
    }
}
