// IAM policy documents read from any spelling: CloudFormation objects, JSON strings (jsonencode,
// heredocs), and Terraform `aws_iam_policy_document` data sources.

import IaCLintCore

/// One statement, reduced to what the logging rules need.
public struct PolicyStatement: Hashable, Sendable {
    public var allows: Bool
    /// `Action`, or nil when the statement uses `NotAction`.
    public var actions: [String]?
    public var notActions: [String]?
    /// Service principals (`apigateway.amazonaws.com`).
    public var servicePrincipals: [String]
    /// True when the statement has a `Condition` (a Deny with a condition may not apply).
    public var isConditional: Bool

    /// True when the statement's action list covers `action` (wildcards, case-insensitive).
    public func covers(_ action: String) -> Bool {
        if let actions { return actions.contains { Glob.matches(pattern: $0, action) } }
        if let notActions { return !notActions.contains { Glob.matches(pattern: $0, action) } }
        return false
    }
}

/// A policy document, or the admission that it cannot be read before deployment.
public enum PolicyDocument: Sendable {
    case known([PolicyStatement])
    case unknown

    /// Actions of `required` that the statements allow (and no unconditional Deny takes away).
    static func allowed(_ required: [String], by statements: [PolicyStatement]) -> Set<String> {
        var out: Set<String> = []
        for action in required {
            let allowed = statements.contains { $0.allows && $0.covers(action) }
            let denied = statements.contains { !$0.allows && !$0.isConditional && $0.covers(action) }
            if allowed && !denied { out.insert(action) }
        }
        return out
    }
}

/// Reads policy documents out of values, following references to policy-document data sources.
struct PolicyReader {
    let lookup: ResourceLookup

    func read(_ value: Value?, scope: String) -> PolicyDocument {
        guard let value else { return .known([]) }
        switch value.kind {
        case .object: return statements(ofDocument: value)
        case .string(let text):
            guard case .success(let parsed) = JSONText.parse(text), parsed.objectEntries != nil else { return .unknown }
            return statements(ofDocument: parsed)
        case .unknown:
            for reference in value.references {
                for target in lookup.resolve(reference.target, scope: scope)
                where target.type == ResourceTypes.tfPolicyDocument {
                    return readPolicyDocumentDataSource(target)
                }
            }
            return .unknown
        case .null, .absent: return .known([])
        default: return .unknown
        }
    }

    /// `data "aws_iam_policy_document"`: the rendered `json` when known, else its statement blocks.
    func readPolicyDocumentDataSource(_ resource: Resource) -> PolicyDocument {
        if let json = resource["json"], json.stringValue != nil { return read(json, scope: resource.scope) }
        var out: [PolicyStatement] = []
        for statement in ValueReading.elements(resource["statement"]) {
            guard statement.isWhollyKnown else { return .unknown }
            let effect = statement["effect"]?.stringValue ?? "Allow"
            var services: [String] = []
            for principal in ValueReading.elements(statement["principals"]) where principal["type"]?.stringValue == "Service" {
                services += strings(principal["identifiers"])
            }
            let actions = statement["actions"].map(strings)
            let notActions = statement["not_actions"].map(strings)
            out.append(PolicyStatement(allows: effect.lowercased() == "allow",
                                       actions: actions ?? (notActions == nil ? [] : nil), notActions: notActions,
                                       servicePrincipals: services,
                                       isConditional: !ValueReading.elements(statement["condition"]).isEmpty))
        }
        // `source_policy_documents` / `override_policy_documents` add statements we would have to merge.
        if !ValueReading.isMissing(resource["source_policy_documents"]) || !ValueReading.isMissing(resource["override_policy_documents"]) {
            return .unknown
        }
        return .known(out)
    }

    private func statements(ofDocument document: Value) -> PolicyDocument {
        guard let statementValue = document["Statement"] else { return .known([]) }
        let list: [Value]
        switch statementValue.kind {
        case .list(let items): list = items
        case .object: list = [statementValue]
        default: return .unknown
        }
        var out: [PolicyStatement] = []
        for statement in list {
            guard statement.objectEntries != nil else { return .unknown }
            guard let effect = statement["Effect"]?.stringValue else { return .unknown }
            let actions = statement["Action"].map(strings)
            let notActions = statement["NotAction"].map(strings)
            if let a = statement["Action"], !a.isWhollyKnown { return .unknown }
            var services: [String] = []
            if let principal = statement["Principal"], let service = principal["Service"] {
                services = strings(service)
            }
            out.append(PolicyStatement(allows: effect == "Allow",
                                       actions: actions ?? (notActions == nil ? [] : nil), notActions: notActions,
                                       servicePrincipals: services,
                                       isConditional: statement["Condition"] != nil))
        }
        return .known(out)
    }

    private func strings(_ value: Value?) -> [String] {
        guard let value else { return [] }
        if let s = value.stringValue { return [s] }
        return (value.listValue ?? []).compactMap(\.stringValue)
    }
}

/// IAM-style wildcard matching: `*` any run, `?` one character, case-insensitive.
enum Glob {
    static func matches(pattern: String, _ text: String) -> Bool {
        // ASCII (every IAM action): matched over the bytes in place, each lowercased as it is compared,
        // as `lowercased()` does for ASCII, without its Unicode pass and two Strings per comparison
        // (~50,000 instructions per role read; copying the bytes into arrays was still 2 M on 10 MB).
        var answer: Bool?
        _ = pattern.utf8.withContiguousStorageIfAvailable { p in
            _ = text.utf8.withContiguousStorageIfAvailable { t in answer = asciiMatches(p, t) }
        }
        if let answer { return answer }
        return matches(Array(pattern.lowercased().utf8), Array(text.lowercased().utf8))
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// `matches` over lowercased bytes, lowercasing each byte as it is read; nil when either text is
    /// not ASCII.
    private static func asciiMatches(_ p: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard !p.contains(where: { $0 >= 0x80 }), !t.contains(where: { $0 >= 0x80 }) else { return nil }
        return matches(p, t, fold: lower)
    }

    private static func matches(_ p: [UInt8], _ t: [UInt8]) -> Bool {
        p.withUnsafeBufferPointer { p in t.withUnsafeBufferPointer { t in matches(p, t, fold: { $0 }) } }
    }

    /// The wildcard match itself, comparing bytes after `fold`: backtracking to the last `*` only.
    @inline(__always)
    private static func matches(_ p: UnsafeBufferPointer<UInt8>, _ t: UnsafeBufferPointer<UInt8>, fold: (UInt8) -> UInt8) -> Bool {
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "?") || fold(p[pi]) == fold(t[ti]) {
                pi += 1; ti += 1
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1
            } else if star >= 0 {
                pi = star + 1; mark += 1; ti = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }
}
