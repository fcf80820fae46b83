// Terraform's JSON syntax (`.tf.json`): the JSON object is turned into the same HCL body a `.tf`
// file gives, strings becoming templates (`"${...}"`), so both syntaxes are evaluated alike.

import IaCLintCore
import HCL
import PositionedJSON

/// Nested block types whose JSON form (an object or an array of objects) cannot be told apart from
/// a map argument without the provider schema: the ones API Gateway logging checks read.
let knownNestedBlockTypes: Set<String> = [
    "access_log_settings", "default_route_settings", "route_settings", "settings", "canary_settings",
    "statement", "principals", "not_principals", "condition", "endpoint_configuration", "cors_configuration",
    "throttle_settings", "quota_settings", "api_stages", "tls_config", "integration", "lifecycle",
    "provisioner", "connection", "content", "ingress", "egress", "logging_config",
    "s3_configuration", "extended_s3_configuration", "cloudwatch_logging_options", "server_side_encryption",
]

struct JSONSyntaxReader {
    let document: JSONDocument
    let bytes: [UInt8]
    let path: String
    var diagnostics: [Diagnostic] = []

    /// The file as HCL sees it, for parsing strings in place (positions stay exact).
    let source: SourceFile

    init(document: JSONDocument, path: String) {
        self.document = document
        self.bytes = document.text
        self.path = path
        self.source = SourceFile(path: path, bytes: document.text)
    }

    static func read(_ bytes: [UInt8], path: String) -> (Body, [Diagnostic]) {
        let parsed = JSONReader.parse(bytes, path: path)
        guard let doc = parsed.document else {
            let empty = SourceRange(file: path, at: .start)
            return (Body(attributes: [], blocks: [], range: empty, endRange: empty), parsed.diagnostics)
        }
        var reader = JSONSyntaxReader(document: doc, path: path)
        let body = reader.topLevel(doc.root)
        return (body, parsed.diagnostics + reader.diagnostics)
    }

    private func emptyBody(_ node: JSONNode) -> Body {
        Body(attributes: [], blocks: [], range: node.range, endRange: SourceRange(fileID: node.range.fileID, at: node.range.end))
    }

    mutating func topLevel(_ root: JSONNode) -> Body {
        var body = emptyBody(root)
        guard root.kind == .object else {
            diagnostics.append(.error("a .tf.json file must hold a JSON object", at: root.range))
            return body
        }
        for member in root.members {
            let keyRange = member.keyNode.range
            switch member.key {
            case "resource", "data":
                // { type: { name: body | [body] } }
                for typeMember in member.value.members {
                    for nameMember in typeMember.value.members {
                        for bodyNode in bodies(nameMember.value) {
                            body.blocks.append(block(member.key, labels: [typeMember, nameMember], keyRange: keyRange, bodyNode: bodyNode, kind: .resource))
                        }
                    }
                }
            case "module", "variable", "output", "provider":
                for nameMember in member.value.members {
                    for bodyNode in bodies(nameMember.value) {
                        let kind: BodyKind = member.key == "variable" ? .variable : member.key == "module" ? .module : .plain
                        body.blocks.append(block(member.key, labels: [nameMember], keyRange: keyRange, bodyNode: bodyNode, kind: kind))
                    }
                }
            case "locals":
                for bodyNode in bodies(member.value) {
                    body.blocks.append(block("locals", labels: [], keyRange: keyRange, bodyNode: bodyNode, kind: .plain))
                }
            case "//", "terraform", "moved", "import", "check", "removed":
                continue
            default:
                diagnostics.append(Diagnostic(severity: .warning, message: "unknown top-level property \"\(member.key)\" in a .tf.json file", range: keyRange))
            }
        }
        return body
    }

    enum BodyKind { case resource, variable, module, plain, dynamicBlock }

    /// A block body may be written as an object or an array of objects (repeated blocks).
    private func bodies(_ node: JSONNode) -> [JSONNode] {
        switch node.kind {
        case .object: return [node]
        case .array: return node.elements.filter { $0.kind == .object }
        default: return []
        }
    }

    private mutating func block(_ type: String, labels: [JSONMember], keyRange: SourceRange, bodyNode: JSONNode, kind: BodyKind) -> Block {
        let labelList = labels.map { BlockLabel(value: $0.key, range: $0.keyNode.range, isQuoted: true) }
        let b = convertBody(bodyNode, kind: kind)
        return Block(type: type, typeRange: keyRange, labels: labelList, body: b,
                     openBraceRange: SourceRange(fileID: bodyNode.range.fileID, at: bodyNode.range.start),
                     closeBraceRange: SourceRange(fileID: bodyNode.range.fileID, at: bodyNode.range.end),
                     range: keyRange.union(bodyNode.range))
    }

    mutating func convertBody(_ node: JSONNode, kind: BodyKind) -> Body {
        var body = emptyBody(node)
        for member in node.members {
            let key = member.key
            if key == "//" { continue }
            let value = member.value
            let keyRange = member.keyNode.range
            let isBlockShaped = value.kind == .object || (value.kind == .array && value.count > 0 && value.elements.allSatisfy { $0.kind == .object })
            if kind == .resource || kind == .dynamicBlock {
                if key == "dynamic", value.kind == .object {
                    for labelMember in value.members {
                        for bodyNode in bodies(labelMember.value) {
                            body.blocks.append(block("dynamic", labels: [labelMember], keyRange: keyRange, bodyNode: bodyNode, kind: .dynamicBlock))
                        }
                    }
                    continue
                }
                if isBlockShaped, knownNestedBlockTypes.contains(key) {
                    for bodyNode in bodies(value) {
                        body.blocks.append(block(key, labels: [], keyRange: keyRange, bodyNode: bodyNode, kind: .resource))
                    }
                    continue
                }
            }
            let expression: Expression
            if (kind == .variable && key == "type") {
                expression = stringExpression(value, asExpression: true)
            } else if key == "depends_on", value.kind == .array {
                expression = .tuple(TupleConstructor(elements: value.elements.map { stringExpression($0, asExpression: true) }, range: value.range))
            } else if kind == .variable && key == "default" {
                expression = literalExpression(value)
            } else {
                expression = self.expression(value)
            }
            body.attributes.append(Attribute(name: key, nameRange: keyRange, expression: expression, range: keyRange.union(value.range)))
        }
        return body
    }

    /// A JSON value where an expression is expected: strings are templates.
    mutating func expression(_ node: JSONNode, depth: Int = 0) -> Expression {
        guard depth < 256 else { return .invalid(node.range) }
        switch node.kind {
        case .string: return stringExpression(node, asExpression: false)
        case .array:
            return .tuple(TupleConstructor(elements: node.elements.map { expression($0, depth: depth + 1) }, range: node.range))
        case .object:
            let items = node.members.filter { $0.key != "//" }.map { m in
                ObjectItem(key: .name(m.key, m.keyNode.range), value: expression(m.value, depth: depth + 1), range: m.keyNode.range.union(m.value.range))
            }
            return .object(ObjectConstructor(items: items, range: node.range))
        default: return literalExpression(node)
        }
    }

    /// A JSON value taken literally (variable defaults are not templates).
    func literalExpression(_ node: JSONNode, depth: Int = 0) -> Expression {
        guard depth < 256 else { return .invalid(node.range) }
        switch node.kind {
        case .null: return .literal(Literal(.null, range: node.range))
        case .bool: return .literal(Literal(.bool(node.boolValue ?? false), range: node.range))
        case .number: return .literal(Literal(.number(node.numberValue ?? 0, text: node.rawText), range: node.range))
        case .string: return .template(Template(parts: [.literal(node.stringValue ?? "", node.range)], heredoc: nil, range: node.range))
        case .array: return .tuple(TupleConstructor(elements: node.elements.map { literalExpression($0, depth: depth + 1) }, range: node.range))
        case .object:
            return .object(ObjectConstructor(items: node.members.map { m in
                ObjectItem(key: .name(m.key, m.keyNode.range), value: literalExpression(m.value, depth: depth + 1), range: m.keyNode.range.union(m.value.range))
            }, range: node.range))
        }
    }

    mutating func stringExpression(_ node: JSONNode, asExpression: Bool) -> Expression {
        guard node.kind == .string else { return literalExpression(node) }
        let text = node.stringValue ?? ""
        if !asExpression, !text.utf8.contains(UInt8(ascii: "{")) || (!contains(text, "${") && !contains(text, "%{")) {
            return .template(Template(parts: [.literal(text, node.range)], heredoc: nil, range: node.range))
        }
        let (expr, diags) = TemplateParsing.parseJSONString(source: source, stringRange: node.byteRange, decoded: text,
                                                          asExpression: asExpression, fallbackRange: node.range)
        diagnostics += diags
        return expr
    }

    private func contains(_ s: String, _ needle: String) -> Bool {
        let h = Array(s.utf8), n = Array(needle.utf8)
        guard h.count >= n.count else { return false }
        for i in 0...(h.count - n.count) where h[i] == n[0] && h[i + 1] == n[1] { return true }
        return false
    }
}
