// Which YAML/JSON files are CloudFormation/SAM templates, and which are skipped silently.

import XCTest
@testable import CloudFormation

final class DetectionTests: XCTestCase {
    private func isTemplate(_ text: String, _ path: String) -> Bool {
        CloudFormationLoader.isTemplate(Array(text.utf8), path: path)
    }

    func testTemplatesAreDetected() {
        XCTAssertTrue(isTemplate("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", "a.yaml"))
        XCTAssertTrue(isTemplate("Resources:\n  B:\n    Type: AWS::S3::Bucket\n", "b.yml"))
        XCTAssertTrue(isTemplate("Resources:\n  C:\n    Type: Custom::Thing\n", "c.template"))
        XCTAssertTrue(isTemplate("{\"Resources\":{\"Q\":{\"Type\":\"AWS::SQS::Queue\"}}}", "cdk.out/Stack.template.json"))
        XCTAssertTrue(isTemplate("Transform: AWS::Serverless-2016-10-31\nResources:\n  F:\n    Type: AWS::Serverless::Function\n", "UPPER.YAML"))
    }

    func testOtherYAMLAndJSONIsSkipped() {
        XCTAssertFalse(isTemplate("apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n", "svc.yaml"))
        XCTAssertFalse(isTemplate("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n", ".github/workflows/ci.yml"))
        XCTAssertFalse(isTemplate("{\"name\":\"x\",\"version\":\"1.0.0\"}", "package.json"))
        // A plan embedding a template in a string: the bytes match, the structure does not.
        XCTAssertFalse(isTemplate("{\"format_version\":\"1.2\",\"planned_values\":{\"template_body\":\"Resources:\\n  A:\\n    Type: AWS::S3::Bucket\"}}", "plan.json"))
        // A Resources map whose entries are not AWS types.
        XCTAssertFalse(isTemplate("Resources:\n  cpu: 2\n  note: AWS::is mentioned\n", "k.yaml"))
        // Right content, wrong extension.
        XCTAssertFalse(isTemplate("AWSTemplateFormatVersion: '2010-09-09'\n", "a.txt"))
        XCTAssertFalse(isTemplate("", "empty.yaml"))
        // A macro event: a template fragment nested under another key.
        XCTAssertFalse(isTemplate("{\"requestId\": 1, \"fragment\": {\"Resources\": {\"B\": {\"Type\": \"AWS::S3::Bucket\"}}}}", "event.json"))
        // A template inside a block scalar of another YAML file.
        XCTAssertFalse(isTemplate("data:\n  t.yaml: |\n    AWSTemplateFormatVersion: x\n    Resources:\n      B: {Type: AWS::S3::Bucket}\n", "cm.yaml"))
    }

    func testIndentedTopLevelMappingIsParsedToDecide() {
        XCTAssertTrue(isTemplate("---\n  # comment\n  AWSTemplateFormatVersion: 2010-09-09\n  Resources: {}\n", "indented.yaml"))
    }

    func testBrokenTemplatesAreStillDetectedSoTheirErrorIsReported() throws {
        let text = "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  A:\n    Type: AWS::S3::Bucket\n   bad: [\n"
        XCTAssertTrue(isTemplate(text, "broken.yaml"))
        let graph = try XCTUnwrap(CloudFormationLoader.loadIfTemplate(Array(text.utf8), path: "broken.yaml"))
        XCTAssertTrue(graph.diagnostics.first?.message.hasPrefix("YAML syntax error") ?? false)
        XCTAssertFalse(isTemplate("apiVersion: v1\nkind: [\n", "broken-k8s.yaml"))
    }
}
