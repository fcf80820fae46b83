// Function calls from expressions: argument expansion (`f(list...)`), the lazy `try` and `can`,
// file-reading context, `templatefile` rendering and `jsondecode`.

import IaCLintCore
import HCL
import PositionedJSON

extension Evaluator {
    func evaluateCall(_ c: FunctionCall, _ s: EvalScope) -> Value {
        let name = c.name.utf8.first == UInt8(ascii: "c") && c.name.hasPrefix("core::") ? String(c.name.dropFirst(6)) : c.name
        if sameName(name, "try") { return evaluateTry(c, s) }
        if sameName(name, "can") { return evaluateCan(c, s) }
        // `core::core::f` loses both prefixes in the library but only one here, as it always has.
        let bare = name.utf8.first == UInt8(ascii: "c") && name.hasPrefix("core::") ? String(name.dropFirst(6)) : name
        let resolution = FunctionLibrary.resolution(bare)
        // A library function's own name has no `::`, so the byte scan is left for other names.
        if resolution == nil || bare != name, isNamespaced(name) {
            return Value.unknown(.unsupportedFunction, name, range: c.range, references: collectReferences(c.arguments.map { evaluate($0, s) }))
        }
        // By index over a local constant: `map` copied each argument expression before evaluating it.
        let arguments = c.arguments
        var args: [Value] = []
        args.reserveCapacity(arguments.count)
        for i in arguments.indices { args.append(evaluate(arguments[i], s)) }
        if c.expandFinal, let last = args.last {
            if last.isUnknown { return Value(last.kind, range: c.range, references: last.references) }
            guard let items = last.listValue else { return Value.unknown(.invalid, "\(name): the final argument must be a list to expand", range: c.range) }
            args.removeLast()
            args += items
        }
        let result = FunctionLibrary.call(bare, resolution, args, functionContext(c.range, s))
        let preservesStructure = bare == name ? resolution?.preservesStructure == true : FunctionLibrary.preservesStructure.contains(name)
        // Functions that return parts of their arguments leave those parts' own edges in place;
        // only functions that fold arguments into new text or numbers need every edge inside them.
        if preservesStructure {
            var refs: [Reference] = []
            // By index: `for a in args` copied each argument (its kind's and metadata's boxes).
            for i in args.indices {
                let own = args[i].references
                if !own.isEmpty { refs = mergeReferences(refs, own) }
            }
            return result.addingReferences(refs)
        }
        return result.addingReferences(collectReferences(args))
    }

    /// `provider::aws::arn_parse`: a name with `::`. Scans ASCII bytes (function names are ASCII in
    /// practice) instead of the `Character` search of `contains`, which cost 5% of evaluation.
    private func isNamespaced(_ name: String) -> Bool {
        var afterColon = false
        for byte in name.utf8 {
            if byte >= 0x80 { return name.contains("::") }
            let colon = byte == UInt8(ascii: ":")
            if colon, afterColon { return true }
            afterColon = colon
        }
        return false
    }

    /// `try(a, b, …)`: the first argument that evaluates without error.
    private func evaluateTry(_ c: FunctionCall, _ s: EvalScope) -> Value {
        var lastError: Value? = nil
        let arguments = c.arguments
        for i in arguments.indices {
            let v = evaluate(arguments[i], s)
            if let u = v.firstUnknown, u.unknownReason?.kind == .invalid { lastError = u; continue }
            return v
        }
        return (lastError ?? Value.unknown(.invalid, "try: no argument succeeded")).withRange(c.range)
    }

    /// `can(expr)`: whether it evaluates without error (unknown while it is unknown).
    private func evaluateCan(_ c: FunctionCall, _ s: EvalScope) -> Value {
        guard c.arguments.count == 1 else { return Value.unknown(.invalid, "can: expected one argument", range: c.range) }
        let v = evaluate(c.arguments[0], s)
        if let u = v.firstUnknown {
            if u.unknownReason?.kind == .invalid { return .bool(false, range: c.range) }
            return Value(u.kind, range: c.range, references: collectReferences(in: v))
        }
        return .bool(true, range: c.range)
    }

    func functionContext(_ range: SourceRange, _ s: EvalScope) -> FunctionContext {
        FunctionContext(range: range, evaluator: self, module: s.module)
    }

    /// `jsondecode`: JSON text as a value, without ranges inside it.
    static func decodeJSONText(_ text: String, range: SourceRange?) -> Value {
        let parsed = JSONReader.parse(Array(text.utf8), path: range?.file ?? "jsondecode")
        guard let doc = parsed.document, !parsed.hasErrors else {
            return Value.unknown(.invalid, "jsondecode: \(parsed.diagnostics.first?.message ?? "invalid JSON")", range: range)
        }
        return doc.root.toValue(ranges: false).withRange(range)
    }

    func renderTemplateFile(_ bytes: [UInt8], path: String, variables: Value, range: SourceRange, module: ModuleInstance) -> Value {
        if variables.isUnknown { return Value(variables.kind, range: range, references: variables.references) }
        let expression: Expression
        if let cached = context.templateCache[path] {
            expression = cached
        } else {
            let (parsed, diagnostics) = TemplateParsing.parseTemplateText(bytes, path: path)
            if diagnostics.contains(where: { $0.severity == .error }) {
                context.diagnostics += diagnostics
                context.templateCache[path] = .invalid(range)
                return Value.unknown(.invalid, "templatefile: syntax error in \(path)", range: range)
            }
            context.templateCache[path] = parsed
            expression = parsed
        }
        var inner = EvalScope(module: module)
        inner.templateOnly = true
        for e in variables.objectEntries ?? [] { inner.bound[e.key] = e.value }
        let v = evaluate(expression, inner)
        return Value(v.kind, range: range, references: collectReferences([v, variables]))
    }
}
