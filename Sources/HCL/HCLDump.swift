// A deterministic text dump of a parsed file with every node's range, for golden tests and debugging.

import IaCLintCore

public enum HCLDump {
    /// One node per line, indented by depth; ranges as `line:column-line:column@start-end` (byte offsets).
    public static func dump(_ file: HCLFile) -> String {
        var out = ""
        dumpBody(file.body, "body", 0, &out)
        for comment in file.comments {
            line(&out, 0, "comment \(comment.style.rawValue) \(quote(comment.text)) \(r(comment.range))")
        }
        for d in file.diagnostics {
            line(&out, 0, "diagnostic \(d.severity.rawValue) \(d.range.map(r) ?? "-") \(quote(d.message))")
        }
        return out
    }

    /// The dump of one expression (no trailing newline handling beyond one node per line).
    public static func dump(_ expression: Expression) -> String {
        var out = ""
        dumpExpression(expression, 0, &out)
        return out
    }

    static func r(_ range: SourceRange) -> String {
        "\(range.start.line):\(range.start.column)-\(range.end.line):\(range.end.column)@\(range.start.offset)-\(range.end.offset)"
    }

    private static func line(_ out: inout String, _ indent: Int, _ text: String) {
        out += String(repeating: "  ", count: indent)
        out += text
        out += "\n"
    }

    /// A Swift-like quoted string with control characters escaped, so dumps stay one node per line.
    static func quote(_ s: String) -> String {
        var result = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }

    private static func dumpBody(_ body: Body, _ name: String, _ indent: Int, _ out: inout String) {
        line(&out, indent, "\(name) \(r(body.range)) end=\(r(body.endRange))")
        for item in body.items {
            switch item {
            case .attribute(let a):
                line(&out, indent + 1, "attribute \(a.name) \(r(a.range)) name=\(r(a.nameRange))")
                dumpExpression(a.expression, indent + 2, &out)
            case .block(let b):
                let labels = b.labels.map { "\($0.isQuoted ? quote($0.value) : $0.value)=\(r($0.range))" }.joined(separator: " ")
                line(&out, indent + 1, "block \(b.type) \(r(b.range)) type=\(r(b.typeRange))"
                     + (labels.isEmpty ? "" : " labels[\(labels)]")
                     + " open=\(r(b.openBraceRange)) close=\(r(b.closeBraceRange))")
                dumpBody(b.body, "body", indent + 2, &out)
            }
        }
    }

    private static func dumpSteps(_ steps: [TraversalStep], _ indent: Int, _ out: inout String) {
        for step in steps {
            switch step {
            case .attribute(let name, let range): line(&out, indent, ".\(name) \(r(range))")
            case .legacyIndex(let i, let range): line(&out, indent, ".\(i) legacy \(r(range))")
            case .index(let key, let range):
                line(&out, indent, "[index] \(r(range))")
                dumpExpression(key, indent + 1, &out)
            }
        }
    }

    private static func dumpParts(_ parts: [TemplatePart], _ indent: Int, _ out: inout String) {
        for part in parts {
            switch part {
            case .literal(let text, let range):
                line(&out, indent, "literal \(quote(text)) \(r(range))")
            case .interpolation(let i):
                line(&out, indent, "interpolation \(r(i.range))")
                dumpExpression(i.expression, indent + 1, &out)
            case .ifDirective(let d):
                line(&out, indent, "%if \(r(d.range))")
                dumpExpression(d.condition, indent + 1, &out)
                line(&out, indent + 1, "then")
                dumpParts(d.thenParts, indent + 2, &out)
                if let e = d.elseParts {
                    line(&out, indent + 1, "else")
                    dumpParts(e, indent + 2, &out)
                }
            case .forDirective(let d):
                line(&out, indent, "%for \(d.keyVariable.map { "\($0.name)=\(r($0.range)), " } ?? "")\(d.valueVariable.name)=\(r(d.valueVariable.range)) \(r(d.range))")
                dumpExpression(d.collection, indent + 1, &out)
                line(&out, indent + 1, "do")
                dumpParts(d.bodyParts, indent + 2, &out)
            }
        }
    }

    private static func dumpExpression(_ e: Expression, _ indent: Int, _ out: inout String) {
        switch e {
        case .literal(let l):
            switch l.value {
            case .number(let d, let text): line(&out, indent, "number \(text) (\(d)) \(r(l.range))")
            case .bool(let b): line(&out, indent, "bool \(b) \(r(l.range))")
            case .null: line(&out, indent, "null \(r(l.range))")
            }
        case .template(let t):
            let kind = t.heredoc.map { "heredoc \($0.flush ? "<<-" : "<<")\($0.marker)" } ?? "template"
            line(&out, indent, "\(kind) \(r(t.range))")
            dumpParts(t.parts, indent + 1, &out)
        case .scopeTraversal(let t):
            line(&out, indent, "traversal \(t.root.name) \(r(t.range)) root=\(r(t.root.range))")
            dumpSteps(t.steps, indent + 1, &out)
        case .relativeTraversal(let t):
            line(&out, indent, "relative \(r(t.range))")
            dumpExpression(t.source, indent + 1, &out)
            dumpSteps(t.steps, indent + 1, &out)
        case .functionCall(let f):
            line(&out, indent, "call \(f.name)\(f.expandFinal ? " expand" : "") \(r(f.range)) name=\(r(f.nameRange)) open=\(r(f.openParenRange)) close=\(r(f.closeParenRange))")
            for a in f.arguments { dumpExpression(a, indent + 1, &out) }
        case .tuple(let t):
            line(&out, indent, "tuple \(r(t.range))")
            for el in t.elements { dumpExpression(el, indent + 1, &out) }
        case .object(let o):
            line(&out, indent, "object \(r(o.range))")
            for item in o.items {
                switch item.key {
                case .name(let n, let range): line(&out, indent + 1, "item \(n) \(r(item.range)) key=\(r(range))")
                case .expression(let k):
                    line(&out, indent + 1, "item (key expression) \(r(item.range))")
                    dumpExpression(k, indent + 2, &out)
                }
                dumpExpression(item.value, indent + 2, &out)
            }
        case .forExpression(let f):
            let vars = (f.keyVariable.map { "\($0.name)=\(r($0.range)), " } ?? "") + "\(f.valueVariable.name)=\(r(f.valueVariable.range))"
            line(&out, indent, "for \(f.isObject ? "object" : "tuple")\(f.grouping ? " grouping" : "") \(vars) \(r(f.range))")
            line(&out, indent + 1, "in")
            dumpExpression(f.collection, indent + 2, &out)
            if let k = f.keyExpression {
                line(&out, indent + 1, "key")
                dumpExpression(k, indent + 2, &out)
            }
            line(&out, indent + 1, "value")
            dumpExpression(f.valueExpression, indent + 2, &out)
            if let c = f.condition {
                line(&out, indent + 1, "if")
                dumpExpression(c, indent + 2, &out)
            }
        case .conditional(let c):
            line(&out, indent, "conditional \(r(c.range))")
            dumpExpression(c.condition, indent + 1, &out)
            dumpExpression(c.trueResult, indent + 1, &out)
            dumpExpression(c.falseResult, indent + 1, &out)
        case .unary(let u):
            line(&out, indent, "unary \(u.op.rawValue) \(r(u.range))")
            dumpExpression(u.operand, indent + 1, &out)
        case .binary(let b):
            line(&out, indent, "binary \(b.op.rawValue) \(r(b.range)) op=\(r(b.operatorRange))")
            dumpExpression(b.lhs, indent + 1, &out)
            dumpExpression(b.rhs, indent + 1, &out)
        case .parenthesized(let p):
            line(&out, indent, "parens \(r(p.range))")
            dumpExpression(p.inner, indent + 1, &out)
        case .splat(let s):
            line(&out, indent, "splat \(s.kind == .full ? "[*]" : ".*") \(r(s.range)) marker=\(r(s.markerRange))")
            dumpExpression(s.source, indent + 1, &out)
            if !s.each.isEmpty {
                line(&out, indent + 1, "each")
                dumpSteps(s.each, indent + 2, &out)
            }
        case .invalid(let range):
            line(&out, indent, "invalid \(r(range))")
        }
    }
}
