// Reading nested settings out of core `Value`s the same way for Terraform (blocks are lists of
// objects), plans and CloudFormation (plain objects), with conditions and unknowns kept apart.

import IaCLintCore

/// What a rule can say about a nested setting such as `access_log_settings` or `AccessLogSetting`.
public enum SettingPresence: Sendable {
    /// Not written at all (or an empty block list, or `null`).
    case absent
    /// Written, but its value is not known before deployment: never reported.
    case unknown
    /// Present unconditionally; the object with its entries.
    case present(Value)
    /// Present only when the condition holds (a branch of `Fn::If` is `AWS::NoValue`).
    case conditional(Condition, Value)
}

enum ValueReading {
    /// Reads a block: a list of objects (Terraform, plans) or an object (CloudFormation, SAM).
    static func block(_ value: Value?, depth: Int = 0) -> SettingPresence {
        guard let value else { return .absent }
        guard depth < 32 else { return .unknown }   // nested past any real configuration
        switch value.kind {
        case .null, .absent: return .absent
        case .unknown: return .unknown
        case .object: return .present(value)
        case .list(let items):
            guard let first = items.first else { return .absent }
            return block(first, depth: depth + 1)
        case .conditional(let condition, let whenTrue, let whenFalse):
            let t = block(whenTrue, depth: depth + 1), f = block(whenFalse, depth: depth + 1)
            switch (t, f) {
            case (.unknown, _), (_, .unknown): return .unknown
            case (.absent, .absent): return .absent
            case (.present(let v), .absent): return .conditional(condition, v)
            case (.absent, .present(let v)): return .conditional(negate(condition), v)
            case (.present(let v), _): return .present(v)
            case (.conditional(let c, let v), _), (.absent, .conditional(let c, let v)): return .conditional(c, v)
            default: return .unknown
            }
        case .bool, .number, .string: return .unknown
        }
    }

    static func negate(_ condition: Condition) -> Condition {
        Condition(condition.name, negated: !condition.negated, range: condition.range)
    }

    /// The object entries of a block's elements: every element of a list, or the object itself.
    static func elements(_ value: Value?, depth: Int = 0) -> [Value] {
        guard let value, depth < 32 else { return [] }
        switch value.kind {
        case .list(let items): return items.flatMap { elements($0, depth: depth + 1) }
        case .object: return [value]
        case .conditional(_, let t, let f): return elements(t, depth: depth + 1) + elements(f, depth: depth + 1)
        default: return []
        }
    }

    /// A scalar with every conditional branch spelled out, with the conditions that lead to it.
    /// `.absent` branches are kept so callers can say "only when X".
    static func branches(_ value: Value, conditions: [Condition] = [], depth: Int = 0) -> [ValueBranch] {
        if case .conditional(let c, let t, let f) = value.kind, depth < 16 {
            return branches(t, conditions: conditions + [c], depth: depth + 1)
                + branches(f, conditions: conditions + [negate(c)], depth: depth + 1)
        }
        return [ValueBranch(conditions: conditions, value: value)]
    }

    /// True when the value is missing in the sense of "not written": nil, null or `AWS::NoValue`.
    static func isMissing(_ value: Value?) -> Bool {
        guard let value else { return true }
        switch value.kind {
        case .null, .absent: return true
        default: return false
        }
    }

    /// A string, or for a CloudFormation `Fn::If` whose branches agree, that string.
    static func knownString(_ value: Value?) -> String? {
        guard let value else { return nil }
        return value.stringValue
    }

    /// A boolean as the providers read it: `true`, or the strings "true"/"false" (CloudFormation).
    static func knownBool(_ value: Value?) -> Bool? {
        guard let value else { return nil }
        switch value.kind {
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default: return nil
            }
        default: return nil
        }
    }

    /// A readable list of conditions for messages: `IsProd`, `not IsProd and HasLogs`.
    static func describe(_ conditions: [Condition]) -> String {
        conditions.map(\.description).joined(separator: " and ")
    }
}

/// One possible value of a conditional expression.
struct ValueBranch: Sendable {
    var conditions: [Condition]
    var value: Value
}
