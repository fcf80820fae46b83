// Names, regions and access-log formats shared by the Terraform, CloudFormation, SAM and plan generators.

enum APIFlavor: CaseIterable {
    case rest, http, websocket
}

/// How a generated stage's access logging is (deliberately) wrong, so the linter has work.
enum StageDefect: CaseIterable {
    case none
    case noAccessLog
    case formatWithoutRequestID
    case formatTypo
    case multiLineFormat
    case nameInsteadOfARN

    /// About one stage in six carries a defect.
    static func roll(_ random: inout SyntheticRandom) -> StageDefect {
        switch random.weighted([83, 5, 4, 3, 2, 3]) {
        case 1: return .noAccessLog
        case 2: return .formatWithoutRequestID
        case 3: return .formatTypo
        case 4: return .multiLineFormat
        case 5: return .nameInsteadOfARN
        default: return .none
        }
    }
}

enum SyntheticVocabulary {
    static let nouns = [
        "orders", "billing", "payments", "catalog", "search", "inventory", "users", "auth", "notifications",
        "reports", "shipping", "invoices", "analytics", "profile", "checkout", "cart", "reviews", "media",
        "feeds", "pricing", "ledger", "claims", "quotes", "accounts", "devices", "telemetry", "tickets",
        "booking", "loyalty", "documents", "messages", "webhooks", "partners", "tenants", "audit", "exports",
    ]
    static let qualifiers = ["api", "svc", "edge", "core", "public", "internal", "gateway", "backend", "portal", "hub"]
    static let environments = ["dev", "staging", "prod"]
    static let regions = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
    static let runtimes = ["python3.12", "nodejs20.x", "java21", "provided.al2023", "python3.11"]
    static let retentionDays = [7, 14, 30, 60, 90, 180, 365, 731]
    static let httpMethods = ["GET", "POST", "PUT", "DELETE", "PATCH"]
    static let teams = ["platform", "commerce", "identity", "data", "growth", "mobile", "finance", "ops"]

    /// The fields of a JSON access-log format for `flavor`, request id first.
    static func logFields(_ flavor: APIFlavor, _ random: inout SyntheticRandom) -> [(String, String)] {
        var fields: [(String, String)] = [("requestId", "$context.requestId")]
        if random.chance(40) { fields.append(("extendedRequestId", "$context.extendedRequestId")) }
        fields.append(("ip", "$context.identity.sourceIp"))
        fields.append(("requestTime", "$context.requestTime"))
        switch flavor {
        case .rest:
            fields += [("httpMethod", "$context.httpMethod"), ("resourcePath", "$context.resourcePath"),
                       ("caller", "$context.identity.caller"), ("user", "$context.identity.user")]
        case .http:
            fields += [("httpMethod", "$context.httpMethod"), ("routeKey", "$context.routeKey"),
                       ("integrationError", "$context.integrationErrorMessage")]
        case .websocket:
            fields += [("connectionId", "$context.connectionId"), ("eventType", "$context.eventType"),
                       ("routeKey", "$context.routeKey")]
        }
        fields.append(("status", "$context.status"))
        // WebSocket access logs have no protocol or response length variables.
        if flavor != .websocket {
            fields += [("protocol", "$context.protocol"), ("responseLength", "$context.responseLength")]
        }
        if random.chance(30) { fields.append(("latency", "$context.responseLatency")) }
        return fields
    }

    /// Applies a format defect to a field list (the multi-line and ARN defects are rendered elsewhere).
    static func applyDefect(_ defect: StageDefect, to fields: [(String, String)]) -> [(String, String)] {
        switch defect {
        case .formatWithoutRequestID:
            return fields.filter { !$0.1.hasSuffix("equestId") }
        case .formatTypo:
            return fields.map { $0.0 == "requestId" ? ($0.0, "$context.requestID") : $0 }
                .filter { $0.0 != "extendedRequestId" }
        default:
            return fields
        }
    }

    /// A Common Log Format line, the other style seen in real configurations.
    static func commonLogFormat(_ flavor: APIFlavor) -> String {
        if flavor == .websocket {
            return "$context.identity.sourceIp $context.connectionId [$context.requestTime] "
                + "$context.eventType $context.routeKey $context.status $context.requestId"
        }
        let path = flavor == .rest ? "$context.resourcePath" : "$context.routeKey"
        return "$context.identity.sourceIp - $context.identity.caller [$context.requestTime] "
            + "\"$context.httpMethod \(path) $context.protocol\" $context.status $context.responseLength $context.requestId"
    }
}
