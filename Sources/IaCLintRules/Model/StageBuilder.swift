// Finds every stage in the graph and reads its API type, access-log block and execution logging.

import IaCLintCore

struct StageBuilder {
    let lookup: ResourceLookup
    let methodSettings: MethodSettingsIndex

    init(lookup: ResourceLookup) {
        self.lookup = lookup
        self.methodSettings = MethodSettingsIndex(lookup)
    }

    /// Types that can make a stage.
    static let stageTypes: Set<String> = [
        ResourceTypes.tfRestStage, ResourceTypes.tfV2Stage, ResourceTypes.tfDeployment, ResourceTypes.cfnRestStage,
        ResourceTypes.cfnV2Stage, ResourceTypes.cfnDeployment, ResourceTypes.samApi, ResourceTypes.samHttpApi,
        ResourceTypes.samWebSocketApi,
    ]

    /// Every stage, in graph order. Stages are read independently, so on every core.
    func buildStages() -> [Stage] {
        let resources = lookup.graph.resources
        let candidates = lookup.positions(ofTypes: StageBuilder.stageTypes).filter { resources[$0].mode == .managed }
        let builder = self
        // A handful of stages (a pre-commit run) is read faster than worker threads start.
        guard candidates.count >= 64 else { return candidates.compactMap { builder.stage(for: resources[$0], at: $0) } }
        // Contiguous blocks of stages per task rather than one task per stage: the cores took stages in
        // turns, so both read (and waited for) the same scope's address table at once, and wrote their
        // results into neighbouring slots of one cache line.
        let blockCount = Concurrency.processorCount * 8
        let size = (candidates.count + blockCount - 1) / blockCount
        let blocks = stride(from: 0, to: candidates.count, by: size).map { $0..<min(candidates.count, $0 + size) }
        return blocks.parallelMap { block in candidates[block].compactMap { builder.stage(for: resources[$0], at: $0) } }
            .flatMap { $0 }
    }

    private func stage(for resource: Resource, at position: Int) -> Stage? {
        switch resource.type {
        case ResourceTypes.tfRestStage:
            return stage(resource, at: position, .terraformStage, api: .rest, name: resource["stage_name"],
                         accessLog: resource.attributes.entry("access_log_settings"),
                         execution: terraformMethodSettings(for: resource, at: position, stageName: resource["stage_name"]))
        case ResourceTypes.tfV2Stage:
            let api = v2ApiType(resource["api_id"], at: position)
            return stage(resource, at: position, .terraformV2Stage, api: api, name: resource["name"],
                         accessLog: resource.attributes.entry("access_log_settings"),
                         execution: routeSettings(default: resource["default_route_settings"],
                                                  routes: resource["route_settings"], terraform: true))
        case ResourceTypes.tfDeployment:
            // Only a deployment with a non-empty `stage_name` creates a stage.
            guard let name = resource["stage_name"], !ValueReading.isMissing(name), name.stringValue != "" else { return nil }
            return stage(resource, at: position, .terraformDeployment, api: .rest, name: name, accessLog: nil,
                         execution: terraformMethodSettings(for: resource, at: position, stageName: name))
        case ResourceTypes.cfnRestStage:
            return stage(resource, at: position, .cloudFormationStage, api: .rest, name: resource["StageName"],
                         accessLog: resource.attributes.entry("AccessLogSetting"),
                         execution: methodSettings(resource["MethodSettings"], stageWide: nil, dataTrace: nil))
        case ResourceTypes.cfnV2Stage:
            let api = v2ApiType(resource["ApiId"], at: position)
            return stage(resource, at: position, .cloudFormationV2Stage, api: api, name: resource["StageName"],
                         accessLog: resource.attributes.entry("AccessLogSettings"),
                         execution: routeSettings(default: resource["DefaultRouteSettings"],
                                                  routes: resource["RouteSettings"], terraform: false))
        case ResourceTypes.cfnDeployment:
            guard let name = resource["StageName"], !ValueReading.isMissing(name) else { return nil }
            let description = resource["StageDescription"]
            let execution = methodSettings(description?["MethodSettings"],
                                           stageWide: description?.entry("LoggingLevel"),
                                           dataTrace: description?.entry("DataTraceEnabled"))
            return stage(resource, at: position, .cloudFormationDeployment, api: .rest, name: name,
                         accessLog: description?.entry("AccessLogSetting"), execution: execution)
        case ResourceTypes.samApi:
            return stage(resource, at: position, .samApi, api: .rest, name: resource["StageName"],
                         accessLog: resource.attributes.entry("AccessLogSetting"),
                         execution: methodSettings(resource["MethodSettings"], stageWide: nil, dataTrace: nil))
        case ResourceTypes.samHttpApi, ResourceTypes.samWebSocketApi:
            let isHTTP = resource.type == ResourceTypes.samHttpApi
            return stage(resource, at: position, isHTTP ? .samHttpApi : .samWebSocketApi, api: isHTTP ? .http : .webSocket,
                         name: resource["StageName"],
                         accessLog: resource.attributes.entry("AccessLogSettings"),
                         execution: routeSettings(default: resource["DefaultRouteSettings"],
                                                  routes: resource["RouteSettings"], terraform: false))
        default:
            return nil
        }
    }

    private func stage(_ resource: Resource, at position: Int, _ declaration: Stage.Declaration, api: ApiType, name: Value?,
                       accessLog: ObjectEntry?, execution: ExecutionLogging) -> Stage {
        let implicit = resource.metadata?["iaclint:implicit"].flatMap(ValueReading.knownBool) ?? false
        var stageName = name?.stringValue
        if stageName == nil, resource.type == ResourceTypes.samApi, implicit { stageName = "Prod" }
        let presence = declaration.canCarryAccessLogs ? ValueReading.block(accessLog?.value) : .absent
        var destinations: [LogDestination] = []
        switch presence {
        case .present(let settings), .conditional(_, let settings):
            if let entry = settings.entry(declaration.destinationKey) {
                destinations = DestinationResolver(lookup: lookup, scopeNumber: lookup.scopeNumber(at: position))
                    .resolve(entry.value, from: resource)
            }
        case .absent, .unknown:
            break
        }
        return Stage(resource: resource, position: position, declaration: declaration, apiType: api, name: stageName, accessLog: presence,
                     accessLogEntry: accessLog, executionLogging: execution, isImplicit: implicit, destinations: destinations)
    }

    /// The protocol of the v2 API a stage's `api_id` / `ApiId` points at.
    /// `position`: the stage's, whose scope (found by position, not by hashing its name) the API is in.
    private func v2ApiType(_ apiId: Value?, at position: Int) -> ApiType {
        guard let apiId, let scope = lookup.scopeNumber(at: position) else { return .unknown }
        for reference in apiId.allReferences where reference.kind != .dependsOn {
            for api in lookup.resolve(reference.target, scopeNumber: scope) {
                switch api.type {
                case ResourceTypes.tfV2Api: return ApiType.fromProtocol(api["protocol_type"]?.stringValue)
                case ResourceTypes.cfnV2Api:
                    if let p = api["ProtocolType"]?.stringValue { return ApiType.fromProtocol(p) }
                    // An OpenAPI body without ProtocolType is an HTTP API.
                    if api["Body"] != nil || api["BodyS3Location"] != nil { return .http }
                    return .unknown
                case ResourceTypes.samHttpApi: return .http
                case ResourceTypes.samWebSocketApi: return .webSocket
                default: continue
                }
            }
        }
        return .unknown
    }

    /// v2 `default_route_settings` / `DefaultRouteSettings` and per-route settings.
    private func routeSettings(default defaults: Value?, routes: Value?, terraform: Bool) -> ExecutionLogging {
        var out = ExecutionLogging()
        let levelKey = terraform ? "logging_level" : "LoggingLevel"
        let traceKey = terraform ? "data_trace_enabled" : "DataTraceEnabled"
        if let defaults, defaults.isUnknown { out.incomplete = true }
        for settings in ValueReading.elements(defaults) {
            if let level = settings.entry(levelKey) {
                out.levels.append(.init(value: level.value, entry: level, appliesToAllMethods: true))
            }
            if let trace = settings.entry(traceKey) { out.dataTrace.append(trace) }
        }
        if let routes, routes.isUnknown { out.incomplete = true }
        // Terraform: a set of blocks with `route_key`; CloudFormation: an object keyed by route key.
        let routeObjects: [Value]
        if terraform {
            routeObjects = ValueReading.elements(routes)
        } else {
            routeObjects = (routes?.objectEntries ?? []).map(\.value)
        }
        for settings in routeObjects {
            if let level = settings.entry(levelKey) {
                out.levels.append(.init(value: level.value, entry: level, appliesToAllMethods: false))
            }
            if let trace = settings.entry(traceKey) { out.dataTrace.append(trace) }
        }
        return out
    }

    /// CloudFormation/SAM `MethodSettings` (and a deployment's stage-wide `LoggingLevel`).
    private func methodSettings(_ settings: Value?, stageWide: ObjectEntry?, dataTrace: ObjectEntry?) -> ExecutionLogging {
        var out = ExecutionLogging()
        if let stageWide { out.levels.append(.init(value: stageWide.value, entry: stageWide, appliesToAllMethods: true)) }
        if let dataTrace { out.dataTrace.append(dataTrace) }
        if let settings, settings.isUnknown { out.incomplete = true }
        for setting in ValueReading.elements(settings) {
            let method = setting["HttpMethod"]?.stringValue
            let path = setting["ResourcePath"]?.stringValue
            let all = (method == "*" || method == nil) && (path == "/*" || path == nil)
            if let level = setting.entry("LoggingLevel") {
                out.levels.append(.init(value: level.value, entry: level, appliesToAllMethods: all))
            }
            if let trace = setting.entry("DataTraceEnabled") { out.dataTrace.append(trace) }
        }
        return out
    }

    /// `aws_api_gateway_method_settings` resources that apply to a REST stage: `stage_name`
    /// references the stage, or names it literally on the same REST API.
    private func terraformMethodSettings(for stage: Resource, at position: Int, stageName: Value?) -> ExecutionLogging {
        var out = ExecutionLogging()
        // The stage's scope by its position, and nothing more to read when it has no method settings
        // (keys of scope and address hashed the scope's path three times a stage).
        guard let number = lookup.scopeNumber(at: position), number < methodSettings.scopes.count else { return out }
        let scope = methodSettings.scopes[number]
        guard scope.hasAny else { return out }
        let name = stageName?.stringValue
        // Could be ours, but cannot be told: never conclude "no execution logging".
        if scope.hasUnlinked { out.incomplete = true }
        var candidates = scope.byTarget[stage.address] ?? []
        if stage.baseAddress != stage.address {
            candidates += scope.byTarget[stage.baseAddress] ?? []
        }
        if let name, let named = scope.byName[name] {
            let stageAPI = Set((stage["rest_api_id"]?.allReferences ?? []).map(\.target))
            for settings in named {
                let api = Set((settings["rest_api_id"]?.allReferences ?? []).map(\.target))
                let sameAPI = !api.isDisjoint(with: stageAPI)
                    || (api.isEmpty && stageAPI.isEmpty && settings["rest_api_id"]?.stringValue != nil
                        && settings["rest_api_id"]?.stringValue == stage["rest_api_id"]?.stringValue)
                if sameAPI, !candidates.contains(where: { $0.address == settings.address }) { candidates.append(settings) }
            }
        }
        for settings in candidates {
            let path = settings["method_path"]?.stringValue
            if settings["method_path"]?.isUnknown == true { out.incomplete = true }
            if settings["settings"]?.isUnknown == true { out.incomplete = true }
            for body in ValueReading.elements(settings["settings"]) {
                if let level = body.entry("logging_level") {
                    out.levels.append(.init(value: level.value, entry: level, appliesToAllMethods: path == "*/*"))
                }
                if let trace = body.entry("data_trace_enabled") { out.dataTrace.append(trace) }
            }
        }
        return out
    }
}

/// `aws_api_gateway_method_settings` resources by the stage they name, built once: per scope (by the
/// lookup's scope number), by referenced resource (`aws_api_gateway_stage.x.stage_name`) and by
/// literal stage name.
struct MethodSettingsIndex {
    struct InScope {
        var byTarget: [String: [Resource]] = [:]
        var byName: [String: [Resource]] = [:]
        /// Method settings whose stage cannot be told (unknown, no reference).
        var hasUnlinked = false
        var hasAny = false
    }

    /// By scope number.
    private(set) var scopes: [InScope]

    init(_ lookup: ResourceLookup) {
        scopes = [InScope](repeating: InScope(), count: lookup.scopeCount)
        let resources = lookup.graph.resources
        for position in lookup.positions(ofTypes: [ResourceTypes.tfMethodSettings]) {
            let settings = resources[position]
            guard settings.mode == .managed, let stageName = settings["stage_name"],
                  let number = lookup.scopeNumber(at: position) else { continue }
            scopes[number].hasAny = true
            let targets = Set(stageName.allReferences.filter { $0.kind != .dependsOn }.map(\.target))
            for target in targets {
                scopes[number].byTarget[target, default: []].append(settings)
            }
            if let name = stageName.stringValue {
                scopes[number].byName[name, default: []].append(settings)
            } else if targets.isEmpty, stageName.isUnknown {
                scopes[number].hasUnlinked = true
            }
        }
    }
}
