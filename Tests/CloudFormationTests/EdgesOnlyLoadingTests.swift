// Loading with `keepingValuesOf` gives exactly the graph of loading everything and dropping the values
// of the other types afterwards: same resources, edges (in order), ranges and diagnostics.

import XCTest
import IaCLintCore
import TestSupport
@testable import CloudFormation

final class EdgesOnlyLoadingTests: XCTestCase {
    /// Predicates a caller might pass: keep nothing, keep API Gateway and logging types, keep everything.
    private let predicates: [(String, (String) -> Bool)] = [
        ("none", { _ in false }),
        ("logging", { $0.hasPrefix("AWS::ApiGateway") || $0.hasPrefix("AWS::Serverless::") || $0 == "AWS::Logs::LogGroup" }),
        ("all", { _ in true }),
    ]

    private func assertSame(_ bytes: [UInt8], path: String, file: StaticString = #filePath, line: UInt = #line) {
        for (name, keep) in predicates {
            var expected = CloudFormationLoader.load(bytes, path: path)
            expected.trimAttributeValues { if !keep($0.type) { $0.dropAttributeValues() } }
            let loaded = CloudFormationLoader.load(bytes, path: path, keepingValuesOf: keep)
            XCTAssertEqual(loaded.resources.count, expected.resources.count, "\(path) keeping \(name)", file: file, line: line)
            for (l, e) in zip(loaded.resources, expected.resources) where l != e {
                XCTFail("\(path) keeping \(name): \(l.address) differs: \(l.attributes) / \(e.attributes); metadata \(String(describing: l.metadata)) / \(String(describing: e.metadata))",
                        file: file, line: line)
            }
            XCTAssertEqual(loaded.resources.map(\.allReferences), expected.resources.map(\.allReferences),
                           "\(path) keeping \(name)", file: file, line: line)
            XCTAssertEqual(loaded.diagnostics, expected.diagnostics, "\(path) keeping \(name)", file: file, line: line)
        }
    }

    func testIntrinsicsAndRemovedProperties() {
        let template = """
            AWSTemplateFormatVersion: "2010-09-09"
            Parameters:
              Env: {Type: String, Default: prod}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
            Mappings:
              M: {prod: {Size: 3}}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties:
                  BucketName: !Sub "${Env}-${AWS::Region}-${Fn.Arn}"
                  Tags:
                    - Key: k
                      Value: !If [IsProd, !Ref AWS::NoValue, !GetAtt Fn.Arn]
                    - !Ref AWS::NoValue
                  Gone: !Ref AWS::NoValue
                  Missing: !Ref Nowhere
                  Also: !GetAtt Nothing.Arn
                  Pick: !Select [5, [a, b]]
                  Map: !FindInMap [M, prod, Size]
                  NoMap: !FindInMap [M, test, Size]
                  Cond: !If [NoSuchCondition, a, b]
                  Joined: !Join ["-", [!Ref Fn, !Ref Fn, !GetAtt Fn.Arn]]
                  Nested: {Deep: [{Deeper: !Ref Fn}, !Base64 {"Fn::Sub": "x${Fn}"}]}
                  Tagged: !!str 12
              Fn:
                Type: AWS::Lambda::Function
                Properties:
                  Role: {"Fn::GetAtt": [Role, Arn]}
                  Environment: {Variables: {B: {"Ref": "Bucket"}}}
              Empty:
                Type: AWS::SNS::Topic
                Properties: {}
              AllGone:
                Type: AWS::SQS::Queue
                Properties:
                  A: !Ref AWS::NoValue
              Whole:
                Type: AWS::SQS::Queue
                Properties: !If [IsProd, {DelaySeconds: 1}, !Ref AWS::NoValue]
              NotAMapping:
                Type: AWS::SQS::Queue
                Properties: [!Ref Fn]
              NoProperties:
                Type: AWS::SQS::Queue
                DependsOn: [Fn, Ghost]
              Role:
                Type: AWS::IAM::Role
                Properties:
                  AssumeRolePolicyDocument: {Statement: [{Effect: Allow}]}
              Stage:
                Type: AWS::ApiGateway::Stage
                Properties:
                  AccessLogSetting: {DestinationArn: !GetAtt Logs.Arn}
              Logs:
                Type: AWS::Logs::LogGroup
            """
        assertSame(Array(template.utf8), path: "t.yaml")
        let json = #"{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": {"Ref": "B"}, "Y": [{"Fn::GetAtt": ["B", "Arn"]}], "Z": {"Ref": "AWS::NoValue"}}}, "B": {"Type": "AWS::SNS::Topic", "Properties": {"N": {"Fn::Sub": "${A}"}}}}}"#
        assertSame(Array(json.utf8), path: "t.json")
    }

    func testFixtures() {
        let root = TestPaths.testdata("cloudformation")
        for path in CorpusWalk.files(under: root, extensions: [".yaml", ".yml", ".json"]) {
            guard case .success(let bytes) = FileSystem.read(path), CloudFormationLoader.isTemplate(bytes, path: path) else { continue }
            assertSame(bytes, path: path)
        }
    }

    func testCorpora() throws {
        var seen = 0
        for sub in ["cfn", "sam"] {
            guard let root = TestPaths.corpus(sub) else { continue }
            for path in CorpusWalk.files(under: root, extensions: [".yaml", ".yml", ".json", ".template"]) {
                guard case .success(let bytes) = FileSystem.read(path), CloudFormationLoader.isTemplate(bytes, path: path) else { continue }
                assertSame(bytes, path: path)
                seen += 1
            }
        }
        if seen == 0 { throw XCTSkip(TestPaths.corpusSkipMessage("cfn")) }
    }
}
