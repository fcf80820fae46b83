// A deterministic text form of a resource graph for golden files and YAML/JSON twin comparisons.

import IaCLintCore

enum GraphDump {
    /// One line per resource header, value and diagnostic; `ranges: false` drops every position so a
    /// YAML template and its JSON twin can be compared.
    static func dump(_ graph: ResourceGraph, ranges: Bool = true) -> String {
        var out = ""
        func r(_ range: SourceRange?) -> String {
            guard ranges, let range else { return "" }
            return " @\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)"
        }
        func refs(_ references: [Reference]) -> String {
            references.isEmpty ? "" : " -> [" + references.map { "\($0.kind.rawValue) \($0.target)\($0.attribute.map { ".\($0)" } ?? "")\(r($0.range))" }.joined(separator: ", ") + "]"
        }
        func value(_ v: Value, indent: String) {
            let suffix = r(v.range) + refs(v.references) + (ranges && !v.via.isEmpty ? " via" + v.via.map { r($0) }.joined() : "")
            switch v.kind {
            case .null: out += "null\(suffix)\n"
            case .bool(let b): out += "\(b)\(suffix)\n"
            case .number(let n): out += "\(n)\(suffix)\n"
            case .string(let s): out += "\(escape(s))\(suffix)\n"
            case .absent: out += "<absent>\(suffix)\n"
            case .unknown(let reason): out += "<unknown: \(reason)>\(suffix)\n"
            case .list(let items):
                out += "list\(suffix)\n"
                for item in items { out += "\(indent)- "; value(item, indent: indent + "  ") }
            case .object(let entries):
                out += "object\(suffix)\n"
                for e in entries { out += "\(indent)\(e.key)\(r(e.keyRange)): "; value(e.value, indent: indent + "  ") }
            case .conditional(let c, let t, let f):
                out += "if \(c)\(r(c.range))\(suffix)\n"
                out += "\(indent)then: "; value(t, indent: indent + "  ")
                out += "\(indent)else: "; value(f, indent: indent + "  ")
            }
        }
        for res in graph.resources {
            out += "resource \(res.address) \(res.type) \(res.origin.rawValue)\(r(res.range))\n"
            if let c = res.condition { out += "  condition: \(c)\(r(c.range))\n" }
            if !res.dependsOn.isEmpty { out += "  dependsOn:\(refs(res.dependsOn))\n" }
            if let m = res.metadata { out += "  metadata: "; value(m, indent: "    ") }
            out += "  attributes: "; value(res.attributes, indent: "    ")
        }
        for d in graph.diagnostics {
            out += "diagnostic \(d.severity.rawValue): \(d.message)\(r(d.range))"
            for rel in d.related { out += " (\(rel.message)\(r(rel.range)))" }
            out += "\n"
        }
        return out
    }

    private static func escape(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
