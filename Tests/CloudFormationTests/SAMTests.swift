// SAM: Globals merged as the translator merges them, implicit APIs located at their events.

import XCTest
import IaCLintCore
import YAML
@testable import CloudFormation

final class SAMTests: XCTestCase {
    private func load(_ text: String) -> ResourceGraph {
        CloudFormationLoader.load(Array(("Transform: AWS::Serverless-2016-10-31\n" + text).utf8), path: "sam.yaml")
    }

    func testGlobalsMergeMapsKeyByKeyListsConcatenatedLocalScalarsWin() throws {
        let graph = load("""
            Globals:
              Api:
                AccessLogSetting: {DestinationArn: arn:global, Format: global}
                MethodSettings: [{HttpMethod: GET}]
                TracingEnabled: true
                Variables: !If [C, {a: 1}, {b: 2}]
            Resources:
              A:
                Type: AWS::Serverless::Api
                Properties:
                  StageName: prod
                  AccessLogSetting: {Format: local}
                  MethodSettings: [{HttpMethod: POST}]
                  TracingEnabled: false
                  Variables: {c: 3}
            """)
        let api = try XCTUnwrap(graph.resolve("A", scope: "sam.yaml").first)
        XCTAssertEqual(api.origin, .sam)
        XCTAssertEqual(api["AccessLogSetting"]?["DestinationArn"]?.stringValue, "arn:global")
        XCTAssertEqual(api["AccessLogSetting"]?["DestinationArn"]?.range?.start.line, 4)
        XCTAssertEqual(api["AccessLogSetting"]?["Format"]?.stringValue, "local")
        XCTAssertEqual(api["AccessLogSetting"]?["Format"]?.range?.start.line, 13)
        XCTAssertEqual(api["MethodSettings"]?.listValue?.compactMap { $0["HttpMethod"]?.stringValue }, ["GET", "POST"])
        XCTAssertEqual(api["TracingEnabled"]?.boolValue, false)
        // An intrinsic counts as a scalar: the resource's map replaces it.
        XCTAssertEqual(api["Variables"]?["c"]?.numberValue, 3)
        XCTAssertNil(api["Variables"]?["a"])
    }

    func testIgnoreGlobals() throws {
        let graph = load("""
            Globals:
              HttpApi: {AccessLogSettings: {DestinationArn: x}, StageVariables: {v: 1}}
            Resources:
              H:
                Type: AWS::Serverless::HttpApi
                IgnoreGlobals: [AccessLogSettings]
              All:
                Type: AWS::Serverless::HttpApi
                IgnoreGlobals: "*"
            """)
        let h = try XCTUnwrap(graph.resolve("H", scope: "sam.yaml").first)
        XCTAssertNil(h["AccessLogSettings"])
        XCTAssertEqual(h["StageVariables"]?["v"]?.numberValue, 1)
        XCTAssertEqual(graph.resolve("All", scope: "sam.yaml").first?.attributes.objectEntries?.count, 0)
    }

    func testImplicitAPIsPointAtTheirEvents() throws {
        let graph = load("""
            Globals:
              Api:
                AccessLogSetting: {DestinationArn: arn:aws:logs:us-east-1:1:log-group:g}
            Resources:
              Explicit: {Type: AWS::Serverless::Api, Properties: {StageName: v1}}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    ToExplicit: {Type: Api, Properties: {RestApiId: !Ref Explicit, Path: /a, Method: get}}
                    First: {Type: Api, Properties: {Path: /b, Method: get}}
                    Second: {Type: Api, Properties: {Path: /c, Method: get}}
                    Http: {Type: HttpApi}
              Machine:
                Type: AWS::Serverless::StateMachine
                Properties:
                  Events:
                    Start: {Type: Api, Properties: {Path: /s, Method: post}}
            """)
        let rest = try XCTUnwrap(graph.resolve("ServerlessRestApi", scope: "sam.yaml").first)
        XCTAssertEqual(rest.type, "AWS::Serverless::Api")
        XCTAssertEqual(rest.range?.start.line, 12)
        XCTAssertEqual(rest.range?.start.column, 9)
        XCTAssertEqual(rest.metadata?[IaCLintMetadata.implicit]?.boolValue, true)
        XCTAssertEqual(rest.metadata?[IaCLintMetadata.createdBy]?.listValue?.compactMap(\.stringValue),
                       ["Fn.Events.First", "Fn.Events.Second", "Machine.Events.Start"])
        XCTAssertEqual(rest["StageName"]?.stringValue, "Prod")
        XCTAssertEqual(rest["AccessLogSetting"]?["DestinationArn"]?.range?.start.line, 4)
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(of: rest), "ServerlessRestApiProdStage")
        let http = try XCTUnwrap(graph.resolve("ServerlessHttpApi", scope: "sam.yaml").first)
        XCTAssertEqual(http.type, "AWS::Serverless::HttpApi")
        XCTAssertNil(http["StageName"])
        XCTAssertEqual(http.range?.start.line, 14)
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(of: http), "ServerlessHttpApiApiGatewayDefaultStage")
        XCTAssertEqual(graph.resolve("Explicit", scope: "sam.yaml").first.flatMap(SAMNaming.generatedStageLogicalID(of:)), "Explicitv1Stage")
    }

    func testNoImplicitAPIWhenEveryEventNamesItsAPI() {
        let graph = load("""
            Resources:
              Api: {Type: AWS::Serverless::HttpApi}
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Events:
                    E: {Type: HttpApi, Properties: {ApiId: !Ref Api}}
            """)
        XCTAssertEqual(graph.resources.map(\.address), ["Api", "Fn"])
    }

    func testServerlessTypesWithoutTransformAreExpandedWithAWarning() {
        let graph = CloudFormationLoader.load(Array("""
            Resources:
              Fn:
                Type: AWS::Serverless::Function
                Properties: {Events: {E: {Type: Api, Properties: {Path: /, Method: get}}}}
            """.utf8), path: "t.yaml")
        XCTAssertEqual(graph.resources.map(\.address), ["Fn", "ServerlessRestApi"])
        XCTAssertEqual(graph.diagnostics.map(\.severity), [.warning])
    }

    func testStageNamingFollowsTheTranslator() {
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "A", stageName: "beta-1"), "AStage3c577c46e6")
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "A", stageName: "dev", kind: .http), "AdevStage")
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "A", stageName: nil, kind: .http), "AStage")
    }
}

/// The Globals merge of small mappings, names compared in place, gives what the merge by
/// `String` names gives: same keys (the resource's last spelling), values and order.
final class SAMGlobalsMergeTests: XCTestCase {
    func testMergingInPlaceAgreesWithMergingByName() throws {
        let pairs: [(global: String, local: String)] = [
            ("{A: 1, B: {X: 1, Y: [1, 2]}, C: 3}", "{B: {Y: [3], Z: 4}, D: 5, A: 6}"),
            ("{A: 1}", "{A: 2, A: 3, B: 4, B: 5}"),
            ("{K: 1, k: 2}", "{\u{212A}: 3, k: 4}"),
            ("{é: 1}", "{\"e\u{301}\": 2, é: 3}"),
            ("{\"\": 1, A: 2}", "{[1]: 2, A: {N: 1}, \"\": 3}"),
            ("{A: 1, [x]: 2}", "{[x]: 3, B: 4}"),
            ("{}", "{A: 1}"),
            ("{A: 1}", "{}"),
        ]
        for pair in pairs {
            var table = YAMLReader.parseTable(Array("[\(pair.global), \(pair.local)]".utf8), path: "t.yaml")
            let root = try XCTUnwrap(table.root)
            let items = try XCTUnwrap(table.itemList(root))
            let g = try XCTUnwrap(table.entryList(items[0])), l = try XCTUnwrap(table.entryList(items[1]))
            let inPlace = SAMGlobals.mergedEntriesInPlace(g, l, in: &table)
            let byName = SAMGlobals.mergedEntriesByName(g, l, in: &table)
            XCTAssertEqual(inPlace.map { render($0, table) }, byName.map { render($0, table) }, "\(pair)")
            XCTAssertEqual(inPlace.enumerated().filter { $0.offset % 2 == 0 }.map(\.element),
                           byName.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), "same key nodes: \(pair)")
        }
    }

    private func render(_ id: YAMLNodeTable.NodeID, _ table: YAMLNodeTable) -> String {
        switch table.kind(id) {
        case .scalar: return table.scalar(id) ?? "?"
        case .sequence:
            let items: [String] = (table.itemList(id) ?? []).map { render($0, table) }
            return "[" + items.joined(separator: ",") + "]"
        case .mapping:
            let entries: [String] = (table.entryList(id) ?? []).map { entry in
                let key: String = render(entry.key, table)
                let value: String = render(entry.value, table)
                return key + ":" + value
            }
            return "{" + entries.joined(separator: ",") + "}"
        }
    }
}
