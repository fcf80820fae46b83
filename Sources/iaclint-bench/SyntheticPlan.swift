// `terraform show -json` plan files (format 1.2): planned_values, resource_changes with after_unknown,
// configuration expressions, a child module, and stages whose logging is set, unknown, or missing.

enum SyntheticPlan {
    typealias Members = [(String, SyntheticJSON)]
    static let provider = "registry.terraform.io/hashicorp/aws"

    /// A plan of roughly `bytes` bytes; `pretty` writes it as `jq .` would.
    static func plan(index: Int, bytes: Int, random: inout SyntheticRandom) -> (name: String, text: String) {
        var builder = PlanBuilder(random: random)
        let name = "\(random.pick(SyntheticVocabulary.nouns))-\(random.pick(SyntheticVocabulary.environments))-\(index)"
        let pretty = random.chance(30)
        // Pretty output is about 2.2x larger, so it needs fewer resources for the same size.
        let perResource = pretty ? 3_600 : 1_650
        builder.generate(resourceBudget: max(6, bytes / perResource))
        let json = builder.document(region: random.pick(SyntheticVocabulary.regions))
        random = builder.random
        return (name, pretty ? json.pretty(indent: 2) : json.compact() + "\n")
    }
}

/// One resource instance of the plan.
private struct PlanResource {
    var module: String?  // "module.child" or nil for the root module
    var type: String
    var name: String
    var index: Int?
    var values: [(String, SyntheticJSON)]
    var unknown: [(String, SyntheticJSON)] = []
    var expressions: [(String, SyntheticJSON)] = []
    var action = "create"

    var address: String {
        let local = "\(type).\(name)" + (index.map { "[\($0)]" } ?? "")
        return module.map { "\($0).\(local)" } ?? local
    }
}

private struct PlanBuilder {
    typealias Members = SyntheticPlan.Members
    var random: SyntheticRandom
    var resources: [PlanResource] = []
    let account: String

    init(random: SyntheticRandom) {
        var random = random
        account = random.accountID()
        self.random = random
    }

    static func constant(_ value: SyntheticJSON) -> SyntheticJSON { .object([("constant_value", value)]) }
    static func references(_ names: [String]) -> SyntheticJSON { .object([("references", .array(names.map { .string($0) }))]) }
    static func refPair(_ address: String, _ attribute: String) -> SyntheticJSON { references(["\(address).\(attribute)", address]) }

    mutating func generate(resourceBudget: Int) {
        var apiIndex = 0
        while resources.count < resourceBudget {
            if random.chance(35) {
                addAPI(apiIndex, module: random.chance(25) ? "module.api_\(apiIndex)" : nil)
                apiIndex += 1
            } else {
                addFiller(resources.count)
            }
        }
    }

    mutating func addLogGroup(_ key: String, module: String?) -> PlanResource {
        var values: Members = [("kms_key_id", .null), ("log_group_class", .string("STANDARD")),
                               ("name", .string("/aws/apigateway/\(key)")), ("name_prefix", .null)]
        var expressions: Members = [("name", PlanBuilder.constant(.string("/aws/apigateway/\(key)")))]
        if random.chance(80) {
            let days = random.pick(SyntheticVocabulary.retentionDays)
            values.append(("retention_in_days", .number(days)))
            expressions.append(("retention_in_days", PlanBuilder.references(["var.log_retention_days"])))
        } else {
            values.append(("retention_in_days", .number(0)))
        }
        values += [("skip_destroy", .bool(false)), ("tags", .null)]
        let group = PlanResource(module: module, type: "aws_cloudwatch_log_group", name: "\(key)_access", index: nil,
                                 values: values, unknown: [("arn", .bool(true)), ("id", .bool(true)), ("tags_all", .bool(true))],
                                 expressions: expressions)
        resources.append(group)
        return group
    }

    mutating func addAPI(_ apiIndex: Int, module: String?) {
        let key = "\(random.pick(SyntheticVocabulary.nouns))_\(apiIndex)"
        let flavor = [APIFlavor.rest, .http, .websocket][random.weighted([50, 35, 15])]
        let defect = StageDefect.roll(&random)
        let group = addLogGroup(key, module: module)
        let fields = SyntheticVocabulary.applyDefect(defect, to: SyntheticVocabulary.logFields(flavor, &random))
        let format = defect == .multiLineFormat ? "$context.requestId\n$context.status\n" : SyntheticJSON.jsonencode(fields)
        let logKnown = random.chance(20)  // a literal ARN instead of a reference
        let arnAttribute = defect == .nameInsteadOfARN ? "name" : "arn"
        let literalARN = "arn:aws:logs:us-east-1:\(account):log-group:/aws/apigateway/\(key)" + (random.chance(50) ? ":*" : "")
        let dynamicUnknown = random.chance(10)  // a dynamic block whose for_each is unknown

        var accessValues: Members = [("format", .string(format))]
        var accessUnknown: Members = []
        if logKnown || defect == .nameInsteadOfARN {
            accessValues.insert(("destination_arn", .string(defect == .nameInsteadOfARN ? "/aws/apigateway/\(key)" : literalARN)), at: 0)
        } else {
            accessUnknown.append(("destination_arn", .bool(true)))
        }
        let accessExpression: SyntheticJSON = .array([.object([
            ("destination_arn", logKnown ? PlanBuilder.constant(.string(literalARN)) : PlanBuilder.refPair(group.address.droppingModule, arnAttribute)),
            ("format", PlanBuilder.references(["local.\(key)_format"])),
        ])])

        let apiType = flavor == .rest ? "aws_api_gateway_rest_api" : "aws_apigatewayv2_api"
        var apiValues: Members = [("name", .string(key.replacingUnderscores))]
        if flavor != .rest { apiValues.append(("protocol_type", .string(flavor == .http ? "HTTP" : "WEBSOCKET"))) }
        if flavor == .websocket { apiValues.append(("route_selection_expression", .string("$request.body.action"))) }
        apiValues += [("description", .null), ("tags", .object([("Service", .string(key))]))]
        let api = PlanResource(module: module, type: apiType, name: key, index: nil, values: apiValues,
                               unknown: [("arn", .bool(true)), ("execution_arn", .bool(true)), ("id", .bool(true))]
                                   + (flavor == .rest ? [("root_resource_id", .bool(true))] : [("api_endpoint", .bool(true))]),
                               expressions: [("name", PlanBuilder.constant(.string(key.replacingUnderscores)))])
        resources.append(api)

        let stageCount = random.weighted([70, 20, 10]) + 1
        for stage in 0..<stageCount {
            var values: Members = []
            var unknown: Members = [("arn", .bool(true)), ("id", .bool(true)), ("invoke_url", .bool(true))]
            var expressions: Members = []
            if defect == .noAccessLog {
                values.append(("access_log_settings", .array([])))
            } else if dynamicUnknown {
                unknown.append(("access_log_settings", .bool(true)))
            } else {
                values.append(("access_log_settings", .array([.object(accessValues)])))
                unknown.append(("access_log_settings", .array([.object(accessUnknown)])))
                expressions.append(("access_log_settings", accessExpression))
            }
            let stageName = stageCount == 1 ? "prod" : "prod-\(stage)"
            if flavor == .rest {
                values += [("cache_cluster_enabled", .null), ("canary_settings", .array([])), ("description", .null),
                           ("stage_name", .string(stageName)), ("tags", .null), ("variables", .null),
                           ("xray_tracing_enabled", .bool(random.chance(50)))]
                unknown += [("deployment_id", .bool(true)), ("rest_api_id", .bool(true))]
                expressions += [("rest_api_id", PlanBuilder.refPair(api.address.droppingModule, "id")),
                                ("stage_name", PlanBuilder.constant(.string(stageName)))]
            } else {
                values += [("auto_deploy", .bool(flavor == .http)), ("client_certificate_id", .null),
                           ("default_route_settings", .array([.object([
                               ("data_trace_enabled", .bool(false)), ("detailed_metrics_enabled", .bool(true)),
                               ("logging_level", flavor == .websocket ? .string("INFO") : .null),
                               ("throttling_burst_limit", .number(100)), ("throttling_rate_limit", .number(50)),
                           ])])),
                           ("description", .null), ("name", .string(flavor == .http && stageCount == 1 ? "$default" : stageName)),
                           ("route_settings", .array([])), ("stage_variables", .null), ("tags", .null)]
                unknown += [("api_id", .bool(true)), ("deployment_id", .bool(true))]
                expressions += [("api_id", PlanBuilder.refPair(api.address.droppingModule, "id"))]
            }
            let type = flavor == .rest ? "aws_api_gateway_stage" : "aws_apigatewayv2_stage"
            var resource = PlanResource(module: module, type: type, name: key, index: stageCount == 1 ? nil : stage,
                                        values: values, unknown: unknown, expressions: expressions)
            resource.action = random.chance(30) ? "no-op" : "create"
            resources.append(resource)
        }
    }

    mutating func addFiller(_ index: Int) {
        let noun = random.pick(SyntheticVocabulary.nouns)
        let key = "\(noun)_\(index)"
        var resource: PlanResource
        switch random.weighted([30, 25, 20, 15, 10]) {
        case 0:
            let name = "\(noun)-\(random.hex(8))"
            resource = PlanResource(module: nil, type: "aws_s3_bucket", name: key, index: nil, values: [
                ("bucket", .string(name)), ("force_destroy", .bool(false)), ("object_lock_enabled", .bool(false)),
                ("tags", .object([("Name", .string(noun))])), ("tags_all", .object([("Name", .string(noun))])), ("timeouts", .null),
            ], unknown: [("acceleration_status", .bool(true)), ("acl", .bool(true)), ("arn", .bool(true)), ("bucket_domain_name", .bool(true)),
                         ("id", .bool(true)), ("region", .bool(true)), ("versioning", .bool(true)), ("website", .bool(true))],
               expressions: [("bucket", PlanBuilder.constant(.string(name)))])
        case 1:
            let variables: Members = (0..<random.int(1...6)).map { ("\(noun.uppercased())_SETTING_\($0)", .string(random.hex(10))) }
            resource = PlanResource(module: nil, type: "aws_lambda_function", name: key, index: nil, values: [
                ("architectures", .array([.string("x86_64")])), ("description", .null),
                ("environment", .array([.object([("variables", .object(variables))])])),
                ("filename", .string("build/\(noun).zip")), ("function_name", .string("\(noun)-\(random.hex(6))")),
                ("handler", .string("main.handler")), ("memory_size", .number(random.pick([128, 256, 512]))),
                ("package_type", .string("Zip")), ("publish", .bool(false)), ("runtime", .string(random.pick(SyntheticVocabulary.runtimes))),
                ("timeout", .number(random.pick([3, 30, 60]))), ("tracing_config", .array([])),
            ], unknown: [("arn", .bool(true)), ("invoke_arn", .bool(true)), ("last_modified", .bool(true)), ("role", .bool(true)),
                         ("source_code_hash", .bool(true)), ("version", .bool(true))],
               expressions: [("role", PlanBuilder.refPair("aws_iam_role.\(key)", "arn")), ("handler", PlanBuilder.constant(.string("main.handler")))])
        case 2:
            resource = PlanResource(module: nil, type: "aws_dynamodb_table", name: key, index: nil, values: [
                ("attribute", .array([.object([("name", .string("pk")), ("type", .string("S"))])])),
                ("billing_mode", .string("PAY_PER_REQUEST")), ("hash_key", .string("pk")), ("name", .string("\(noun)-\(random.hex(6))")),
                ("point_in_time_recovery", .array([.object([("enabled", .bool(true))])])), ("range_key", .null),
                ("ttl", .array([.object([("attribute_name", .string("expires_at")), ("enabled", .bool(true))])])),
            ], unknown: [("arn", .bool(true)), ("id", .bool(true)), ("stream_arn", .bool(true))],
               expressions: [("hash_key", PlanBuilder.constant(.string("pk")))])
        case 3:
            resource = PlanResource(module: nil, type: "aws_sqs_queue", name: key, index: nil, values: [
                ("delay_seconds", .number(0)), ("fifo_queue", .bool(false)), ("max_message_size", .number(262_144)),
                ("message_retention_seconds", .number(345_600)), ("name", .string("\(noun)-\(random.hex(6))")),
                ("visibility_timeout_seconds", .number(random.pick([30, 300]))),
            ], unknown: [("arn", .bool(true)), ("id", .bool(true)), ("policy", .bool(true)), ("url", .bool(true))],
               expressions: [("visibility_timeout_seconds", PlanBuilder.constant(.number(30)))])
        default:
            resource = PlanResource(module: nil, type: "aws_iam_role", name: key, index: nil, values: [
                ("assume_role_policy", .string(SyntheticJSON.object([("Statement", .array([.object([
                    ("Action", .string("sts:AssumeRole")), ("Effect", .string("Allow")),
                    ("Principal", .object([("Service", .string("lambda.amazonaws.com"))])),
                ])])), ("Version", .string("2012-10-17"))]).compact())),
                ("description", .null), ("force_detach_policies", .bool(false)), ("max_session_duration", .number(3600)),
                ("name", .string("\(noun)-\(random.hex(6))")), ("path", .string("/")), ("permissions_boundary", .null),
            ], unknown: [("arn", .bool(true)), ("id", .bool(true)), ("unique_id", .bool(true))],
               expressions: [("assume_role_policy", PlanBuilder.references(["data.aws_iam_policy_document.\(key).json"]))])
        }
        resource.action = random.weighted([60, 30, 10]) == 0 ? "create" : (random.chance(75) ? "no-op" : "update")
        resources.append(resource)
    }

    func plannedValues(_ resource: PlanResource) -> SyntheticJSON {
        var members: Members = [("address", .string(resource.address)), ("mode", .string("managed")),
                                ("type", .string(resource.type)), ("name", .string(resource.name))]
        if let index = resource.index { members.append(("index", .number(index))) }
        members += [("provider_name", .string(SyntheticPlan.provider)), ("schema_version", .number(0)),
                    ("values", .object(resource.values)), ("sensitive_values", .object([]))]
        return .object(members)
    }

    func change(_ resource: PlanResource) -> SyntheticJSON {
        var members: Members = [("address", .string(resource.address))]
        if let module = resource.module { members.append(("module_address", .string(module))) }
        members += [("mode", .string("managed")), ("type", .string(resource.type)), ("name", .string(resource.name))]
        if let index = resource.index { members.append(("index", .number(index))) }
        let known = SyntheticJSON.object(resource.values)
        var change: Members = [("actions", .array([.string(resource.action)]))]
        switch resource.action {
        case "create": change += [("before", .null), ("after", known), ("after_unknown", .object(resource.unknown))]
        default: change += [("before", known), ("after", known), ("after_unknown", .object([]))]
        }
        change += [("before_sensitive", resource.action == "create" ? .bool(false) : .object([])), ("after_sensitive", .object([]))]
        members += [("provider_name", .string(SyntheticPlan.provider)), ("change", .object(change))]
        return .object(members)
    }

    func configuration(_ resource: PlanResource) -> SyntheticJSON {
        var members: Members = [("address", .string("\(resource.type).\(resource.name)")), ("mode", .string("managed")),
                                ("type", .string(resource.type)), ("name", .string(resource.name)),
                                ("provider_config_key", .string("aws")), ("expressions", .object(resource.expressions)),
                                ("schema_version", .number(0))]
        if resource.index != nil { members.append(("count_expression", PlanBuilder.constant(.number(2)))) }
        return .object(members)
    }

    func document(region: String) -> SyntheticJSON {
        let root = resources.filter { $0.module == nil }
        var modules: [String] = []
        for resource in resources { if let module = resource.module, !modules.contains(module) { modules.append(module) } }
        let childModules: [SyntheticJSON] = modules.map { module in
            .object([("resources", .array(resources.filter { $0.module == module }.map(plannedValues))), ("address", .string(module))])
        }
        var plannedRoot: Members = [("resources", .array(root.map(plannedValues)))]
        if !childModules.isEmpty { plannedRoot.append(("child_modules", .array(childModules))) }

        // Configuration lists each resource block once, so count instances collapse to one entry.
        func configResources(_ list: [PlanResource]) -> [SyntheticJSON] {
            var seen: [String] = []
            var out: [SyntheticJSON] = []
            for resource in list where !seen.contains("\(resource.type).\(resource.name)") {
                seen.append("\(resource.type).\(resource.name)")
                out.append(configuration(resource))
            }
            return out
        }
        let moduleCalls: Members = modules.map { module in
            (String(module.dropFirst("module.".count)), .object([
                ("source", .string("./modules/api")),
                ("expressions", .object([("log_retention_days", PlanBuilder.references(["var.log_retention_days"]))])),
                ("module", .object([("resources", .array(configResources(resources.filter { $0.module == module }))),
                                    ("variables", .object([("log_retention_days", .object([("default", .number(30))]))]))])),
            ]))
        }
        var configRoot: Members = [("resources", .array(configResources(root)))]
        if !moduleCalls.isEmpty { configRoot.append(("module_calls", .object(moduleCalls))) }
        configRoot.append(("variables", .object([
            ("log_retention_days", .object([("default", .number(30))])),
            ("region", .object([("default", .string(region))])),
        ])))

        let relevant: [SyntheticJSON] = resources.filter { $0.type == "aws_cloudwatch_log_group" }.map {
            .object([("resource", .string($0.address)), ("attribute", .array([.string("arn")]))])
        }
        return .object([
            ("format_version", .string("1.2")),
            ("terraform_version", .string("1.11.4")),
            ("variables", .object([("log_retention_days", .object([("value", .number(30))])),
                                   ("region", .object([("value", .string(region))]))])),
            ("planned_values", .object([("root_module", .object(plannedRoot))])),
            ("resource_changes", .array(resources.map(change))),
            ("configuration", .object([
                ("provider_config", .object([("aws", .object([
                    ("name", .string("aws")), ("full_name", .string(SyntheticPlan.provider)),
                    ("expressions", .object([("region", PlanBuilder.references(["var.region"]))])),
                ]))])),
                ("root_module", .object(configRoot)),
            ])),
            ("relevant_attributes", .array(relevant)),
            ("timestamp", .string("2026-11-21T12:00:00Z")),
            ("applyable", .bool(true)),
            ("complete", .bool(true)),
            ("errored", .bool(false)),
        ])
    }
}

private extension String {
    /// A module-relative address (configuration addresses inside a module have no `module.` prefix).
    var droppingModule: String {
        guard hasPrefix("module.") else { return self }
        let parts = split(separator: ".", omittingEmptySubsequences: false)
        return parts.dropFirst(2).joined(separator: ".")
    }

    var replacingUnderscores: String { String(map { $0 == "_" ? "-" : $0 }) }
}
