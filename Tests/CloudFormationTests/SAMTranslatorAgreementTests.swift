// The API and stage logical ids derived from SAM templates agree with the SAM translator's own
// outputs (corpus/sam/translator/output), for explicit and implicit APIs.

import XCTest
import IaCLintCore
import TestSupport
@testable import CloudFormation
import YAML

final class SAMTranslatorAgreementTests: XCTestCase {
    static let apiTypes: Set<String> = [
        "AWS::ApiGateway::RestApi", "AWS::ApiGateway::Stage", "AWS::ApiGatewayV2::Api", "AWS::ApiGatewayV2::Stage",
    ]

    /// API and stage ids the deployed stack will have, derived without running the translator.
    static func derivedIDs(_ graph: ResourceGraph) -> Set<String> {
        var ids = Set<String>()
        for resource in graph.resources {
            if apiTypes.contains(resource.type) { ids.insert(resource.address); continue }
            guard SAMNaming.APIKind(serverlessType: resource.type) != nil else { continue }
            ids.insert(SAMNaming.generatedAPILogicalID(api: resource.address))
            ids.insert(SAMNaming.generatedStageLogicalID(of: resource) ?? "(none)")
        }
        return ids
    }

    static func translatedIDs(_ output: YAMLNode) -> Set<String>? {
        guard let resources = output["Resources"]?.entries else { return nil }
        var ids = Set<String>()
        for entry in resources {
            if let type = entry.value["Type"]?.scalar, apiTypes.contains(type), let id = entry.key.scalar { ids.insert(id) }
        }
        return ids
    }

    func testDerivedAPIAndStageIDsMatchTranslatorOutputs() throws {
        guard let root = TestPaths.corpus("sam/translator") else { throw XCTSkip(TestPaths.corpusSkipMessage("sam/translator")) }
        var compared = 0, agreed = 0, withEvents = 0, withEventsAgreed = 0
        var mismatches: [String] = []
        for input in CorpusWalk.files(under: Path.join(root, "input"), extensions: [".yaml"]) {
            let name = String(Path.fileName(input).dropLast(".yaml".count))
            guard !name.hasPrefix("error_"),
                  case .success(let outputBytes) = FileSystem.read(Path.join(root, "output/\(name).json")),
                  case .success(let inputBytes) = FileSystem.read(input),
                  let output = YAMLReader.parse(outputBytes, path: name + ".json").root,
                  let expected = Self.translatedIDs(output) else { continue }
            let graph = CloudFormationLoader.load(inputBytes, path: input)
            let derived = Self.derivedIDs(graph)
            guard !expected.isEmpty || !derived.isEmpty else { continue }
            let hasImplicit = graph.resources.contains { $0.metadata?[IaCLintMetadata.implicit] != nil }
            compared += 1
            if hasImplicit { withEvents += 1 }
            if derived == expected {
                agreed += 1
                if hasImplicit { withEventsAgreed += 1 }
            } else {
                mismatches.append("\(name): missing \(expected.subtracting(derived).sorted()) extra \(derived.subtracting(expected).sorted())")
            }
        }
        print("SAM translator agreement: \(agreed)/\(compared) templates with APIs; \(withEventsAgreed)/\(withEvents) with implicit APIs")
        for m in mismatches { print("  mismatch: \(m)") }
        XCTAssertGreaterThanOrEqual(compared, 250)
        // Known disagreements are listed above; the bar keeps regressions visible.
        XCTAssertGreaterThanOrEqual(Double(agreed) / Double(max(compared, 1)), 0.99)
    }

    func testHashedStageIDForNonAlphanumericNames() {
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "MyApi", stageName: "Prod"), "MyApiProdStage")
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "MyApi", stageName: nil), "MyApiStage")
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "H", stageName: "$default", kind: .http), "HApiGatewayDefaultStage")
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "W", stageName: "default", kind: .webSocket), "WDefaultStage")
        XCTAssertEqual(SAMNaming.generatedStageLogicalID(api: "W", stageName: "beta", kind: .webSocket), "WbetaStage")
    }
}
