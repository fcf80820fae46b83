// Evaluates template nodes into core values, resolving intrinsic functions against the template:
// known where the template decides the value, unknown (with a reason and the edges) otherwise.

import IaCLintCore
import YAML

struct IntrinsicResolver {
    typealias NodeID = YAMLNodeTable.NodeID

    let template: Template
    /// The template's nodes. Owned here because evaluation adds nodes (a short form's untagged
    /// argument, `Fn::GetAtt` operands, SAM Globals merged into properties).
    var table: YAMLNodeTable
    var diagnostics: [Diagnostic] = []
    /// Resources whose Ref value is being computed, to stop `Ref` cycles through name properties.
    private var resolving: Set<String> = []
    /// What `Ref name` gives, apart from the call's own range and edge: templates repeat the same
    /// few Refs many times, and each one looked up parameters, resources and type semantics and
    /// formatted an explanation. Filled only outside cycle checks and when no diagnostic was
    /// reported, so a cached answer is exactly what computing it again would give.
    private var refCache: [String: RefShape] = [:]
    /// The explanation of `Fn::GetAtt id.attribute` on a resource of this template, for the same reason.
    private var attributeCache: [AttributeKey: UnknownReason] = [:]
    /// The long-form name each short-form tag stands for (nil: not an intrinsic), by tag index.
    private var tagNames: [String?]? = nil

    init(template: Template, table: consuming YAMLNodeTable) {
        self.template = template
        self.table = table
    }

    /// Children are read by index, never through a slice kept across `evaluate`: evaluation may
    /// add nodes, and a live slice would make that append copy the whole table.
    mutating func evaluate(_ id: NodeID) -> Value {
        let node = table[id]
        // Most nodes are untagged scalars, never intrinsics: read them from the bytes without matching.
        if node.tag == YAMLNodeTable.noTag, node.kind == .scalar {
            let kind = table.withScalarBytes(id) { YAMLScalar.resolveUntagged($0 ?? UnsafeBufferPointer(start: nil, count: 0), style: node.style) }
            return Value(kind, range: node.range)
        }
        if let call = match(id) { return evaluate(call) }
        let first = Int(node.first), count = Int(node.count)
        switch node.kind {
        case .scalar:
            return Value(YAMLScalar.resolve(table.scalar(id) ?? "", style: node.style, tag: table.tag(id)), range: node.range)
        case .sequence:
            var out: [Value] = []
            out.reserveCapacity(count)
            for k in 0..<count {
                let v = evaluate(table.children[first + k])
                if case .absent = v.kind { continue }  // `!Ref AWS::NoValue` removes the item
                // `consume`: the value moves into the array; a copy cost an atomic retain and release.
                out.append(consume v)
            }
            return Value(.list(out), range: node.range)
        case .mapping:
            var out: [ObjectEntry] = []
            out.reserveCapacity(count / 2)
            var k = 0
            while k + 1 < count {
                let key = table.children[first + k], value = table.children[first + k + 1]
                k += 2
                let v = evaluate(value)
                if case .absent = v.kind { continue }  // the property is removed
                let name = table.scalar(key) ?? "?", keyRange = table.range(key)
                // `consume`: the value moves into the entry; a copy cost an atomic retain and release.
                out.append(ObjectEntry(name, consume v, keyRange: keyRange))
            }
            return Value(.object(out), range: node.range)
        }
    }

    /// For an untagged mapping that is no intrinsic call (a resource's `Properties`, as a rule): what
    /// `evaluate(id).allReferences` gives, in the same order, with the same diagnostics, but without
    /// building the values of plain mappings, sequences and scalars (only intrinsic calls make edges,
    /// and they are evaluated in full). nil for any other node.
    mutating func edgesOfPlainMapping(_ id: NodeID) -> [Reference]? {
        let node = table[id]
        guard node.tag == YAMLNodeTable.noTag, node.kind == .mapping, match(id) == nil else { return nil }
        var edges: [Reference] = []
        appendEdges(of: id, to: &edges)
        return edges
    }

    /// `evaluate(id).allReferences` appended to `edges`, following `evaluate` node for node.
    private mutating func appendEdges(of id: NodeID, to edges: inout [Reference]) {
        let node = table[id]
        if node.tag == YAMLNodeTable.noTag, node.kind == .scalar { return }
        if let call = match(id) {
            let v = evaluate(call)
            if case .absent = v.kind { return }  // removed from its mapping or sequence, edges and all
            edges += v.allReferences
            return
        }
        let first = Int(node.first), count = Int(node.count)
        switch node.kind {
        case .scalar:
            return
        case .sequence:
            for k in 0..<count { appendEdges(of: table.children[first + k], to: &edges) }
        case .mapping:
            var k = 1
            while k < count {
                appendEdges(of: table.children[first + k], to: &edges)
                k += 2
            }
        }
    }

    /// `Intrinsic.match`, with each tag's function name worked out once per template.
    private mutating func match(_ id: NodeID) -> Intrinsic? {
        let tag = table[id].tag
        guard tag != YAMLNodeTable.noTag else { return Intrinsic.match(id, in: &table) }
        if tagNames?.count != table.tags.count {
            tagNames = table.tags.map { Intrinsic.longFormName(ofTag: $0) }
        }
        // A tag that is no function (`!!map`) leaves the long form to check.
        guard let name = tagNames?[Int(tag)] ?? nil else { return Intrinsic.match(id, in: &table) }
        return Intrinsic(name: name, argument: table.retagged(id, tag: YAMLNodeTable.noTag), node: id)
    }

    private mutating func evaluate(_ call: Intrinsic) -> Value {
        let range = table.range(call.node)
        switch call.name {
        case "Ref": return ref(call, range: range)
        case "Fn::GetAtt": return getAtt(call, range: range)
        case "Fn::Sub": return sub(call, range: range)
        case "Fn::Join": return join(call, range: range)
        case "Fn::Select": return select(call, range: range)
        case "Fn::If": return conditional(call, range: range)
        case "Fn::FindInMap": return findInMap(call, range: range)
        case "Fn::Split": return split(call, range: range)
        case "Fn::ImportValue":
            let name = evaluate(call.argument)
            return .unknown(UnknownReason(.external, "Fn::ImportValue \(name.stringValue ?? "(computed name)")"),
                            range: range, references: name.allReferences)
        case "Fn::GetAZs":
            return .unknown(UnknownReason(.deploymentContext, "Fn::GetAZs"), range: range,
                            references: evaluate(call.argument).allReferences)
        case "Fn::Base64":
            let v = evaluate(call.argument)
            if let text = v.stringValue { return Value(.string(Digests.base64Encode(Array(text.utf8))), range: range, references: v.allReferences) }
            return .unknown(unknownReason(of: v) ?? UnknownReason(.invalid, "Fn::Base64 of a non-string"),
                            range: range, references: v.allReferences)
        case "Fn::Transform":
            return .unknown(UnknownReason(.unsupportedFunction, "Fn::Transform (macros are not run)"), range: range)
        default:
            // Fn::Cidr, condition functions in values, language-extension functions: edges kept.
            let v = evaluate(call.argument)
            return .unknown(UnknownReason(.unsupportedFunction, call.name), range: range, references: v.allReferences)
        }
    }

    // MARK: Ref and GetAtt

    private mutating func ref(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let name = literalString(call.argument) else {
            return .unknown(UnknownReason(.invalid, "Ref needs a literal name"), range: range,
                            references: evaluate(call.argument).allReferences)
        }
        return refValue(name, range: range)
    }

    /// What `Ref name` (or `${name}` in `Fn::Sub`) gives.
    private mutating func refValue(_ name: String, range: SourceRange) -> Value {
        if name == PseudoParameters.noValue { return Value(.absent, range: range) }
        if PseudoParameters.isPseudo(name) { return PseudoParameters.value(name, range: range) }
        let edge = Reference(target: name, kind: .ref, range: range)
        let cacheable = resolving.isEmpty
        if cacheable, let shape = refCache[name] { return shape.value(range: range, edge: edge) }
        let reported = diagnostics.count
        let shape: RefShape
        if let parameter = template.parameters[name] {
            shape = parameterShape(parameter)
        } else if let resource = template.resource(name) {
            shape = resourceRefShape(resource)
        } else {
            return undefinedRef(name, range: range)
        }
        if cacheable, diagnostics.count == reported { refCache[name] = shape }
        return shape.value(range: range, edge: edge)
    }

    private mutating func undefinedRef(_ name: String, range: SourceRange) -> Value {
        diagnostics.append(Diagnostic(severity: .warning, message: "Ref to \(name), which is not a parameter or resource of this template",
                                      range: range))
        // The edge stays, so a rule can report the missing target by name.
        return .unknown(UnknownReason(.invalid, "undefined name \(name)"), range: range,
                        references: [Reference(target: name, kind: .ref, range: range)])
    }

    /// A parameter's value is its Default (or unknown); the edge to the parameter is kept as a
    /// `.ref` reference whose target is the parameter name (not a resource: the graph resolves
    /// it to nothing), so a rule can tell a value came from a parameter.
    private mutating func parameterShape(_ parameter: Template.Parameter) -> RefShape {
        guard let defaultNode = parameter.defaultValue else {
            return RefShape(kind: .unknown(UnknownReason(.parameter, parameter.name)))
        }
        var value = evaluate(defaultNode)
        let defaultRange = table.range(defaultNode)
        // List parameters take a comma-separated default.
        if let type = parameter.type, type == "CommaDelimitedList" || type.hasPrefix("List<"), let text = value.stringValue {
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
                Value.string(String($0).trimmingSpaces, range: defaultRange)
            }
            value = .list(items, range: defaultRange)
        } else if let number = value.numberValue, parameter.type == "String" {
            value = Value(.string(format(number)), range: defaultRange)
        }
        return RefShape(kind: value.kind, references: value.references, via: [defaultRange])
    }

    private mutating func resourceRefShape(_ resource: Template.ResourceEntry) -> RefShape {
        let semantics = ResourceTypeSemantics.of(resource.type)
        if let property = semantics.refProperty, !resolving.contains(resource.logicalID) {
            if let properties = table.value(resource.body, "Properties"), let node = table.value(properties, forKey: property) {
                resolving.insert(resource.logicalID)
                let named = evaluate(node)
                resolving.remove(resource.logicalID)
                if let text = named.stringValue {
                    return RefShape(kind: .string(text), references: named.allReferences, via: [table.range(node)])
                }
                return RefShape(kind: .unknown(unknownReason(of: named) ?? UnknownReason(.invalid, "\(property) of \(resource.logicalID)")),
                                references: named.allReferences)
            }
            return RefShape(kind: .unknown(UnknownReason(.knownAfterApply, "\(resource.logicalID) has no \(property); CloudFormation generates its \(semantics.refReturns)")))
        }
        return RefShape(kind: .unknown(UnknownReason(.knownAfterApply, "Ref \(resource.logicalID) (\(resource.type) \(semantics.refReturns))")))
    }

    private mutating func getAtt(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let operands = call.getAttOperands(in: &table), let id = literalString(operands.resource) else {
            return .unknown(UnknownReason(.invalid, "Fn::GetAtt needs [LogicalId, Attribute]"), range: range,
                            references: evaluate(call.argument).allReferences)
        }
        let attribute = literalString(operands.attribute) ?? evaluate(operands.attribute).stringValue
        return attributeValue(id, attribute: attribute, range: range)
    }

    private mutating func attributeValue(_ id: String, attribute: String?, range: SourceRange) -> Value {
        guard let resource = template.resource(id) else {
            diagnostics.append(Diagnostic(severity: .warning, message: "Fn::GetAtt on \(id), which is not a resource of this template",
                                          range: range))
            return .unknown(UnknownReason(.invalid, "undefined resource \(id)"), range: range,
                            references: [Reference(target: id, attribute: attribute, kind: .attribute, range: range)])
        }
        let edge = Reference(target: id, attribute: attribute, kind: .attribute, range: range)
        let key = AttributeKey(id: id, attribute: attribute)
        if let reason = attributeCache[key] { return .unknown(reason, range: range, references: [edge]) }
        let name = attribute.map { "\(id).\($0)" } ?? "\(id).(computed attribute)"
        var detail = name
        if let attribute, let note = ResourceTypeSemantics.of(resource.type).attributeNotes[attribute] { detail += " (\(note))" }
        let reason = UnknownReason(.knownAfterApply, detail)
        attributeCache[key] = reason
        return .unknown(reason, range: range, references: [edge])
    }

    // MARK: Strings

    private mutating func sub(_ call: Intrinsic, range: SourceRange) -> Value {
        let templateNode: NodeID
        var variables: [String: NodeID] = [:]
        if let items = table.itemList(call.argument) {
            guard items.count == 2, let map = table.entryList(items[1]) else {
                return .unknown(UnknownReason(.invalid, "Fn::Sub needs a string or [string, {variables}]"), range: range)
            }
            templateNode = items[0]
            for entry in map { if let key = table.scalar(entry.key) { variables[key] = entry.value } }
        } else {
            templateNode = call.argument
        }
        guard let text = literalString(templateNode) else {
            return .unknown(UnknownReason(.invalid, "Fn::Sub needs a literal string"), range: range,
                            references: evaluate(templateNode).allReferences)
        }
        // No `${` at all (a constant text): the result is the text itself, as the general path below
        // would make it through one piece and `concatenate`, without copying the bytes into an array.
        if !Self.containsSubstitution(text) { return Value(.string(text), range: range) }
        var pieces: [Value] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var i = 0
        // Literal text is copied a run at a time (from `runStart` to the next `${`), not byte by byte.
        var runStart = 0
        while i < bytes.count {
            if bytes[i] == dollar, i + 1 < bytes.count, bytes[i + 1] == open,
               let end = bytes[(i + 2)...].firstIndex(of: close) {
                literal += bytes[runStart..<i]
                let inner = bytes[(i + 2)..<end]
                if inner.first == UInt8(ascii: "!") {
                    // `${!Literal}` is the literal text `${Literal}`.
                    literal.append(dollar)
                    literal.append(open)
                    literal += inner.dropFirst()
                    literal.append(close)
                } else {
                    if !literal.isEmpty { pieces.append(.string(String(decoding: literal, as: UTF8.self))); literal.removeAll(keepingCapacity: true) }
                    let name = String(decoding: inner, as: UTF8.self).trimmingSpaces
                    pieces.append(subVariable(name, variables: variables, range: range))
                }
                i = end + 1
                runStart = i
                continue
            }
            i += 1
        }
        if runStart == 0, literal.isEmpty {
            // No `${...}` at all: the template is the text.
            if !text.isEmpty { pieces.append(.string(text)) }
        } else {
            literal += bytes[runStart..<bytes.count]
            if !literal.isEmpty { pieces.append(.string(String(decoding: literal, as: UTF8.self))) }
        }
        return concatenate(pieces, function: "Fn::Sub", range: range)
    }

    /// Whether `text` holds `${`, scanned over contiguous UTF-8 without bounds checks.
    private static func containsSubstitution(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 2, let base = bytes.baseAddress else { return false }
            for i in 0..<(bytes.count - 1) where base[i] == UInt8(ascii: "$") && base[i + 1] == UInt8(ascii: "{") { return true }
            return false
        }
    }

    private mutating func subVariable(_ name: String, variables: [String: NodeID], range: SourceRange) -> Value {
        if let node = variables[name] { return evaluate(node) }
        if PseudoParameters.isPseudo(name) || name == PseudoParameters.noValue {
            return PseudoParameters.value(name, range: range)
        }
        if template.parameters[name] != nil || template.resource(name) != nil { return refValue(name, range: range) }
        if let dot = name.firstIndex(of: ".") {
            return attributeValue(String(name[..<dot]), attribute: String(name[name.index(after: dot)...]), range: range)
        }
        return refValue(name, range: range)
    }

    private mutating func join(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let items = table.itemList(call.argument), items.count == 2, let delimiter = literalString(items[0]) else {
            return .unknown(UnknownReason(.invalid, "Fn::Join needs [delimiter, [values]]"), range: range,
                            references: evaluate(call.argument).allReferences)
        }
        let list = evaluate(items[1])
        guard let values = list.listValue else {
            return .unknown(unknownReason(of: list) ?? UnknownReason(.invalid, "Fn::Join needs a list"), range: range,
                            references: list.allReferences)
        }
        var pieces: [Value] = []
        for (index, value) in values.enumerated() {
            if index > 0, !delimiter.isEmpty { pieces.append(.string(delimiter)) }
            pieces.append(value)
        }
        var result = concatenate(pieces, function: "Fn::Join", range: range)
        result.references = result.allReferences.isEmpty ? list.references : result.references + list.references
        return result
    }

    /// Joins known pieces into a string; any unknown piece makes the result unknown, with the text
    /// it would have (unknown parts as `${...}`) in the reason and every edge kept.
    private func concatenate(_ pieces: [Value], function: String, range: SourceRange) -> Value {
        var text = ""
        var references: [Reference] = []
        var via: [SourceRange] = []
        var firstUnknown: UnknownReason?
        for piece in pieces {
            references += piece.allReferences
            via += piece.via
            if let known = Self.text(of: piece) {
                text += known
            } else {
                if firstUnknown == nil {
                    firstUnknown = unknownReason(of: piece) ?? UnknownReason(.invalid, "\(function) of a non-string value")
                }
                text += placeholder(for: piece)
            }
        }
        if let reason = firstUnknown {
            return .unknown(UnknownReason(reason.kind, "\(function) \"\(text)\""), range: range, references: references)
        }
        return Value(.string(text), range: range, references: references, via: via)
    }

    private func placeholder(for value: Value) -> String {
        if let edge = value.allReferences.first { return "${\(edge.attribute.map { "\(edge.target).\($0)" } ?? edge.target)}" }
        if let reason = value.unknownReason, reason.kind == .deploymentContext || reason.kind == .parameter { return "${\(reason.detail)}" }
        return "${?}"
    }

    static func text(of value: Value) -> String? {
        switch value.kind {
        case .string(let s): return s
        case .number(let n): return IntrinsicResolver.formatNumber(n)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }

    // MARK: Lists and maps

    private mutating func select(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let items = table.itemList(call.argument), items.count == 2 else {
            return .unknown(UnknownReason(.invalid, "Fn::Select needs [index, list]"), range: range)
        }
        let index = evaluate(items[0]), list = evaluate(items[1])
        let references = index.allReferences + list.references
        // A plain switch: the `numberValue.map { Int(exactly:) }` form crashes the 6.3 optimiser (CopyPropagation).
        let position: Int?
        switch index.kind {
        case .number(let n): position = Int(exactly: n)
        case .string(let s): position = Int(s)
        default: position = nil
        }
        guard let position, let values = list.listValue else {
            return .unknown(unknownReason(of: list) ?? unknownReason(of: index) ?? UnknownReason(.invalid, "Fn::Select"),
                            range: range, references: references + list.allReferences)
        }
        guard position >= 0, position < values.count else {
            diagnostics.append(Diagnostic(severity: .warning, message: "Fn::Select index \(position) is outside the list of \(values.count)",
                                          range: range))
            return .unknown(UnknownReason(.invalid, "Fn::Select index out of range"), range: range, references: references)
        }
        var item = values[position]
        item.references = item.references + references
        if let from = item.range { item.via = item.via + [from] }
        item.range = range
        return item
    }

    private mutating func split(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let items = table.itemList(call.argument), items.count == 2, let delimiter = literalString(items[0]), !delimiter.isEmpty else {
            return .unknown(UnknownReason(.invalid, "Fn::Split needs [delimiter, string]"), range: range)
        }
        let source = evaluate(items[1])
        guard let text = source.stringValue else {
            return .unknown(unknownReason(of: source) ?? UnknownReason(.invalid, "Fn::Split of a non-string"), range: range,
                            references: source.allReferences)
        }
        let parts = text.splitting(by: delimiter).map { Value.string($0, range: range) }
        return Value(.list(parts), range: range, references: source.allReferences)
    }

    private mutating func findInMap(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let items = table.itemList(call.argument), items.count == 3 || items.count == 4 else {
            return .unknown(UnknownReason(.invalid, "Fn::FindInMap needs [MapName, TopLevelKey, SecondLevelKey]"), range: range)
        }
        let keys = items.prefix(3).map { evaluate($0) }
        let references = keys.flatMap(\.allReferences)
        let names = keys.compactMap { Self.text(of: $0) }
        guard names.count == 3 else {
            var reason = UnknownReason(.invalid, "Fn::FindInMap key")
            for key in keys { if let r = unknownReason(of: key) { reason = r; break } }
            return .unknown(reason, range: range, references: references)
        }
        if let mappings = template.mappings, let map = table.value(mappings, forKey: names[0]),
           let second = table.value(map, forKey: names[1]), let node = table.value(second, forKey: names[2]) {
            var value = evaluate(node)
            value.via = [table.range(node)]
            value.range = range
            value.references = value.references + references
            return value
        }
        if items.count == 4, let fallback = table.value(items[3], "DefaultValue") {
            var value = evaluate(fallback)
            value.range = range
            return value
        }
        diagnostics.append(Diagnostic(severity: .warning, message: "Fn::FindInMap finds no \(names.joined(separator: ".")) in Mappings",
                                      range: range))
        return .unknown(UnknownReason(.invalid, "no mapping \(names.joined(separator: "."))"), range: range, references: references)
    }

    private mutating func conditional(_ call: Intrinsic, range: SourceRange) -> Value {
        guard let items = table.itemList(call.argument), items.count == 3, let name = literalString(items[0]) else {
            return .unknown(UnknownReason(.invalid, "Fn::If needs [ConditionName, valueIfTrue, valueIfFalse]"), range: range)
        }
        if template.conditions[name] == nil {
            diagnostics.append(Diagnostic(severity: .warning, message: "Fn::If names condition \(name), which is not in Conditions",
                                          range: table.range(items[0])))
        }
        let whenTrue = evaluate(items[1]), whenFalse = evaluate(items[2])
        return Value(.conditional(Condition(name, range: table.range(items[0])), whenTrue: whenTrue, whenFalse: whenFalse), range: range)
    }

    // MARK: Helpers

    /// An untagged scalar's text: names in Ref, GetAtt, If and Sub must be written literally.
    private func literalString(_ node: NodeID) -> String? {
        guard table.isScalar(node), !Intrinsic.isCall(node, in: table) else { return nil }
        return table.scalar(node)
    }

    private func unknownReason(of value: Value) -> UnknownReason? {
        switch value.kind {
        case .unknown(let reason): return reason
        case .conditional(let condition, _, _): return UnknownReason(.invalid, "depends on condition \(condition.name)")
        default: return nil
        }
    }

    private func format(_ number: Double) -> String { Self.formatNumber(number) }

    static func formatNumber(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return "\(number)"
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" { s.removeLast() }
        return String(s)
    }

    /// Splits on a multi-character delimiter, keeping empty parts (as `Fn::Split` does).
    func splitting(by delimiter: String) -> [String] {
        let text = Array(utf8), sep = Array(delimiter.utf8)
        guard !sep.isEmpty else { return [self] }
        var parts: [String] = []
        var start = 0, i = 0
        while i + sep.count <= text.count {
            if text[i..<(i + sep.count)].elementsEqual(sep) {
                parts.append(String(decoding: text[start..<i], as: UTF8.self))
                i += sep.count
                start = i
            } else {
                i += 1
            }
        }
        parts.append(String(decoding: text[start...], as: UTF8.self))
        return parts
    }
}

/// A `Ref` result without the call's range and edge: the value, the edges it was computed from,
/// and where it flowed through.
private struct RefShape {
    var kind: Value.Kind
    var references: [Reference] = []
    var via: [SourceRange] = []

    /// The value at one call: the call's range, and the edge to the name first.
    func value(range: SourceRange, edge: Reference) -> Value {
        Value(kind, range: range, references: [edge] + references, via: via)
    }
}

private struct AttributeKey: Hashable {
    var id: String
    var attribute: String?
}
