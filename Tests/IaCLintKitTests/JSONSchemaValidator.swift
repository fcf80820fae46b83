// A small JSON Schema (draft-04) validator, enough for the official SARIF 2.1.0 schema: $ref into
// definitions, type, enum, properties, additionalProperties, required, items, minItems, minimum,
// pattern, anyOf/oneOf/allOf and uri formats.

import Foundation
import IaCLintKit

struct JSONSchemaValidator {
    let root: JSONValue

    /// Problems as `path: message`; empty when the instance is valid.
    func validate(_ instance: JSONValue) -> [String] {
        var problems: [String] = []
        check(instance, against: root, path: "$", problems: &problems, depth: 0)
        return problems
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        var current = schema
        var hops = 0
        while let ref = current["$ref"]?.stringValue, hops < 32 {
            hops += 1
            guard ref.hasPrefix("#/") else { return current }
            var node: JSONValue? = root
            for part in ref.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
            guard let target = node else { return current }
            current = target
        }
        return current
    }

    private func typeName(_ value: JSONValue) -> [String] {
        switch value {
        case .null: return ["null"]
        case .bool: return ["boolean"]
        case .int: return ["integer", "number"]
        case .double(let d): return d == d.rounded() ? ["integer", "number"] : ["number"]
        case .string: return ["string"]
        case .array: return ["array"]
        case .object: return ["object"]
        }
    }

    private func check(_ value: JSONValue, against rawSchema: JSONValue, path: String, problems: inout [String], depth: Int) {
        guard depth < 200 else { problems.append("\(path): schema recursion too deep"); return }
        let schema = resolve(rawSchema)
        if let type = schema["type"] {
            let allowed: [String] = type.stringValue.map { [$0] } ?? (type.arrayValue?.compactMap(\.stringValue) ?? [])
            if !allowed.isEmpty, Set(allowed).isDisjoint(with: typeName(value)) {
                problems.append("\(path): expected \(allowed.joined(separator: "|")), got \(typeName(value)[0])")
                return
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            problems.append("\(path): \(value) is not one of the allowed values")
        }
        if let minimum = schema["minimum"], let limit = number(minimum), let actual = number(value), actual < limit {
            problems.append("\(path): \(actual) is below the minimum \(limit)")
        }
        if case .string(let text) = value {
            if let pattern = schema["pattern"]?.stringValue,
               text.range(of: pattern, options: .regularExpression) == nil {
                problems.append("\(path): \"\(text)\" does not match \(pattern)")
            }
            if let format = schema["format"]?.stringValue, format == "uri" || format == "uri-reference" {
                if text.contains(" ") || (format == "uri" && !text.contains(":")) {
                    problems.append("\(path): \"\(text)\" is not a valid \(format)")
                }
            }
        }
        if case .array(let items) = value {
            if let min = schema["minItems"]?.intValue, items.count < min { problems.append("\(path): fewer than \(min) items") }
            if let itemSchema = schema["items"] {
                for (i, item) in items.enumerated() { check(item, against: itemSchema, path: "\(path)[\(i)]", problems: &problems, depth: depth + 1) }
            }
            if schema["uniqueItems"] == .bool(true), Set(items).count != items.count { problems.append("\(path): items are not unique") }
        }
        if case .object(let entries) = value {
            let properties = schema["properties"]
            for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !entries.contains(where: { $0.0 == required }) {
                problems.append("\(path): missing required property \(required)")
            }
            for (key, child) in entries {
                if let propertySchema = properties?[key] {
                    check(child, against: propertySchema, path: "\(path).\(key)", problems: &problems, depth: depth + 1)
                } else if let additional = schema["additionalProperties"] {
                    if additional == .bool(false) {
                        problems.append("\(path): property \(key) is not allowed")
                    } else if case .object = additional {
                        check(child, against: additional, path: "\(path).\(key)", problems: &problems, depth: depth + 1)
                    }
                }
            }
        }
        for all in schema["allOf"]?.arrayValue ?? [] { check(value, against: all, path: path, problems: &problems, depth: depth + 1) }
        if let anyOf = schema["anyOf"]?.arrayValue {
            let passing = anyOf.filter { option in
                var sub: [String] = []
                check(value, against: option, path: path, problems: &sub, depth: depth + 1)
                return sub.isEmpty
            }
            if passing.isEmpty { problems.append("\(path): matches none of anyOf") }
        }
        if let oneOf = schema["oneOf"]?.arrayValue {
            let passing = oneOf.filter { option in
                var sub: [String] = []
                check(value, against: option, path: path, problems: &sub, depth: depth + 1)
                return sub.isEmpty
            }
            if passing.count != 1 { problems.append("\(path): matches \(passing.count) of oneOf, not exactly one") }
        }
    }

    private func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }
}
