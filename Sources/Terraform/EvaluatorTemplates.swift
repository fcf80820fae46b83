// Template evaluation: literal text, `${}` interpolations, `%{if}` and `%{for}` directives, and
// the unwrapping of a lone `"${expr}"` to the expression's own value.

import IaCLintCore
import HCL

extension Evaluator {
    func evaluateTemplate(_ t: Template, _ s: EvalScope) -> Value {
        // One literal part (most strings): its text as it is. `literalValue` appends every part
        // to an empty string, a string operation per quoted string evaluated.
        if let text = t.singleLiteral { return .string(text, range: t.range) }
        if let literal = t.literalValue { return .string(literal, range: t.range) }
        if let single = t.singleInterpolation, t.heredoc == nil {
            return evaluate(single, s)
        }
        // Room for the literal text and a little more up front: grown from empty, the buffer was
        // reallocated at each doubling.
        var text: [UInt8] = []
        var literalBytes = 16
        for part in t.parts { if case .literal(let literal, _) = part { literalBytes += literal.utf8.count } }
        text.reserveCapacity(literalBytes)
        var refs: [Reference] = []
        var unknown: Value? = nil
        render(t.parts, s, into: &text, references: &refs, unknown: &unknown)
        if let u = unknown { return Value(u.kind, range: t.range, references: mergeReferences(refs, u.references)) }
        return Value(.string(String(decoding: text, as: UTF8.self)), range: t.range, references: refs)
    }

    private func render(_ parts: [TemplatePart], _ s: EvalScope, into text: inout [UInt8], references: inout [Reference], unknown: inout Value?) {
        for part in parts {
            if text.count > Evaluator.maximumStringBytes {
                if unknown == nil { unknown = Value.unknown(.limit, "template longer than \(Evaluator.maximumStringBytes) bytes") }
                return
            }
            switch part {
            case .literal(let literal, _):
                text.append(contentsOf: literal.utf8)  // no temporary array
            case .interpolation(let i):
                let v = evaluate(i.expression, s)
                references = mergeReferences(references, collectReferences(in: v))
                if v.isUnknown { if unknown == nil { unknown = v }; continue }
                if v.isNull {
                    if unknown == nil { unknown = Value.unknown(.invalid, "template interpolation of a null value", range: i.range) }
                    continue
                }
                guard let str = v.terraformString else {
                    if unknown == nil { unknown = Value.unknown(.invalid, "cannot interpolate a \(v.typeName) into a string", range: i.range) }
                    continue
                }
                text.append(contentsOf: str.utf8)
            case .ifDirective(let d):
                let c = evaluate(d.condition, s)
                references = mergeReferences(references, c.references)
                if c.isUnknown { if unknown == nil { unknown = c }; continue }
                guard let b = c.terraformBool else {
                    if unknown == nil { unknown = Value.unknown(.invalid, "%{if} condition must be a bool", range: d.condition.range) }
                    continue
                }
                if b { render(d.thenParts, s, into: &text, references: &references, unknown: &unknown) }
                else if let e = d.elseParts { render(e, s, into: &text, references: &references, unknown: &unknown) }
            case .forDirective(let d):
                guard context.iterationBudget > 0 else {
                    if unknown == nil { unknown = Value.unknown(.limit, "%{for} over more than \(LoadContext.maximumTotalIterations) elements in all", range: d.collection.range) }
                    continue
                }
                let c = evaluate(d.collection, s)
                references = mergeReferences(references, c.references)
                if c.isUnknown { if unknown == nil { unknown = c }; continue }
                guard let pairs = iterationPairs(c), pairs.count <= Evaluator.maximumIterations else {
                    if unknown == nil { unknown = Value.unknown(.invalid, "%{for} needs a collection", range: d.collection.range) }
                    continue
                }
                context.iterationBudget -= pairs.count
                guard context.iterationBudget >= 0 else {
                    if unknown == nil { unknown = Value.unknown(.limit, "%{for} over more than \(LoadContext.maximumTotalIterations) elements in all", range: d.collection.range) }
                    continue
                }
                var inner = s
                for i in 0..<pairs.count {
                    if let kv = d.keyVariable { inner.bound[kv.name] = pairs.key(i) }
                    inner.bound[d.valueVariable.name] = pairs.value(i)
                    render(d.bodyParts, inner, into: &text, references: &references, unknown: &unknown)
                    if text.count > Evaluator.maximumStringBytes { break }
                }
            }
        }
    }
}
