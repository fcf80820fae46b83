// SAM applications: Globals with access-log settings, functions with implicit REST/HTTP API events, explicit
// AWS::Serverless::Api / HttpApi resources, and a few applications that forget access logging.

enum SyntheticSAM {
    typealias Members = [(String, SyntheticJSON)]

    /// A SAM template (always YAML, as `sam init` writes it).
    static func application(index: Int, random: inout SyntheticRandom) -> (name: String, text: String) {
        typealias CFN = SyntheticCloudFormation
        let noun = random.pick(SyntheticVocabulary.nouns)
        let name = "\(noun)-app-\(index)"
        var resources: Members = []
        var globals: Members = [("Function", .object([
            ("Runtime", .string(random.pick(SyntheticVocabulary.runtimes))), ("Timeout", .number(random.pick([3, 10, 30]))),
            ("MemorySize", .number(random.pick([128, 256, 512]))), ("Tracing", .string("Active")),
            ("Environment", .object([("Variables", .object([("TABLE_NAME", CFN.ref("ItemsTable")), ("LOG_LEVEL", .string("INFO"))]))])),
        ]))]

        resources.append(("AccessLogs", CFN.resource("AWS::Logs::LogGroup", random.chance(75)
            ? [("LogGroupName", CFN.sub("/aws/apigateway/${AWS::StackName}")), ("RetentionInDays", .number(random.pick(SyntheticVocabulary.retentionDays)))]
            : [("LogGroupName", CFN.sub("/aws/apigateway/${AWS::StackName}"))])))

        // Globals carry the access-log settings for the implicit APIs, unless this app forgot them.
        let restDefect = StageDefect.roll(&random)
        if restDefect != .noAccessLog {
            globals.append(("Api", .object([
                ("TracingEnabled", .bool(true)),
                ("AccessLogSetting", .object([
                    ("DestinationArn", restDefect == .nameInsteadOfARN ? CFN.ref("AccessLogs") : CFN.getAtt("AccessLogs", "Arn")),
                    ("Format", SyntheticCloudFormation.format(.rest, restDefect, &random)),
                ])),
                ("MethodSettings", .array([.object([("ResourcePath", .string("/*")), ("HttpMethod", .string("*")),
                                                    ("MetricsEnabled", .bool(true)), ("LoggingLevel", .string("ERROR"))])])),
            ])))
        }
        let httpDefect = StageDefect.roll(&random)
        if httpDefect != .noAccessLog && random.chance(70) {
            globals.append(("HttpApi", .object([
                ("AccessLogSettings", .object([
                    ("DestinationArn", CFN.getAtt("AccessLogs", "Arn")),
                    ("Format", SyntheticCloudFormation.format(.http, httpDefect, &random)),
                ])),
            ])))
        }

        // An explicit REST API next to the implicit one, sometimes with its own stage name and OpenApiVersion.
        let explicitAPI = random.chance(40)
        if explicitAPI {
            var properties: Members = [("StageName", .string(random.pick(["prod", "v1", "live"]))),
                                       ("Description", .string("Explicit API of \(name)"))]
            if random.chance(50) { properties.append(("OpenApiVersion", .string("3.0.1"))) }
            if random.chance(30) {
                properties.append(("AccessLogSetting", .object([("Format", SyntheticCloudFormation.format(.rest, .none, &random))])))
            }
            resources.append(("PartnerApi", CFN.resource("AWS::Serverless::Api", properties)))
        }
        let explicitHTTP = random.chance(25)
        if explicitHTTP {
            resources.append(("PublicHttpApi", CFN.resource("AWS::Serverless::HttpApi", [
                ("StageName", .string("v1")),
                ("AccessLogSettings", .object([("DestinationArn", CFN.getAtt("AccessLogs", "Arn")),
                                               ("Format", SyntheticCloudFormation.format(.http, .none, &random))])),
                ("DefaultRouteSettings", .object([("DetailedMetricsEnabled", .bool(true))])),
            ])))
        }

        var implicitREST = false
        for functionIndex in 0..<random.int(2...10) {
            let resource = random.pick(SyntheticVocabulary.nouns)
            var events: Members = []
            for (eventIndex, method) in ["get", "post", "put", "delete"].prefix(random.int(1...3)).enumerated() {
                var properties: Members = [("Path", .string("/\(resource)" + (eventIndex > 0 ? "/{id}" : ""))),
                                           ("Method", .string(method))]
                var type = "Api"
                switch random.weighted([50, 30, 20]) {
                case 0: implicitREST = true  // implicit ServerlessRestApi
                case 1:
                    type = "HttpApi"  // implicit ServerlessHttpApi unless the explicit one exists
                    if explicitHTTP { properties.append(("ApiId", CFN.ref("PublicHttpApi"))) }
                default:
                    if explicitAPI { properties.append(("RestApiId", CFN.ref("PartnerApi"))) } else { implicitREST = true }
                }
                events.append(("\(method.capitalizedFirst)\(resource.capitalizedFirst)\(eventIndex)",
                               .object([("Type", .string(type)), ("Properties", .object(properties))])))
            }
            resources.append(("\(resource.capitalizedFirst)Function\(functionIndex)", CFN.resource("AWS::Serverless::Function", [
                ("CodeUri", .string("src/\(resource)/")), ("Handler", .string("app.handler")),
                ("Description", .string("Handles /\(resource)")),
                ("Policies", .array([.object([("DynamoDBCrudPolicy", .object([("TableName", CFN.ref("ItemsTable"))]))])])),
                ("Events", .object(events)),
            ])))
        }
        resources.append(("ItemsTable", CFN.resource("AWS::Serverless::SimpleTable", [
            ("PrimaryKey", .object([("Name", .string("id")), ("Type", .string("String"))])),
        ])))

        var template: Members = [
            ("AWSTemplateFormatVersion", .string("2010-09-09")),
            ("Transform", .string("AWS::Serverless-2016-10-31")),
            ("Description", .string("\(name): serverless API")),
            ("Globals", .object(globals)),
            ("Resources", .object(resources)),
        ]
        if implicitREST {
            template.append(("Outputs", .object([("ApiUrl", .object([
                ("Description", .string("Prod stage of the implicit REST API")),
                ("Value", CFN.sub("https://${ServerlessRestApi}.execute-api.${AWS::Region}.amazonaws.com/Prod/")),
            ]))])))
        }
        return (name, SyntheticYAML.document(.object(template), shortForm: random.chance(90)))
    }
}
