// Generic walks over expressions: children in source order, and variable collection.

import IaCLintCore

extension Expression {
    /// The direct sub-expressions in source order (template parts' expressions included).
    public var children: [Expression] {
        switch self {
        case .literal, .invalid: return []
        case .template(let t): return ExpressionWalker.expressions(in: t.partsWithExpressions)
        case .scopeTraversal(let t): return ExpressionWalker.expressions(in: t.steps)
        case .relativeTraversal(let t): return [t.source] + ExpressionWalker.expressions(in: t.steps)
        case .functionCall(let f): return f.arguments
        case .tuple(let t): return t.elements
        case .object(let o):
            var out: [Expression] = []
            for item in o.items {
                if case .expression(let k) = item.key { out.append(k) }
                out.append(item.value)
            }
            return out
        case .forExpression(let f):
            var out = [f.collection]
            if let k = f.keyExpression { out.append(k) }
            out.append(f.valueExpression)
            if let c = f.condition { out.append(c) }
            return out
        case .conditional(let c): return [c.condition, c.trueResult, c.falseResult]
        case .unary(let u): return [u.operand]
        case .binary(let b): return [b.lhs, b.rhs]
        case .parenthesized(let p): return [p.inner]
        case .splat(let s): return [s.source] + ExpressionWalker.expressions(in: s.each)
        }
    }
}

enum ExpressionWalker {
    static func expressions(in steps: [TraversalStep]) -> [Expression] {
        var out: [Expression] = []
        for case .index(let key, _) in steps { out.append(key) }
        return out
    }

    static func expressions(in parts: [TemplatePart]) -> [Expression] {
        var out: [Expression] = []
        for part in parts {
            switch part {
            case .literal: break
            case .interpolation(let i): out.append(i.expression)
            case .ifDirective(let d):
                out.append(d.condition)
                out += expressions(in: d.thenParts)
                if let e = d.elseParts { out += expressions(in: e) }
            case .forDirective(let d):
                out.append(d.collection)
                out += expressions(in: d.bodyParts)
            }
        }
        return out
    }

    /// Iterative-enough walk: depth is bounded by the parser's nesting cap.
    static func collectVariables(_ e: Expression, bound: inout [String], into out: inout [ScopeTraversal]) {
        switch e {
        case .scopeTraversal(let t):
            if !bound.contains(t.root.name) { out.append(t) }
            for k in expressions(in: t.steps) { collectVariables(k, bound: &bound, into: &out) }
        case .forExpression(let f):
            collectVariables(f.collection, bound: &bound, into: &out)
            let mark = bound.count
            if let k = f.keyVariable { bound.append(k.name) }
            bound.append(f.valueVariable.name)
            if let k = f.keyExpression { collectVariables(k, bound: &bound, into: &out) }
            collectVariables(f.valueExpression, bound: &bound, into: &out)
            if let c = f.condition { collectVariables(c, bound: &bound, into: &out) }
            bound.removeSubrange(mark...)
        case .template(let t):
            collectVariables(in: t.partsWithExpressions, bound: &bound, into: &out)
        default:
            for child in e.children { collectVariables(child, bound: &bound, into: &out) }
        }
    }

    static func collectVariables(in parts: [TemplatePart], bound: inout [String], into out: inout [ScopeTraversal]) {
        for part in parts {
            switch part {
            case .literal: break
            case .interpolation(let i): collectVariables(i.expression, bound: &bound, into: &out)
            case .ifDirective(let d):
                collectVariables(d.condition, bound: &bound, into: &out)
                collectVariables(in: d.thenParts, bound: &bound, into: &out)
                if let e = d.elseParts { collectVariables(in: e, bound: &bound, into: &out) }
            case .forDirective(let d):
                collectVariables(d.collection, bound: &bound, into: &out)
                let mark = bound.count
                if let k = d.keyVariable { bound.append(k.name) }
                bound.append(d.valueVariable.name)
                collectVariables(in: d.bodyParts, bound: &bound, into: &out)
                bound.removeSubrange(mark...)
            }
        }
    }
}
