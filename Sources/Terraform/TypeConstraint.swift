// Variable type constraints (`string`, `list(string)`, `object({ a = optional(string, "x") })`):
// parsed from the `type` expression and applied to values, filling `optional()` defaults.

import IaCLintCore
import HCL

indirect enum TypeConstraint {
    case any, string, number, bool
    case list(TypeConstraint), set(TypeConstraint), map(TypeConstraint)
    case tuple([TypeConstraint])
    case object([ObjectAttribute])

    struct ObjectAttribute {
        var name: String
        var type: TypeConstraint
        var optional: Bool
        var defaultValue: Expression?
    }

    /// Parses a type expression; unknown shapes become `any` (never an error: the value passes through).
    static func parse(_ e: Expression, depth: Int = 0) -> TypeConstraint {
        guard depth < 64 else { return .any }
        switch e {
        case .scopeTraversal(let t) where t.steps.isEmpty:
            switch t.root.name {
            case "string": return .string
            case "number": return .number
            case "bool": return .bool
            case "list": return .list(.any)
            case "map": return .map(.any)
            case "set": return .set(.any)
            default: return .any
            }
        case .template(let t):
            // Pre-0.12 quoted types: "string", "list", "map".
            switch t.literalValue {
            case "string": return .string
            case "list": return .list(.any)
            case "map": return .map(.any)
            default: return .any
            }
        case .functionCall(let call):
            let args = call.arguments
            switch call.name {
            case "list": return .list(args.first.map { parse($0, depth: depth + 1) } ?? .any)
            case "set": return .set(args.first.map { parse($0, depth: depth + 1) } ?? .any)
            case "map": return .map(args.first.map { parse($0, depth: depth + 1) } ?? .any)
            case "tuple":
                guard case .tuple(let t)? = args.first else { return .any }
                return .tuple(t.elements.map { parse($0, depth: depth + 1) })
            case "object":
                guard case .object(let o)? = args.first else { return .any }
                var attributes: [ObjectAttribute] = []
                for item in o.items {
                    guard let name = item.key.staticName else { continue }
                    if case .functionCall(let inner) = item.value, inner.name == "optional" {
                        let type = inner.arguments.first.map { parse($0, depth: depth + 1) } ?? .any
                        attributes.append(ObjectAttribute(name: name, type: type, optional: true,
                                                          defaultValue: inner.arguments.count > 1 ? inner.arguments[1] : nil))
                    } else {
                        attributes.append(ObjectAttribute(name: name, type: parse(item.value, depth: depth + 1), optional: false, defaultValue: nil))
                    }
                }
                return .object(attributes)
            default: return .any
            }
        default: return .any
        }
    }

    /// Converts `value` to this type the way Terraform does for variables. Unknowns pass through;
    /// an impossible conversion gives an invalid unknown. `evaluateDefault` evaluates `optional()` defaults.
    /// Consuming: a value already of the type (most) is handed back as it came, where a borrowed
    /// one was copied to be returned and the caller's released (two retains and two releases).
    func convert(_ value: consuming Value, evaluateDefault: (Expression) -> Value, depth: Int = 0) -> Value {
        if value.isUnknown || value.isNull || depth > 64 { return value }
        switch self {
        case .any: return value
        // A value already of the type is returned as it is: rebuilding it boxed its kind and
        // metadata again for an identical value.
        // Asked by pattern: `stringValue != nil` and the like copied the payload to test for it.
        case .string where value.isString: return value
        case .number where value.isNumber: return value
        case .bool where value.isBool: return value
        // Elements of any type are kept as they are: a list stays the same list, a map the same entries.
        case .list(.any) where value.isList: return value
        case .map(.any) where value.isObject: return value
        case .string:
            guard let s = value.terraformString else { return mismatch(value, "string") }
            return keep(value, .string(s))
        case .number:
            guard let n = value.terraformNumber else { return mismatch(value, "number") }
            return keep(value, .number(n))
        case .bool:
            guard let b = value.terraformBool else { return mismatch(value, "bool") }
            return keep(value, .bool(b))
        // A list or map whose elements already are the primitive it asks for converts to itself:
        // returned as it is instead of rebuilt element by element (`map(string)` tags, mostly).
        case .list(let element) where value.isList && element.holdsAll(of: value):
            return value
        case .map(let element) where value.isObject && element.holdsAll(of: value):
            return value
        case .list(let element), .set(let element):
            guard let items = value.listValue else { return mismatch(value, "list") }
            var converted = items.map { element.convert($0, evaluateDefault: evaluateDefault, depth: depth + 1) }
            if case .set = self, converted.allSatisfy(\.isWhollyKnown) { converted = sortedSet(distinctValues(converted)) }
            return keep(value, .list(converted))
        case .tuple(let elements):
            guard let items = value.listValue, items.count == elements.count else { return mismatch(value, "tuple") }
            return keep(value, .list(zip(items, elements).map { $1.convert($0, evaluateDefault: evaluateDefault, depth: depth + 1) }))
        case .map(let element):
            guard let entries = value.objectEntries else { return mismatch(value, "map") }
            return keep(value, .object(entries.map { e in
                ObjectEntry(e.key, element.convert(e.value, evaluateDefault: evaluateDefault, depth: depth + 1), keyRange: e.keyRange)
            }))
        case .object(let attributes):
            guard let entries = value.objectEntries else { return mismatch(value, "object") }
            var out: [ObjectEntry] = []
            out.reserveCapacity(attributes.count)
            for attr in attributes {
                // The last entry with the name, compared in place: `last(where:)` copied every entry it
                // passed into its closure (a retain and release of key and value), attribute by attribute.
                var found = entries.endIndex
                var i = entries.endIndex
                while i > entries.startIndex {
                    i -= 1
                    if sameName(entries[i].key, attr.name) { found = i; break }
                }
                if found < entries.endIndex {
                    var v = attr.type.convert(entries[found].value, evaluateDefault: evaluateDefault, depth: depth + 1)
                    if v.isNull, attr.optional, let d = attr.defaultValue {
                        v = attr.type.convert(evaluateDefault(d), evaluateDefault: evaluateDefault, depth: depth + 1)
                    }
                    out.append(ObjectEntry(attr.name, v, keyRange: entries[found].keyRange))
                } else if attr.optional {
                    let v = attr.defaultValue.map { attr.type.convert(evaluateDefault($0), evaluateDefault: evaluateDefault, depth: depth + 1) } ?? .null
                    out.append(ObjectEntry(attr.name, v))
                } else {
                    return Value.unknown(.invalid, "attribute \"\(attr.name)\" is required", range: value.range)
                }
            }
            return keep(value, .object(out))
        }
    }

    /// `kind` with the range, references and via of `original`: its metadata box is shared, where
    /// a new value boxed the same references and via again.
    /// True when this is `string`, `number` or `bool` and every element of the list or object
    /// `value` already has that kind (and is not unknown or null), so converting changes nothing.
    fileprivate func holdsAll(of value: Value) -> Bool {
        switch value.kind {
        case .list(let items):
            for i in items.indices where !isExactly(items[i]) { return false }
            return true
        case .object(let entries):
            for i in entries.indices where !isExactly(entries[i].value) { return false }
            return true
        default: return false
        }
    }

    private func isExactly(_ v: Value) -> Bool {
        switch self {
        case .string: return v.isString
        case .number: return v.isNumber
        case .bool: return v.isBool
        default: return false
        }
    }

    private func keep(_ original: consuming Value, _ kind: Value.Kind) -> Value {
        var converted = original
        converted.kind = kind
        return converted
    }

    private func mismatch(_ value: Value, _ expected: String) -> Value {
        Value.unknown(.invalid, "\(expected) required, got \(value.typeName)", range: value.range, references: value.references)
    }
}
