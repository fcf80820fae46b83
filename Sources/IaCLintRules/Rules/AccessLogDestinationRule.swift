// APIGW002: the access-log destination is something that can receive access logs.

import IaCLintCore

struct AccessLogDestinationRule: Rule {
    static let firehosePrefix = "amazon-apigateway-"

    static let description = RuleDescription(
        id: "APIGW002", name: "access-log-destination", severity: .error,
        summary: "The access-log destination is a CloudWatch Logs log group ARN, or for REST a Firehose stream named amazon-apigateway-….",
        rationale: """
            API Gateway delivers access logs to a CloudWatch Logs log group, given by its ARN \
            (`arn:<partition>:logs:<region>:<account>:log-group:<name>`, one trailing `:*` accepted), or, \
            for REST APIs only, to a Kinesis Data Firehose delivery stream whose name starts with \
            `amazon-apigateway-`. HTTP and WebSocket APIs log to CloudWatch Logs only. A log group's \
            *name* (`Ref LogGroup`, `.name`, `.id`), the ARN of another service, a reference to a resource \
            that is not declared (or declared with `count = 0`), or a CloudFormation delivery stream \
            without an explicit `DeliveryStreamName` (its generated name never has the prefix) fails at \
            deployment or loses the logs.
            """,
        fix: """
            Point the destination at the log group's ARN.

            Terraform: `destination_arn = aws_cloudwatch_log_group.access.arn` (not `.name` or `.id`).

            CloudFormation and SAM: `DestinationArn: !GetAtt AccessLogs.Arn` (not `!Ref AccessLogs`, which is \
            the name), or build the ARN: `!Sub arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AccessLogs}`.

            Firehose (REST only): name the stream `amazon-apigateway-…` explicitly \
            (`name` in Terraform, `DeliveryStreamName` in CloudFormation) and use its ARN.
            """,
        tags: ["logging", "correctness"], securitySeverity: 4.0,
        failing: [
            .terraform("""
                resource "aws_cloudwatch_log_group" "access" {
                  name = "access"
                }
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    ↓destination_arn = aws_cloudwatch_log_group.access.name
                    format          = "$context.requestId"
                  }
                }
                """),
            .terraform("""
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    ↓destination_arn = "arn:aws:s3:::my-bucket"
                    format          = "$context.requestId"
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  AccessLogs:
                    Type: AWS::Logs::LogGroup
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        ↓DestinationArn: !Ref AccessLogs
                        Format: $context.requestId
                """),
            .cloudFormation("""
                Resources:
                  Stream:
                    Type: AWS::KinesisFirehose::DeliveryStream
                    Properties:
                      DeliveryStreamType: DirectPut
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        ↓DestinationArn: !GetAtt Stream.Arn
                        Format: $context.requestId
                """),
            .terraform("""
                resource "aws_cloudwatch_log_group" "access" {
                  count = 0
                  name  = "access"
                }
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    ↓destination_arn = aws_cloudwatch_log_group.access[0].arn
                    format          = "$context.requestId"
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        ↓DestinationArn: !GetAtt AccessLog.Arn
                        Format: $context.requestId
                """),
            .sam("""
                Transform: AWS::Serverless-2016-10-31
                Resources:
                  Api:
                    Type: AWS::Serverless::HttpApi
                    Properties:
                      AccessLogSettings:
                        ↓DestinationArn: arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-x
                        Format: $context.requestId
                """),
        ],
        passing: [
            .terraform("""
                resource "aws_api_gateway_stage" "prod" {
                  rest_api_id   = "abc123"
                  deployment_id = "d1"
                  stage_name    = "prod"
                  access_log_settings {
                    destination_arn = "arn:aws:logs:us-east-1:123456789012:log-group:access:*"
                    format          = "$context.requestId"
                  }
                }
                """),
            .cloudFormation("""
                Resources:
                  AccessLogs:
                    Type: AWS::Logs::LogGroup
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        DestinationArn: !Sub "arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:${AccessLogs}"
                        Format: $context.requestId
                """),
            .cloudFormation("""
                Resources:
                  Stream:
                    Type: AWS::KinesisFirehose::DeliveryStream
                    Properties:
                      DeliveryStreamName: amazon-apigateway-access
                  Stage:
                    Type: AWS::ApiGateway::Stage
                    Properties:
                      RestApiId: abc123
                      StageName: prod
                      AccessLogSetting:
                        DestinationArn: !GetAtt Stream.Arn
                        Format: $context.requestId
                """),
        ])

    func check(_ model: LoggingModel, _ report: inout FindingCollector) {
        for stage in model.stages {
            // A stage has destinations only when its block and destination entry are there: the block
            // is read (copied out of the stage) only for a stage with a destination to judge.
            guard !stage.destinations.isEmpty, stage.accessLogObject != nil, let entry = stage.destinationEntry else { continue }
            let key = stage.declaration.destinationKey
            for destination in model.destinations(of: stage) {
                // Named only for a finding (most destinations are fine).
                var subject: String {
                    let when = destination.conditions.isEmpty ? "" : " when \(Phrase.conditionText(destination.conditions))"
                    return "\(key) of \(stage.displayName)\(when)"
                }
                if let problem = problem(destination, stage: stage, subject: { subject }) {
                    report.add(problem, at: entry.range, resource: stage.resource,
                               discriminator: Phrase.conditionText(destination.conditions))
                }
            }
        }
    }

    private func problem(_ destination: LogDestination, stage: Stage, subject named: () -> String) -> String? {
        var subject: String { named() }
        let restOnly = stage.apiType == .http || stage.apiType == .webSocket
        switch destination.kind {
        case .logGroup, .literalLogGroup, .unknown:
            return nil
        case .logGroupName(let group, _):
            return "\(subject) is the name of the log group \(group.baseAddress), not its ARN; use \(Phrase.arnExpression(of: group))."
        case .firehoseName(let stream, _):
            return "\(subject) is the name of the delivery stream \(stream.baseAddress), not its ARN; use \(Phrase.arnExpression(of: stream))."
        case .firehose(let stream):
            if restOnly {
                return "\(subject) is a Firehose delivery stream, but \(stage.apiType) APIs log to CloudWatch Logs only; use a log group ARN."
            }
            let nameKey = Phrase.isTerraform(stream) ? "name" : "DeliveryStreamName"
            guard let name = stream[nameKey], !ValueReading.isMissing(name) else {
                if Phrase.isTerraform(stream) { return nil }
                return "\(subject) is the delivery stream \(stream.baseAddress), which has no DeliveryStreamName, so its generated name cannot start with \(Self.firehosePrefix); set DeliveryStreamName: \(Self.firehosePrefix)…."
            }
            if let text = name.stringValue, !text.hasPrefix(Self.firehosePrefix) {
                return "\(subject) is the delivery stream \"\(text)\", whose name does not start with \(Self.firehosePrefix); rename it \(Self.firehosePrefix)\(text)."
            }
            return nil
        case .literalFirehose(let name):
            if restOnly {
                return "\(subject) is a Firehose delivery stream, but \(stage.apiType) APIs log to CloudWatch Logs only; use a log group ARN."
            }
            if !name.hasPrefix(Self.firehosePrefix) {
                return "\(subject) is the delivery stream \"\(name)\", whose name does not start with \(Self.firehosePrefix); use a stream named \(Self.firehosePrefix)…."
            }
            return nil
        case .otherService(let service):
            return "\(subject) is an ARN of \(service), which cannot receive access logs; use a CloudWatch Logs log group ARN."
        case .notAnARN(let text):
            let shown = text.count > 60 ? String(text.prefix(57)) + "..." : text
            return "\(subject) is \"\(shown)\", not a log group ARN; use arn:<partition>:logs:<region>:<account>:log-group:<name>."
        case .undeclared(let reference):
            return "\(subject) refers to \(reference.target), which is not declared; declare it or point at an existing log group."
        case .emptyDeclaration(let reference):
            return "\(subject) refers to \(reference.target), which is declared with no instances (count = 0 or an empty for_each); create the log group whenever the stage logs."
        }
    }
}
