// CloudFormation stacks (YAML with short-form intrinsics, or CDK-style JSON) with REST, HTTP and WebSocket
// stages, log groups, the account role and filler resources.

enum SyntheticCloudFormation {
    typealias Members = [(String, SyntheticJSON)]

    static func ref(_ name: String) -> SyntheticJSON { .object([("Ref", .string(name))]) }
    static func getAtt(_ name: String, _ attribute: String) -> SyntheticJSON {
        .object([("Fn::GetAtt", .array([.string(name), .string(attribute)]))])
    }
    static func sub(_ text: String) -> SyntheticJSON { .object([("Fn::Sub", .string(text))]) }
    static func resource(_ type: String, _ properties: Members, extra: Members = []) -> SyntheticJSON {
        .object([("Type", .string(type))] + extra + [("Properties", .object(properties))])
    }

    /// An access-log format value (a string, or a !Sub with the stack name), defective as asked.
    static func format(_ flavor: APIFlavor, _ defect: StageDefect, _ random: inout SyntheticRandom) -> SyntheticJSON {
        if defect == .multiLineFormat {
            return .string("$context.requestId $context.identity.sourceIp\n$context.status $context.responseLength")
        }
        var fields = SyntheticVocabulary.applyDefect(defect, to: SyntheticVocabulary.logFields(flavor, &random))
        switch random.weighted([60, 25, 15]) {
        case 0:
            return .string(SyntheticJSON.object(fields.map { ($0.0, .string($0.1)) }).compact())
        case 1:
            fields.insert(("stack", "${AWS::StackName}"), at: 0)
            return sub(SyntheticJSON.object(fields.map { ($0.0, .string($0.1)) }).compact())
        default:
            return .string(defect == .none ? SyntheticVocabulary.commonLogFormat(flavor) : fields.map(\.1).joined(separator: " "))
        }
    }

    /// A stack template; `json` selects CDK-style JSON (hashed logical ids, cdk paths), otherwise YAML.
    static func stack(index: Int, json: Bool, random: inout SyntheticRandom) -> (name: String, text: String) {
        var builder = StackBuilder(cdkStyle: json, random: random)
        let name = "\(random.pick(SyntheticVocabulary.nouns))-\(random.pick(SyntheticVocabulary.qualifiers))-stack-\(index)"
        let template = builder.build(stackName: name)
        random = builder.random
        if json { return (name, template.pretty(indent: 1)) }
        return (name, SyntheticYAML.document(template, shortForm: random.chance(85)))
    }
}

private struct StackBuilder {
    typealias Members = SyntheticCloudFormation.Members
    let cdkStyle: Bool
    var random: SyntheticRandom
    var resources: Members = []
    var outputs: Members = []
    var accountID: String? = nil

    init(cdkStyle: Bool, random: SyntheticRandom) {
        self.cdkStyle = cdkStyle
        self.random = random
    }

    /// A logical id; CDK appends an 8-digit hash.
    mutating func id(_ base: String) -> String { cdkStyle ? base + random.hex(8).uppercased() : base }

    mutating func add(_ logicalID: String, _ resource: SyntheticJSON, path: String) {
        if cdkStyle, case .object(var members) = resource {
            members.append(("Metadata", .object([("aws:cdk:path", .string(path))])))
            resources.append((logicalID, .object(members)))
        } else {
            resources.append((logicalID, resource))
        }
    }

    mutating func build(stackName: String) -> SyntheticJSON {
        typealias CFN = SyntheticCloudFormation
        if random.chance(40) { addAccount(stackName) }
        for apiIndex in 0..<random.int(1...3) {
            let flavor = [APIFlavor.rest, .http, .websocket][random.weighted([50, 35, 15])]
            addAPI(flavor, apiIndex, stackName)
        }
        for fillerIndex in 0..<random.int(3...14) { addFiller(fillerIndex, stackName) }

        var template: Members = [("AWSTemplateFormatVersion", .string("2010-09-09")),
                                 ("Description", .string("\(stackName): API front door, access logs and storage"))]
        if !cdkStyle {
            template.append(("Parameters", .object([
                ("Environment", .object([("Type", .string("String")), ("Default", .string("prod")),
                                         ("AllowedValues", .array([.string("dev"), .string("staging"), .string("prod")]))])),
                ("LogRetentionDays", .object([("Type", .string("Number")), ("Default", .number(30))])),
            ])))
            template.append(("Conditions", .object([
                ("IsProd", .object([("Fn::Equals", .array([CFN.ref("Environment"), .string("prod")]))])),
            ])))
        } else {
            template.append(("Parameters", .object([
                ("BootstrapVersion", .object([("Type", .string("AWS::SSM::Parameter::Value<String>")),
                                              ("Default", .string("/cdk-bootstrap/hnb659fds/version"))])),
            ])))
        }
        template.append(("Resources", .object(resources)))
        if !outputs.isEmpty { template.append(("Outputs", .object(outputs))) }
        return .object(template)
    }

    mutating func addAccount(_ stackName: String) {
        typealias CFN = SyntheticCloudFormation
        let role = id("ApiGatewayCloudWatchRole")
        add(role, CFN.resource("AWS::IAM::Role", [
            ("AssumeRolePolicyDocument", .object([
                ("Version", .string("2012-10-17")),
                ("Statement", .array([.object([
                    ("Effect", .string("Allow")),
                    ("Principal", .object([("Service", .string("apigateway.amazonaws.com"))])),
                    ("Action", .string("sts:AssumeRole")),
                ])])),
            ])),
            ("ManagedPolicyArns", .array([
                CFN.sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"),
            ])),
        ]), path: "\(stackName)/ApiGatewayCloudWatchRole/Resource")
        let account = id("ApiGatewayAccount")
        add(account, CFN.resource("AWS::ApiGateway::Account", [
            ("CloudWatchRoleArn", CFN.getAtt(role, "Arn")),
        ]), path: "\(stackName)/ApiGatewayAccount")
        accountID = account
    }

    mutating func logGroup(_ base: String, _ stackName: String) -> String {
        typealias CFN = SyntheticCloudFormation
        let logs = id(base + "AccessLogs")
        var properties: Members = [("LogGroupName", CFN.sub("/aws/apigateway/${AWS::StackName}-\(base.lowercased())"))]
        if random.chance(80) {
            properties.append(("RetentionInDays", cdkStyle ? .number(random.pick(SyntheticVocabulary.retentionDays)) : CFN.ref("LogRetentionDays")))
        }
        add(logs, CFN.resource("AWS::Logs::LogGroup", properties, extra: [("DeletionPolicy", .string("Retain")), ("UpdateReplacePolicy", .string("Retain"))]),
            path: "\(stackName)/\(base)/AccessLogs/Resource")
        return logs
    }

    mutating func addAPI(_ flavor: APIFlavor, _ apiIndex: Int, _ stackName: String) {
        typealias CFN = SyntheticCloudFormation
        let noun = random.pick(SyntheticVocabulary.nouns).capitalizedFirst
        let base = "\(noun)\(apiIndex)"
        let defect = StageDefect.roll(&random)
        let logs = logGroup(base, stackName)
        let destination = defect == .nameInsteadOfARN ? CFN.ref(logs) : CFN.getAtt(logs, "Arn")
        var accessLog: SyntheticJSON? = nil
        if defect != .noAccessLog {
            accessLog = .object([("DestinationArn", destination), ("Format", SyntheticCloudFormation.format(flavor, defect, &random))])
            if !cdkStyle && random.chance(15) {
                accessLog = .object([("Fn::If", .array([.string("IsProd"), accessLog ?? .null, CFN.ref("AWS::NoValue")]))])
            }
        }
        switch flavor {
        case .rest:
            let api = id(base + "Api")
            add(api, CFN.resource("AWS::ApiGateway::RestApi", [
                ("Name", CFN.sub("${AWS::StackName}-\(noun.lowercased())-\(apiIndex)")),
                ("EndpointConfiguration", .object([("Types", .array([.string("REGIONAL")]))])),
            ]), path: "\(stackName)/\(base)/Resource")
            var methods: [SyntheticJSON] = []
            var parts: [String] = []
            for _ in 0..<random.int(1...4) {
                let part = random.pick(SyntheticVocabulary.nouns)
                if !parts.contains(part) { parts.append(part) }  // one resource per path segment
            }
            for (pathIndex, part) in parts.enumerated() {
                let resourceID = id(base + "Path\(pathIndex)")
                add(resourceID, CFN.resource("AWS::ApiGateway::Resource", [
                    ("RestApiId", CFN.ref(api)), ("ParentId", CFN.getAtt(api, "RootResourceId")), ("PathPart", .string(part)),
                ]), path: "\(stackName)/\(base)/Default/\(part)/Resource")
                let method = id(base + "Path\(pathIndex)Get")
                add(method, CFN.resource("AWS::ApiGateway::Method", [
                    ("RestApiId", CFN.ref(api)), ("ResourceId", CFN.ref(resourceID)), ("HttpMethod", .string("GET")),
                    ("AuthorizationType", .string("NONE")),
                    ("Integration", .object([("Type", .string("MOCK")),
                                             ("RequestTemplates", .object([("application/json", .string("{\"statusCode\": 200}"))]))])),
                ]), path: "\(stackName)/\(base)/Default/\(part)/GET/Resource")
                methods.append(.string(method))
            }
            let deployment = id(base + "Deployment")
            add(deployment, CFN.resource("AWS::ApiGateway::Deployment", [("RestApiId", CFN.ref(api)),
                                                                         ("Description", .string("Deployment of \(base)"))],
                                         extra: [("DependsOn", .array(methods))]), path: "\(stackName)/\(base)/Deployment/Resource")
            var stage: Members = [("RestApiId", CFN.ref(api)), ("DeploymentId", CFN.ref(deployment)),
                                  ("StageName", cdkStyle ? .string("prod") : CFN.ref("Environment")),
                                  ("TracingEnabled", .bool(random.chance(50)))]
            if let accessLog { stage.append(("AccessLogSetting", accessLog)) }
            stage.append(("MethodSettings", .array([.object([
                ("ResourcePath", .string("/*")), ("HttpMethod", .string("*")),
                ("LoggingLevel", .string(random.pick(["INFO", "ERROR", "OFF"]))), ("MetricsEnabled", .bool(true)),
                ("DataTraceEnabled", .bool(false)),
            ])])))
            let stageID = id(base + "Stage")
            add(stageID, CFN.resource("AWS::ApiGateway::Stage", stage,
                                      extra: accountID.map { random.chance(70) ? [("DependsOn", .string($0))] : [] } ?? []),
                path: "\(stackName)/\(base)/DeploymentStage.prod/Resource")
            outputs.append(("\(base)Url", .object([("Value", CFN.sub("https://${\(api)}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${\(stageID)}/"))])))
        case .http, .websocket:
            let api = id(base + (flavor == .http ? "HttpApi" : "WebSocketApi"))
            var properties: Members = [("Name", CFN.sub("${AWS::StackName}-\(noun.lowercased())-\(apiIndex)")),
                                       ("ProtocolType", .string(flavor == .http ? "HTTP" : "WEBSOCKET"))]
            if flavor == .websocket { properties.append(("RouteSelectionExpression", .string("$request.body.action"))) }
            add(api, CFN.resource("AWS::ApiGatewayV2::Api", properties), path: "\(stackName)/\(base)/Resource")
            let integration = id(base + "Integration")
            add(integration, CFN.resource("AWS::ApiGatewayV2::Integration", flavor == .http
                ? [("ApiId", CFN.ref(api)), ("IntegrationType", .string("HTTP_PROXY")), ("IntegrationMethod", .string("ANY")),
                   ("IntegrationUri", .string("https://\(noun.lowercased()).example.com")), ("PayloadFormatVersion", .string("1.0"))]
                : [("ApiId", CFN.ref(api)), ("IntegrationType", .string("MOCK"))]), path: "\(stackName)/\(base)/Integration/Resource")
            let routes = flavor == .http ? ["GET /\(noun.lowercased())", "POST /\(noun.lowercased())"] : ["$connect", "$disconnect", "$default"]
            for (routeIndex, route) in routes.enumerated() {
                add(id(base + "Route\(routeIndex)"), CFN.resource("AWS::ApiGatewayV2::Route", [
                    ("ApiId", CFN.ref(api)), ("RouteKey", .string(route)),
                    ("Target", .object([("Fn::Join", .array([.string("/"), .array([.string("integrations"), CFN.ref(integration)])]))])),
                ]), path: "\(stackName)/\(base)/Route\(routeIndex)/Resource")
            }
            var stage: Members = [("ApiId", CFN.ref(api)),
                                  ("StageName", .string(flavor == .http ? "$default" : "live")),
                                  ("AutoDeploy", .bool(true))]
            if let accessLog { stage.append(("AccessLogSettings", accessLog)) }
            var routeSettings: Members = [("DetailedMetricsEnabled", .bool(true)),
                                          ("ThrottlingBurstLimit", .number(random.pick([100, 500]))),
                                          ("ThrottlingRateLimit", .number(random.pick([50, 1000])))]
            if flavor == .websocket { routeSettings.append(("LoggingLevel", .string("INFO"))) }
            stage.append(("DefaultRouteSettings", .object(routeSettings)))
            add(id(base + "Stage"), CFN.resource("AWS::ApiGatewayV2::Stage", stage), path: "\(stackName)/\(base)/DefaultStage/Resource")
            outputs.append(("\(base)Endpoint", .object([("Value", CFN.getAtt(api, "ApiEndpoint"))])))
        }
    }

    mutating func addFiller(_ index: Int, _ stackName: String) {
        typealias CFN = SyntheticCloudFormation
        let noun = random.pick(SyntheticVocabulary.nouns).capitalizedFirst
        let base = "\(noun)\(index)"
        switch random.weighted([25, 20, 20, 15, 10, 10]) {
        case 0:
            add(id(base + "Bucket"), CFN.resource("AWS::S3::Bucket", [
                ("BucketEncryption", .object([("ServerSideEncryptionConfiguration", .array([.object([
                    ("ServerSideEncryptionByDefault", .object([("SSEAlgorithm", .string("aws:kms"))])),
                    ("BucketKeyEnabled", .bool(true)),
                ])]))])),
                ("PublicAccessBlockConfiguration", .object([
                    ("BlockPublicAcls", .bool(true)), ("BlockPublicPolicy", .bool(true)),
                    ("IgnorePublicAcls", .bool(true)), ("RestrictPublicBuckets", .bool(true)),
                ])),
                ("VersioningConfiguration", .object([("Status", .string("Enabled"))])),
            ], extra: [("DeletionPolicy", .string("Retain"))]), path: "\(stackName)/\(base)/Bucket/Resource")
        case 1:
            let role = id(base + "FunctionRole")
            add(role, CFN.resource("AWS::IAM::Role", [
                ("AssumeRolePolicyDocument", .object([("Version", .string("2012-10-17")), ("Statement", .array([.object([
                    ("Effect", .string("Allow")), ("Principal", .object([("Service", .string("lambda.amazonaws.com"))])),
                    ("Action", .string("sts:AssumeRole")),
                ])]))])),
                ("ManagedPolicyArns", .array([CFN.sub("arn:${AWS::Partition}:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")])),
            ]), path: "\(stackName)/\(base)/ServiceRole/Resource")
            let variables: Members = (0..<random.int(1...5)).map { ("\(noun.uppercased())_SETTING_\($0)", .string(random.hex(8))) }
            add(id(base + "Function"), CFN.resource("AWS::Lambda::Function", [
                ("Code", .object([("S3Bucket", CFN.sub("cdk-hnb659fds-assets-${AWS::AccountId}-${AWS::Region}")),
                                  ("S3Key", .string(random.hex(64) + ".zip"))])),
                ("Role", CFN.getAtt(role, "Arn")), ("Handler", .string("index.handler")),
                ("Runtime", .string(random.pick(SyntheticVocabulary.runtimes))),
                ("MemorySize", .number(random.pick([128, 256, 512]))), ("Timeout", .number(random.pick([3, 30, 60]))),
                ("Environment", .object([("Variables", .object(variables))])),
            ], extra: [("DependsOn", .array([.string(role)]))]), path: "\(stackName)/\(base)/Function/Resource")
        case 2:
            add(id(base + "Table"), CFN.resource("AWS::DynamoDB::Table", [
                ("BillingMode", .string("PAY_PER_REQUEST")),
                ("AttributeDefinitions", .array([.object([("AttributeName", .string("pk")), ("AttributeType", .string("S"))]),
                                                 .object([("AttributeName", .string("sk")), ("AttributeType", .string("S"))])])),
                ("KeySchema", .array([.object([("AttributeName", .string("pk")), ("KeyType", .string("HASH"))]),
                                      .object([("AttributeName", .string("sk")), ("KeyType", .string("RANGE"))])])),
                ("PointInTimeRecoverySpecification", .object([("PointInTimeRecoveryEnabled", .bool(true))])),
            ]), path: "\(stackName)/\(base)/Table/Resource")
        case 3:
            let dlq = id(base + "DeadLetterQueue")
            add(dlq, CFN.resource("AWS::SQS::Queue", [("MessageRetentionPeriod", .number(1_209_600))]), path: "\(stackName)/\(base)/DLQ/Resource")
            add(id(base + "Queue"), CFN.resource("AWS::SQS::Queue", [
                ("VisibilityTimeout", .number(random.pick([30, 300]))),
                ("RedrivePolicy", .object([("deadLetterTargetArn", CFN.getAtt(dlq, "Arn")), ("maxReceiveCount", .number(random.int(2...10)))])),
            ]), path: "\(stackName)/\(base)/Queue/Resource")
        case 4:
            add(id(base + "Topic"), CFN.resource("AWS::SNS::Topic", [
                ("KmsMasterKeyId", .string("alias/aws/sns")),
                ("Subscription", .array([.object([("Endpoint", .string("\(noun.lowercased())-alerts@example.com")), ("Protocol", .string("email"))])])),
            ]), path: "\(stackName)/\(base)/Topic/Resource")
        default:
            add(id(base + "Alarm"), CFN.resource("AWS::CloudWatch::Alarm", [
                ("AlarmDescription", .string("Errors of \(noun) above the threshold")),
                ("ComparisonOperator", .string("GreaterThanThreshold")), ("EvaluationPeriods", .number(random.int(1...5))),
                ("MetricName", .string(random.pick(["5XXError", "Errors", "Throttles"]))),
                ("Namespace", .string(random.pick(["AWS/ApiGateway", "AWS/Lambda"]))), ("Period", .number(300)),
                ("Statistic", .string("Sum")), ("Threshold", .number(random.int(1...50))),
            ]), path: "\(stackName)/\(base)/Alarm/Resource")
        }
    }
}
