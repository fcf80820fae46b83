// The three kinds of API Gateway API, which decide variables, destinations and the account role.

public enum ApiType: String, Hashable, Sendable, CustomStringConvertible {
    case rest = "REST"
    case http = "HTTP"
    case webSocket = "WebSocket"
    /// The API could not be resolved (an ID from outside the configuration, an unknown protocol).
    case unknown

    /// REST and WebSocket stages log through the account's CloudWatch role; HTTP APIs do not.
    public var needsAccountRole: Bool { self == .rest || self == .webSocket }

    /// Execution logging (`logging_level`) exists for REST and WebSocket only.
    public var supportsExecutionLogging: Bool { self == .rest || self == .webSocket }

    public var description: String {
        switch self {
        case .rest: return "REST"
        case .http: return "HTTP"
        case .webSocket: return "WebSocket"
        case .unknown: return "unknown"
        }
    }

    /// From `protocol_type` / `ProtocolType`.
    static func fromProtocol(_ text: String?) -> ApiType {
        switch text?.uppercased() {
        case "HTTP": return .http
        case "WEBSOCKET": return .webSocket
        default: return .unknown
        }
    }
}
