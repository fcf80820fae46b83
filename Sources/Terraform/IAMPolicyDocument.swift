// `data "aws_iam_policy_document"` rendered as the AWS provider renders its `json`: Version,
// Statement list with Sid/Effect/Action/Resource/Principal/Condition, indented two spaces.

import IaCLintCore

enum IAMPolicyDocument {
    /// The `json` attribute, or unknown when a statement holds an unknown value.
    static func render(_ attributes: Value, range: SourceRange?) -> Value {
        var unknown: Value? = nil
        var statements: [Value] = []
        for name in ["source_policy_documents", "source_json"] {
            if let u = attributes[name]?.firstUnknown { unknown = u }
            for doc in documents(attributes[name]) { statements = merge(statements, statementsOf(doc)) }
        }
        for statement in attributes["statement"]?.listValue ?? [] {
            if let u = statement.firstUnknown { unknown = u; break }
            statements = merge(statements, [renderStatement(statement)])
        }
        for name in ["override_policy_documents", "override_json"] {
            if let u = attributes[name]?.firstUnknown { unknown = u }
            for doc in documents(attributes[name]) { statements = merge(statements, statementsOf(doc)) }
        }
        if let u = unknown { return Value(u.kind, range: range, references: collectReferences(in: attributes)) }
        var doc: [ObjectEntry] = [ObjectEntry("Version", attributes["version"]?.stringValue.map { .string($0) } ?? .string("2012-10-17"))]
        if let id = attributes["policy_id"]?.stringValue { doc.append(ObjectEntry("Id", .string(id))) }
        doc.append(ObjectEntry("Statement", .list(statements)))
        var out: [UInt8] = []
        out.reserveCapacity(512)
        write(.object(doc), indent: 0, to: &out)
        return Value(.string(String(decoding: out, as: UTF8.self)), range: range, references: collectReferences(in: attributes))
    }

    /// Policy JSON documents given as a string or a list of strings, decoded.
    private static func documents(_ v: Value?) -> [Value] {
        guard let v else { return [] }
        let texts = v.listValue?.compactMap(\.stringValue) ?? v.stringValue.map { [$0] } ?? []
        return texts.compactMap { TerraformLoader.decodeJSON(Array($0.utf8), path: "policy") }
    }

    private static func statementsOf(_ doc: Value) -> [Value] {
        guard let s = doc["Statement"] else { return [] }
        return s.listValue ?? [s]
    }

    /// Later statements replace earlier ones with the same non-empty Sid, as the provider merges.
    private static func merge(_ base: [Value], _ more: [Value]) -> [Value] {
        var out = base
        for statement in more {
            if let sid = statement["Sid"]?.stringValue, !sid.isEmpty,
               let i = out.firstIndex(where: { $0["Sid"]?.stringValue == sid }) {
                out[i] = statement
            } else {
                out.append(statement)
            }
        }
        return out
    }

    /// Strings of a set attribute, as the provider writes them: one string alone, else a list
    /// sorted in reverse order.
    private static func stringSet(_ v: Value?) -> Value? {
        guard let items = v?.listValue, !items.isEmpty else { return nil }
        // Duplicates dropped by a scan when there are few (a statement lists one to three actions
        // or resources): a set hashed every string and was built and freed per attribute (6.8 M
        // instructions on the 10 MB synthetic repository). Both keep the first of equal strings.
        var distinct: [String]
        if items.count <= 16 {
            distinct = []
            distinct.reserveCapacity(items.count)
            for i in items.indices {
                guard let s = items[i].terraformString else { continue }
                if !distinct.contains(s) { distinct.append(s) }
            }
        } else {
            distinct = Array(Set(items.compactMap(\.terraformString)))
        }
        // Compared in place (`utf8Precedes`, the same bytewise order): copying both strings into
        // arrays allocated twice per comparison.
        let strings = distinct.count > 1 ? distinct.sorted { utf8Precedes($0, $1) } : distinct
        if strings.count == 1 { return .string(strings[0]) }
        return .list(strings.reversed().map { .string($0) })
    }

    private static func principals(_ blocks: Value?) -> Value? {
        guard let list = blocks?.listValue, !list.isEmpty else { return nil }
        var byType: [(String, [String])] = []
        for p in list {
            guard let type = p["type"]?.stringValue else { continue }
            let ids = (p["identifiers"]?.listValue ?? []).compactMap(\.terraformString)
            if let i = byType.firstIndex(where: { $0.0 == type }) { byType[i].1 += ids } else { byType.append((type, ids)) }
        }
        if byType.count == 1, byType[0].0 == "*" { return .string("*") }
        return .object(byType.sorted { $0.0 < $1.0 }.map { type, ids in
            ObjectEntry(type, stringSet(.list(ids.map { .string($0) })) ?? .list([]))
        })
    }

    private static func renderStatement(_ s: Value) -> Value {
        var entries: [ObjectEntry] = []
        if let sid = s["sid"]?.stringValue, !sid.isEmpty { entries.append(ObjectEntry("Sid", .string(sid))) }
        entries.append(ObjectEntry("Effect", .string(s["effect"]?.stringValue ?? "Allow")))
        if let a = stringSet(s["actions"]) { entries.append(ObjectEntry("Action", a)) }
        if let a = stringSet(s["not_actions"]) { entries.append(ObjectEntry("NotAction", a)) }
        if let r = stringSet(s["resources"]) { entries.append(ObjectEntry("Resource", r)) }
        if let r = stringSet(s["not_resources"]) { entries.append(ObjectEntry("NotResource", r)) }
        if let p = principals(s["principals"]) { entries.append(ObjectEntry("Principal", p)) }
        if let p = principals(s["not_principals"]) { entries.append(ObjectEntry("NotPrincipal", p)) }
        if let conditions = s["condition"]?.listValue, !conditions.isEmpty {
            var byTest: [(String, [ObjectEntry])] = []
            for c in conditions {
                guard let test = c["test"]?.stringValue, let variable = c["variable"]?.stringValue else { continue }
                let values = stringSet(c["values"]) ?? .list([])
                if let i = byTest.firstIndex(where: { $0.0 == test }) { byTest[i].1.append(ObjectEntry(variable, values)) }
                else { byTest.append((test, [ObjectEntry(variable, values)])) }
            }
            entries.append(ObjectEntry("Condition", .object(byTest.sorted { $0.0 < $1.0 }.map { ObjectEntry($0.0, .object($0.1)) })))
        }
        return .object(entries)
    }

    /// Go's `json.MarshalIndent(v, "", "  ")` with fields in the order given. Written as bytes into
    /// one buffer: the string concatenations made several temporary strings per line.
    private static func write(_ v: Value, indent: Int, to out: inout [UInt8]) {
        // Punctuation appended byte by byte and entries read in place by index: appending a
        // literal's `utf8` view went through the generic sequence append (about 170 instructions
        // each, 41,000 on the 10 MB synthetic repository), and `enumerated()` copied each entry.
        switch v.kind {
        case .object(let entries):
            guard !entries.isEmpty else { out.append(UInt8(ascii: "{")); out.append(UInt8(ascii: "}")); return }
            out.append(UInt8(ascii: "{"))
            out.append(UInt8(ascii: "\n"))
            for i in entries.indices {
                pad(indent + 1, &out)
                TerraformJSONEncoder.appendString(entries[i].key, to: &out)
                out.append(UInt8(ascii: ":"))
                out.append(UInt8(ascii: " "))
                write(entries[i].value, indent: indent + 1, to: &out)
                if i + 1 < entries.count { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "}"))
        case .list(let items):
            guard !items.isEmpty else { out.append(UInt8(ascii: "[")); out.append(UInt8(ascii: "]")); return }
            out.append(UInt8(ascii: "["))
            out.append(UInt8(ascii: "\n"))
            for i in items.indices {
                pad(indent + 1, &out)
                write(items[i], indent: indent + 1, to: &out)
                if i + 1 < items.count { out.append(UInt8(ascii: ",")) }
                out.append(UInt8(ascii: "\n"))
            }
            pad(indent, &out)
            out.append(UInt8(ascii: "]"))
        default:
            // A leaf as `jsonencode` writes it, or null when it holds an unknown.
            let start = out.count
            if !TerraformJSONEncoder.append(v, to: &out, depth: 0) {
                out.removeSubrange(start...)
                out.append(contentsOf: "null".utf8)
            }
        }
    }

    private static func pad(_ level: Int, _ out: inout [UInt8]) {
        for _ in 0..<level { out.append(0x20); out.append(0x20) }
    }
}
