// Logical ids the SAM translator gives the APIs and stages it generates, so findings and tests can
// name the resources a deployed stack will really have.

import IaCLintCore
import YAML

public enum SAMNaming {
    public enum APIKind: String, Sendable {
        case rest, http, webSocket

        public init?(serverlessType: String) {
            switch serverlessType {
            case "AWS::Serverless::Api": self = .rest
            case "AWS::Serverless::HttpApi": self = .http
            case "AWS::Serverless::WebSocketApi": self = .webSocket
            default: return nil
            }
        }
    }

    /// The API SAM creates for function `Api` events without `RestApiId`.
    public static let implicitRestAPILogicalID = "ServerlessRestApi"
    /// The API SAM creates for function `HttpApi` events without `ApiId`.
    public static let implicitHttpAPILogicalID = "ServerlessHttpApi"
    /// The implicit REST API's stage; a resource value beats Globals, so it cannot change.
    public static let implicitRestStageName = "Prod"

    /// The stage name SAM uses when the template gives none (REST APIs require one).
    public static func defaultStageName(_ kind: APIKind) -> String? {
        switch kind {
        case .rest: return nil
        case .http: return "$default"
        case .webSocket: return "default"
        }
    }

    /// The logical id of the stage SAM generates for a serverless API. `stageName` is the literal
    /// `StageName`, the kind's default when the template sets none, or nil when it is an intrinsic
    /// function (SAM then uses no name in the id).
    public static func generatedStageLogicalID(api: String, stageName: String?, kind: APIKind = .rest) -> String {
        let name = stageName ?? ""
        switch kind {
        case .webSocket:
            return name == "default" ? api + "DefaultStage" : api + name + "Stage"
        case .http where name == "$default":
            return api + "ApiGatewayDefaultStage"
        case .rest, .http:
            if isAlphanumeric(name) { return api + name + "Stage" }
            return api + "Stage" + hashSuffix(name)
        }
    }

    /// The id of the REST API, HTTP API or WebSocket API resource SAM generates: the same logical id.
    public static func generatedAPILogicalID(api: String) -> String { api }

    /// SAM's `LogicalIdGenerator` suffix: the first 10 hex digits of the SHA-1 of the data, or
    /// nothing when the data is empty.
    static func hashSuffix(_ data: String) -> String {
        data.isEmpty ? "" : String(Digests.hex(Digests.sha1(Array(data.utf8))).prefix(10))
    }

    /// Python's `str.isalnum()`: non-empty, every character a letter or a digit.
    static func isAlphanumeric(_ text: String) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    /// The generated stage's logical id recorded on a serverless API resource by the loader.
    public static func generatedStageLogicalID(of resource: Resource) -> String? {
        resource.metadata?[IaCLintMetadata.generatedStage]?.stringValue
    }

    /// The stage name SAM names the stage after: the literal `StageName` (untagged scalar), the
    /// kind's default when absent, nil when it is an intrinsic function.
    static func literalStageName(_ node: YAMLNodeTable.NodeID?, kind: APIKind, in table: YAMLNodeTable) -> String? {
        guard let node else { return defaultStageName(kind) }
        if Intrinsic.isCall(node, in: table) { return nil }
        return table.scalar(node)
    }
}
