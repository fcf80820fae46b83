// The account-level CloudWatch role setting for API Gateway (one per account and region).

import IaCLintCore

public struct AccountSetting: Sendable {
    public var resource: Resource
    /// `cloudwatch_role_arn` / `CloudWatchRoleArn`, when written.
    public var roleArnEntry: ObjectEntry?

    /// True unless the role ARN is certainly missing (unknown and conditional values count as set).
    public var setsRole: Bool {
        guard let entry = roleArnEntry else { return false }
        switch entry.value.kind {
        case .null, .absent: return false
        case .string(let s): return !s.isEmpty
        default: return true
        }
    }

    var roleKey: String { resource.origin == .terraform || resource.origin == .terraformPlan ? "cloudwatch_role_arn" : "CloudWatchRoleArn" }
}
