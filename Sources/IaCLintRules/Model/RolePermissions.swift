// What an IAM role allows API Gateway to do: its trust policy and the logs actions it may call,
// gathered from every place a policy can be attached, in Terraform and CloudFormation.

import IaCLintCore

public struct RolePermissions: Sendable {
    public enum Answer: Sendable, Equatable { case yes, no, unknown }

    /// The actions the account's CloudWatch role needs (AmazonAPIGatewayPushToCloudWatchLogs has them).
    public static let requiredActions = [
        "logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups",
        "logs:DescribeLogStreams", "logs:PutLogEvents",
    ]
    public static let pushToCloudWatchPolicy = "policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs"

    public var role: Resource
    /// Whether `apigateway.amazonaws.com` may `sts:AssumeRole`.
    public var trustsAPIGateway: Answer
    /// The required actions no known policy grants; nil when some attached policy cannot be read.
    public var missingActions: [String]?
    /// Managed-policy ARNs that look like the right policy but are misspelt (missing `service-role/`).
    public var misspeltPolicyARNs: [String]
    /// The trust policy entry, for the finding's range.
    public var trustEntry: ObjectEntry?
}

struct RolePermissionsReader {
    let lookup: ResourceLookup
    /// The resources of the role's configuration of `attachmentTypes`, in graph order: where its
    /// attachments and policies are.
    let scopeResources: [Resource]

    /// The types `read` looks for among the scope's resources; it passes over every other type.
    static let attachmentTypes = [
        ResourceTypes.tfRolePolicyAttachment, ResourceTypes.tfRolePolicy, ResourceTypes.tfRolePolicyAttachmentsExclusive,
        ResourceTypes.tfPolicyAttachment, ResourceTypes.cfnPolicy, ResourceTypes.cfnManagedPolicy, ResourceTypes.cfnRolePolicy,
    ]
    var policies: PolicyReader { PolicyReader(lookup: lookup) }

    func read(_ role: Resource) -> RolePermissions {
        let isTerraform = role.origin == .terraform || role.origin == .terraformPlan
        let trustKey = isTerraform ? "assume_role_policy" : "AssumeRolePolicyDocument"
        let trustEntry = role.attributes.entry(trustKey)
        let trust: RolePermissions.Answer
        switch policies.read(trustEntry?.value, scope: role.scope) {
        case .unknown: trust = .unknown
        case .known(let statements):
            let trusted = statements.contains { s in
                s.allows && s.covers("sts:AssumeRole") && s.servicePrincipals.contains("apigateway.amazonaws.com")
            }
            trust = trusted ? .yes : .no
        }

        var statements: [PolicyStatement] = []
        var unknown = false
        var misspelt: [String] = []
        func add(_ document: PolicyDocument) {
            switch document {
            case .known(let s): statements += s
            case .unknown: unknown = true
            }
        }
        func addPolicyARN(_ value: Value) {
            for branch in ValueReading.branches(value) {
                let v = branch.value
                if case .absent = v.kind { continue }
                if let arnText = v.stringValue, v.references.isEmpty {
                    switch managedPolicy(arnText) {
                    case .grants(let s): statements += s
                    case .misspelt: misspelt.append(arnText)
                    case .unreadable: unknown = true
                    }
                    continue
                }
                // `!Sub arn:${AWS::Partition}:iam::aws:policy/...`: the front end describes the template text.
                if let reason = v.unknownReason, reason.detail.contains(":iam::aws:" + RolePermissions.pushToCloudWatchPolicy) {
                    statements += [PolicyStatement(allows: true, actions: RolePermissions.requiredActions, notActions: nil,
                                                   servicePrincipals: [], isConditional: false)]
                    continue
                }
                // A reference to a policy in the configuration: read its document.
                var found = false
                for reference in v.allReferences where reference.kind != .dependsOn {
                    for target in lookup.resolve(reference.target, scope: role.scope)
                    where target.type == ResourceTypes.tfPolicy || target.type == ResourceTypes.cfnManagedPolicy {
                        found = true
                        if target.mode == .data {
                            // `data "aws_iam_policy"` looks a policy up by ARN or name.
                            if let arn = target["arn"]?.stringValue { addPolicyARN(.string(arn)) }
                            else if let name = target["name"]?.stringValue, name == "AmazonAPIGatewayPushToCloudWatchLogs" {
                                addPolicyARN(.string("arn:aws:iam::aws:" + RolePermissions.pushToCloudWatchPolicy))
                            } else { unknown = true }
                            continue
                        }
                        add(policies.read(target[target.type == ResourceTypes.tfPolicy ? "policy" : "PolicyDocument"], scope: target.scope))
                    }
                }
                if !found { unknown = true }
            }
        }

        if isTerraform {
            for arn in listItems(role["managed_policy_arns"]) { addPolicyARN(arn) }
            for inline in ValueReading.elements(role["inline_policy"]) {
                if let policy = inline["policy"] { add(policies.read(policy, scope: role.scope)) }
            }
            for other in scopeResources {
                switch other.type {
                case ResourceTypes.tfRolePolicyAttachment:
                    if names(role, other["role"]) == .yes, let arn = other["policy_arn"] { addPolicyARN(arn) }
                    else if names(role, other["role"]) == .unknown { unknown = true }
                case ResourceTypes.tfRolePolicy:
                    if names(role, other["role"]) == .yes { add(policies.read(other["policy"], scope: other.scope)) }
                    else if names(role, other["role"]) == .unknown { unknown = true }
                case ResourceTypes.tfRolePolicyAttachmentsExclusive:
                    if names(role, other["role_name"]) == .yes { for arn in listItems(other["policy_arns"]) { addPolicyARN(arn) } }
                case ResourceTypes.tfPolicyAttachment:
                    if listItems(other["roles"]).contains(where: { names(role, $0) == .yes }), let arn = other["policy_arn"] {
                        addPolicyARN(arn)
                    }
                default: break
                }
            }
        } else {
            for arn in listItems(role["ManagedPolicyArns"]) { addPolicyARN(arn) }
            for policy in listItems(role["Policies"]) {
                add(policies.read(policy["PolicyDocument"], scope: role.scope))
            }
            for other in scopeResources {
                switch other.type {
                case ResourceTypes.cfnPolicy, ResourceTypes.cfnManagedPolicy:
                    if listItems(other["Roles"]).contains(where: { refersTo(role, $0) }) {
                        add(policies.read(other["PolicyDocument"], scope: other.scope))
                    }
                case ResourceTypes.cfnRolePolicy:
                    if let name = other["RoleName"], refersTo(role, name) {
                        add(policies.read(other["PolicyDocument"], scope: other.scope))
                    }
                default: break
                }
            }
        }

        let allowed = PolicyDocument.allowed(RolePermissions.requiredActions, by: statements)
        let missing = RolePermissions.requiredActions.filter { !allowed.contains($0) }
        return RolePermissions(role: role, trustsAPIGateway: trust,
                               missingActions: missing.isEmpty ? [] : (unknown ? nil : missing),
                               misspeltPolicyARNs: misspelt, trustEntry: trustEntry)
    }

    private enum ManagedPolicy { case grants([PolicyStatement]), misspelt, unreadable }

    /// AWS-managed policies whose effect on logs is known; anything else cannot be read here.
    private func managedPolicy(_ arnText: String) -> ManagedPolicy {
        guard let arn = ARN(arnText), arn.service == "iam", arn.account == "aws" else { return .unreadable }
        func allow(_ actions: [String]) -> ManagedPolicy {
            .grants([PolicyStatement(allows: true, actions: actions, notActions: nil, servicePrincipals: [], isConditional: false)])
        }
        switch arn.resource {
        case RolePermissions.pushToCloudWatchPolicy: return allow(RolePermissions.requiredActions)
        case "policy/AmazonAPIGatewayPushToCloudWatchLogs": return .misspelt
        case "policy/CloudWatchLogsFullAccess": return allow(["logs:*"])
        case "policy/AdministratorAccess": return allow(["*"])
        default: return .unreadable
        }
    }

    /// Whether a `role` argument names this role: a reference to it, or its literal name.
    private func names(_ role: Resource, _ value: Value?) -> RolePermissions.Answer {
        guard let value else { return .no }
        if refersTo(role, value) { return .yes }
        if let text = value.stringValue, value.references.isEmpty {
            if let name = role["name"]?.stringValue { return text == name ? .yes : .no }
            return .no
        }
        // A reference to another role, or an unknown value with no edge at all.
        return value.allReferences.isEmpty && value.isUnknown ? .unknown : .no
    }

    private func refersTo(_ role: Resource, _ value: Value) -> Bool {
        value.allReferences.contains { reference in
            reference.kind != .dependsOn
                && (reference.target == role.address || reference.target == role.baseAddress)
        }
    }

    private func listItems(_ value: Value?) -> [Value] {
        guard let value else { return [] }
        switch value.kind {
        case .list(let items): return items
        case .null, .absent: return []
        default: return [value]
        }
    }
}
