// A deployed API Gateway stage, whatever declared it: a stage resource, a deployment with a stage
// name, or a SAM API (which is an API and its stage at once).

import IaCLintCore

public final class Stage: Sendable {
    /// What declares the stage; decides attribute names in messages and fixes.
    public enum Declaration: String, Sendable {
        case terraformStage, terraformV2Stage, terraformDeployment
        case cloudFormationStage, cloudFormationV2Stage, cloudFormationDeployment
        case samApi, samHttpApi, samWebSocketApi

        /// False for `aws_api_gateway_deployment.stage_name`: that stage has no access-log argument.
        public var canCarryAccessLogs: Bool { self != .terraformDeployment }

        /// The access-log setting's name as the user writes it.
        public var accessLogKey: String {
            switch self {
            case .terraformStage, .terraformV2Stage, .terraformDeployment: return "access_log_settings"
            case .cloudFormationStage, .samApi: return "AccessLogSetting"
            case .cloudFormationDeployment: return "StageDescription.AccessLogSetting"
            case .cloudFormationV2Stage, .samHttpApi, .samWebSocketApi: return "AccessLogSettings"
            }
        }

        var destinationKey: String { isTerraform ? "destination_arn" : "DestinationArn" }
        var formatKey: String { isTerraform ? "format" : "Format" }

        public var isTerraform: Bool {
            self == .terraformStage || self == .terraformV2Stage || self == .terraformDeployment
        }
        public var isSAM: Bool { self == .samApi || self == .samHttpApi || self == .samWebSocketApi }
    }

    /// The resource findings name: the stage, the deployment that creates it, or the SAM API.
    public let resource: Resource
    public let declaration: Declaration
    public let apiType: ApiType
    /// The stage name as written (`stage_name`, `name`, `StageName`), when known.
    public let name: String?
    /// The access-log block (`access_log_settings`, `AccessLogSetting(s)`), read three-valued.
    public let accessLog: SettingPresence
    /// The entry of the access-log block itself (its key range), when written.
    public let accessLogEntry: ObjectEntry?
    public let executionLogging: ExecutionLogging
    /// True for SAM's implicit `ServerlessRestApi` / `ServerlessHttpApi`.
    public let isImplicit: Bool
    /// Where the access logs go, one entry per branch of a conditional destination (resolved once).
    public let destinations: [LogDestination]
    /// The resource's position in the graph: stages of one scope are found from the scope's runs of
    /// positions, without hashing every stage's scope.
    let position: Int

    init(resource: Resource, position: Int, declaration: Declaration, apiType: ApiType, name: String?, accessLog: SettingPresence,
         accessLogEntry: ObjectEntry?, executionLogging: ExecutionLogging, isImplicit: Bool, destinations: [LogDestination]) {
        self.resource = resource
        self.position = position
        self.declaration = declaration
        self.apiType = apiType
        self.name = name
        self.accessLog = accessLog
        self.accessLogEntry = accessLogEntry
        self.executionLogging = executionLogging
        self.isImplicit = isImplicit
        self.destinations = destinations
    }

    public var address: String { resource.address }

    /// How a message names the stage: `aws_api_gateway_stage.prod` or `stage "prod" of ...`.
    public var displayName: String {
        switch declaration {
        case .terraformDeployment, .cloudFormationDeployment:
            return name.map { "the stage \"\($0)\" created by \(resource.address)" } ?? "the stage created by \(resource.address)"
        case .samApi, .samHttpApi, .samWebSocketApi:
            let stageName = name ?? (declaration == .samApi ? nil : "$default")
            return stageName.map { "the stage \"\($0)\" of \(resource.address)" } ?? "the stage of \(resource.address)"
        default:
            return resource.address
        }
    }

    /// The access-log block's object entries when present or conditional.
    public var accessLogObject: Value? {
        switch accessLog {
        case .present(let v), .conditional(_, let v): return v
        case .absent, .unknown: return nil
        }
    }

    public var destinationEntry: ObjectEntry? { accessLogObject?.entry(declaration.destinationKey) }
    public var formatEntry: ObjectEntry? { accessLogObject?.entry(declaration.formatKey) }
}

/// Execution logging (method settings, route settings) that applies to one stage.
public struct ExecutionLogging: Sendable {
    /// One `logging_level` / `LoggingLevel` that applies to the stage.
    public struct Level: Sendable {
        public var value: Value
        public var entry: ObjectEntry
        /// True for `*/*` method settings, `DefaultRouteSettings`, a deployment's stage-wide level.
        public var appliesToAllMethods: Bool
    }

    public var levels: [Level] = []
    /// `data_trace_enabled` / `DataTraceEnabled` entries that apply to the stage.
    public var dataTrace: [ObjectEntry] = []
    /// True when some settings might apply but could not be linked or read (never report then).
    public var incomplete = false

    /// True when some setting certainly sends execution logs to CloudWatch Logs.
    public var logsToCloudWatch: Bool {
        levels.contains { level in
            ValueReading.branches(level.value).contains { b in
                guard let s = b.value.stringValue?.uppercased() else { return false }
                return s == "ERROR" || s == "INFO"
            }
        } || dataTrace.contains { ValueReading.knownBool($0.value) == true }
    }
}
