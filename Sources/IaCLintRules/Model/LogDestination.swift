// Where a stage's access logs go, resolved from its destination value against the graph.

import IaCLintCore

public struct LogDestination: Sendable {
    public enum Kind: Sendable {
        /// A CloudWatch Logs log group declared in the configuration, by ARN (reference, `GetAtt .Arn`,
        /// or a template that builds its ARN). Data sources count (an existing group).
        case logGroup(Resource)
        /// A log group's *name* used where its ARN is needed (`Ref LogGroup`, `.name`, `.id`).
        case logGroupName(Resource, Reference)
        /// A Firehose delivery stream declared in the configuration, by ARN.
        case firehose(Resource)
        /// A delivery stream's name used where its ARN is needed (`Ref Stream`, `.name`).
        case firehoseName(Resource, Reference)
        /// A literal `arn:…:logs:…:log-group:NAME` (optionally `:*`).
        case literalLogGroup(name: String)
        /// A literal `arn:…:firehose:…:deliverystream/NAME`.
        case literalFirehose(name: String)
        /// The ARN of something that cannot receive access logs (the service or resource type).
        case otherService(String)
        /// A known string that is not an ARN at all.
        case notAnARN(String)
        /// A reference to a resource that is not declared.
        case undeclared(Reference)
        /// A reference to a resource declared with `count = 0` or an empty `for_each`.
        case emptyDeclaration(Reference)
        /// Not known before deployment: never reported.
        case unknown
    }

    public var kind: Kind
    /// The value (one branch of a conditional) the destination was read from.
    public var value: Value
    /// Conditions under which this branch applies (empty when unconditional).
    public var conditions: [Condition]

    /// True when logs go to CloudWatch Logs (not Firehose), as far as known.
    public var isCloudWatch: Bool {
        switch kind {
        case .logGroup, .literalLogGroup: return true
        default: return false
        }
    }

    public var isFirehose: Bool {
        switch kind {
        case .firehose, .literalFirehose: return true
        default: return false
        }
    }

    /// The log group resource, when the destination is one in the graph.
    public var logGroup: Resource? {
        if case .logGroup(let r) = kind { return r }
        return nil
    }
}

/// The parts of an ARN: `arn:partition:service:region:account:resource`.
struct ARN: Sendable {
    var partition: String
    var service: String
    var region: String
    var account: String
    var resource: String

    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn" else { return nil }
        partition = String(parts[1]); service = String(parts[2]); region = String(parts[3])
        account = String(parts[4]); resource = String(parts[5])
    }

    /// The log group name of `log-group:NAME` or `log-group:NAME:*`.
    var logGroupName: String? {
        guard service == "logs", resource.hasPrefix("log-group:") else { return nil }
        var name = resource.dropFirst("log-group:".count)
        if name.hasSuffix(":*") { name = name.dropLast(2) }
        return name.isEmpty || name.contains(":") ? nil : String(name)
    }

    /// The stream name of `deliverystream/NAME`.
    var deliveryStreamName: String? {
        guard service == "firehose", resource.hasPrefix("deliverystream/") else { return nil }
        let name = resource.dropFirst("deliverystream/".count)
        return name.isEmpty ? nil : String(name)
    }
}

/// Resolves destination values; knows how each language spells a log group's ARN and name.
struct DestinationResolver {
    let lookup: ResourceLookup
    /// The number of the stage's scope when the caller knows it (from the stage's position): the
    /// look-ups then skip finding the scope by its name.
    var scopeNumber: Int? = nil
    var graph: ResourceGraph { lookup.graph }

    func resolve(_ value: Value, from stage: Resource) -> [LogDestination] {
        ValueReading.branches(value).compactMap { branch in
            if case .absent = branch.value.kind { return nil }
            if branch.value.isNull { return nil }
            return LogDestination(kind: kind(of: branch.value, from: stage), value: branch.value,
                                  conditions: branch.conditions)
        }
    }

    private func kind(of value: Value, from stage: Resource) -> LogDestination.Kind {
        let references = value.allReferences.filter { $0.kind != .dependsOn }
        var resolved: [(Reference, Resource)] = []
        for reference in references {
            let targets = scopeNumber.map { lookup.resolve(reference.target, scopeNumber: $0) }
                ?? lookup.resolve(reference.target, scope: stage.scope)
            if targets.isEmpty {
                if graph.isEmptyDeclaration(reference.target, scope: stage.scope)
                    || graph.isEmptyDeclaration(Self.withoutInstanceKey(reference.target), scope: stage.scope) {
                    return .emptyDeclaration(reference)
                }
                if isCertainlyUndeclared(reference, from: stage) { return .undeclared(reference) }
                continue
            }
            if let target = targets.first { resolved.append((reference, target)) }
        }

        if let text = value.stringValue {
            return classifyLiteral(text, value: value, resolved: resolved)
        }
        // The CloudFormation front end leaves a Ref or GetAtt to a missing logical id unknown, saying so.
        if let reason = value.unknownReason, reason.kind == .invalid {
            for prefix in ["undefined resource ", "undefined name "] where reason.detail.hasPrefix(prefix) {
                let name = String(reason.detail.dropFirst(prefix.count))
                return .undeclared(Reference(target: name, kind: prefix == "undefined name " ? .ref : .attribute, range: value.range))
            }
        }
        guard case .unknown = value.kind else {
            // A list, number or object where an ARN is expected.
            return value.isWhollyKnown ? .notAnARN(Self.render(value)) : .unknown
        }
        for (reference, target) in resolved {
            let whole = isWholeValue(reference, of: value)
            let readsName = reference.kind == .ref || ["name", "id"].contains(reference.attribute ?? "")
            if ResourceTypes.logGroups.contains(target.type) {
                return whole && readsName ? .logGroupName(target, reference) : .logGroup(target)
            }
            if ResourceTypes.firehoses.contains(target.type) {
                return whole && readsName ? .firehoseName(target, reference) : .firehose(target)
            }
            if whole, (reference.attribute ?? "").lowercased() == "arn" {
                return .otherService(target.type)
            }
        }
        return .unknown
    }

    private func classifyLiteral(_ text: String, value: Value, resolved: [(Reference, Resource)]) -> LogDestination.Kind {
        let logGroupTarget = resolved.first { ResourceTypes.logGroups.contains($0.1.type) }
        let firehoseTarget = resolved.first { ResourceTypes.firehoses.contains($0.1.type) }
        if let arn = ARN(text) {
            if arn.logGroupName != nil, let target = logGroupTarget { return .logGroup(target.1) }
            if let name = arn.logGroupName { return .literalLogGroup(name: name) }
            if arn.deliveryStreamName != nil, let target = firehoseTarget { return .firehose(target.1) }
            if let name = arn.deliveryStreamName { return .literalFirehose(name: name) }
            if arn.service == "logs" { return .notAnARN(text) }
            return .otherService(arn.service)
        }
        if let target = logGroupTarget { return .logGroupName(target.1, target.0) }
        if let target = firehoseTarget { return .firehoseName(target.1, target.0) }
        return .notAnARN(text)
    }

    /// A Terraform reference to a log group or stream type that resolves to nothing, or a
    /// CloudFormation `GetAtt` on a logical id that is not in the template.
    private func isCertainlyUndeclared(_ reference: Reference, from stage: Resource) -> Bool {
        switch stage.origin {
        case .terraform, .terraformPlan:
            guard let type = ResourceTypes.terraformType(ofAddress: reference.target) else { return false }
            return ResourceTypes.logGroups.contains(type) || ResourceTypes.firehoses.contains(type)
        case .cloudFormation, .sam:
            return reference.kind == .attribute && reference.attribute == "Arn" && !reference.target.contains(".")
                && !reference.target.hasPrefix("AWS::")
        }
    }

    /// True when the reference is the whole expression (`!Ref LG`, `x.name`, `"${x.name}"`) rather
    /// than one part of a template that builds an ARN around it.
    private func isWholeValue(_ reference: Reference, of value: Value) -> Bool {
        // Front ends describe a partly unknown template by its text (`Fn::Sub "arn:${AWS::Partition}:logs:…"`).
        if let reason = value.unknownReason, Self.containsARNPrefix(reason.detail) { return false }
        if let vr = value.range, let rr = reference.range, vr.fileID == rr.fileID,
           rr.start.offset >= vr.start.offset, rr.end.offset <= vr.end.offset {
            let extra = (vr.end.offset - vr.start.offset) - (rr.end.offset - rr.start.offset)
            return extra <= 16
        }
        // The value flowed through a module variable or carries no ranges: judge by its parts.
        if let reason = value.unknownReason, reason.kind == .deploymentContext { return false }
        return value.allReferences.filter { $0.kind != .dependsOn }.count == 1
    }

    /// `aws_x.y["k"]` -> `aws_x.y`.
    static func withoutInstanceKey(_ address: String) -> String {
        guard address.hasSuffix("]"), let open = address.lastIndex(of: "[") else { return address }
        return String(address[..<open])
    }

    /// True when the text contains `arn:` (byte search; this runs once per destination).
    static func containsARNPrefix(_ text: String) -> Bool {
        var matched = 0
        for byte in text.utf8 {
            let expected: UInt8 = matched == 0 ? 0x61 : (matched == 1 ? 0x72 : (matched == 2 ? 0x6E : 0x3A))
            if byte == expected {
                matched += 1
                if matched == 4 { return true }
            } else {
                matched = byte == 0x61 ? 1 : 0
            }
        }
        return false
    }

    static func render(_ value: Value) -> String {
        switch value.kind {
        case .string(let s): return s
        case .number(let n): return n == n.rounded() && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case .bool(let b): return b ? "true" : "false"
        case .list: return "a list"
        case .object: return "an object"
        default: return "a value"
        }
    }
}
