// Evaluates HCL expressions to three-valued core `Value`s (known, unknown with a reason, null),
// keeping ranges and reference edges: literals, templates, collections, operators, `for`, splats.

import IaCLintCore
import HCL

/// What names mean where an expression is evaluated.
struct EvalScope {
    let module: ModuleInstance
    var iteration: Iteration
    /// for-expression variables, `dynamic` iterators, `templatefile` variables.
    var bound = BoundNames()
    /// In a `templatefile` template only the given variables exist.
    var templateOnly = false

    init(module: ModuleInstance, iteration: Iteration = .none) {
        self.module = module
        self.iteration = iteration
    }
}

final class Evaluator {
    let context: LoadContext
    private var depth = 0
    static let maximumDepth = 200
    /// Largest string a template may build.
    static let maximumStringBytes = 16 << 20
    /// Largest collection a `for` expression may iterate.
    static let maximumIterations = 100_000

    init(context: LoadContext) { self.context = context }

    /// `true` and `false` as shared kinds: `Value.Kind` is boxed, so each `.bool(b)` made was a
    /// heap allocation (and a free) for a value every `true` shares.
    private static let trueKind = Value.Kind.bool(true)
    private static let falseKind = Value.Kind.bool(false)
    @inline(__always)
    static func boolKind(_ b: Bool) -> Value.Kind { b ? trueKind : falseKind }

    /// Whole numbers 0...255 as shared kinds, like `boolKind`: most number literals (ports,
    /// retention days, counts, indexes) are small whole numbers, one allocation each otherwise.
    private static let smallNumberKinds: [Value.Kind] = (0..<256).map { .number(Double($0)) }
    static func numberKind(_ n: Double) -> Value.Kind {
        // `sign == .plus` keeps -0.0 out: it equals 0 but is another number to print.
        if n >= 0, n < 256, n.sign == .plus, let i = Int(exactly: n), i < smallNumberKinds.count { return smallNumberKinds[i] }
        return .number(n)
    }

    func evaluate(_ e: Expression, _ s: EvalScope) -> Value {
        context.stepBudget -= 1
        if context.stepBudget < 0 { return Value.unknown(.limit, "evaluation step budget exhausted", range: e.range) }
        depth += 1
        defer { depth -= 1 }
        if depth > Evaluator.maximumDepth { return Value.unknown(.limit, "expression nesting deeper than \(Evaluator.maximumDepth)", range: e.range) }
        switch e {
        case .literal(let l):
            switch l.value {
            case .number(let n, _): return Value(Evaluator.numberKind(n), range: l.range)
            case .bool(let b): return Value(Evaluator.boolKind(b), range: l.range)
            case .null: return Value(.null, range: l.range)
            }
        case .template(let t): return evaluateTemplate(t, s)
        case .scopeTraversal(let t): return evaluateTraversal(t, s)
        case .relativeTraversal(let r):
            let source = evaluate(r.source, s)
            return applySteps(source, r.steps[...], s).withRange(r.range)
        case .functionCall(let c): return evaluateCall(c, s)
        case .tuple(let t):
            return .list(t.elements.map { evaluate($0, s) }, range: t.range)
        case .object(let o): return evaluateObject(o, s)
        case .forExpression(let f): return evaluateFor(f, s)
        case .conditional(let c): return evaluateConditional(c, s)
        case .unary(let u): return evaluateUnary(u, s)
        case .binary(let b): return evaluateBinary(b, s)
        case .parenthesized(let p): return evaluate(p.inner, s).withRange(p.range)
        case .splat(let sp): return evaluateSplat(sp, s)
        case .invalid(let r): return Value.unknown(.invalid, "syntax error", range: r)
        }
    }

    /// The value of `e` when there is one. Takes the optional as it is stored and unwraps it here:
    /// a caller's `if let` copied the expression out of its node first.
    func evaluate(ifPresent e: Expression?, _ s: EvalScope) -> Value? {
        switch e {
        case .some(let present): return evaluate(present, s)
        case .none: return nil
        }
    }

    // MARK: Collections

    private func evaluateObject(_ o: ObjectConstructor, _ s: EvalScope) -> Value {
        var entries: [ObjectEntry] = []
        // Items read in place by index: `for item in o.items` copied each item (its key and value
        // expressions, a retain and a release per reference inside them).
        let items = o.items
        entries.reserveCapacity(items.count)
        for i in items.indices {
            let key: String
            switch items[i].key {
            case .name(let n, _): key = n
            case .expression(let ke):
                // `(var.x) = …` or `"k" = …`; a bare traversal in parentheses is evaluated.
                if let literal = items[i].key.staticName { key = literal; break }
                let k = evaluate(ke, s)
                if k.isUnknown { return Value(k.kind, range: o.range, references: k.references) }
                guard let text = k.terraformString else {
                    return Value.unknown(.invalid, "object key must be a string", range: ke.range)
                }
                key = text
            }
            entries.append(ObjectEntry(key, evaluate(items[i].value, s), keyRange: items[i].key.range))
        }
        return .object(entries, range: o.range)
    }

    /// The elements of a collection for iteration: index or key, and value. nil when not iterable.
    func iterationPairs(_ v: Value) -> IterationPairs? {
        switch v.kind {
        case .list(let items): return IterationPairs(elements: .list(items))
        case .object(let entries): return IterationPairs(elements: .object(sortedEntries(entries)))
        default: return nil
        }
    }

    private func evaluateFor(_ f: ForExpression, _ s: EvalScope) -> Value {
        // Spent: do not even build the collection (an inner `range(100000)` per outer element).
        guard context.iterationBudget > 0 else {
            return Value.unknown(.limit, "for expressions over more than \(LoadContext.maximumTotalIterations) elements in all", range: f.range)
        }
        let collection = evaluate(f.collection, s)
        if collection.isUnknown { return Value(collection.kind, range: f.range, references: collection.references) }
        if collection.isNull { return Value.unknown(.invalid, "for expression over null", range: f.range) }
        guard let pairs = iterationPairs(collection) else {
            return Value.unknown(.invalid, "cannot iterate over \(collection.typeName)", range: f.collection.range)
        }
        guard pairs.count <= Evaluator.maximumIterations else {
            return Value.unknown(.limit, "for expression over more than \(Evaluator.maximumIterations) elements", range: f.range)
        }
        context.iterationBudget -= pairs.count
        guard context.iterationBudget >= 0 else {
            return Value.unknown(.limit, "for expressions over more than \(LoadContext.maximumTotalIterations) elements in all", range: f.range)
        }
        var inner = s
        var items: [Value] = []
        var entries: [ObjectEntry] = []
        var groups = EntryPositions()
        var references = collection.references
        for i in 0..<pairs.count {
            if let kv = f.keyVariable { inner.bound[kv.name] = pairs.key(i) }
            inner.bound[f.valueVariable.name] = pairs.value(i)
            // The optional parts are evaluated through `evaluate(ifPresent:)`: unwrapped here with
            // `if let`, each was copied (a retain and release of what it holds) per element.
            if let c = evaluate(ifPresent: f.condition, inner) {
                if c.isUnknown { return Value(c.kind, range: f.range, references: mergeReferences(references, c.references)) }
                guard let keep = c.terraformBool else { return Value.unknown(.invalid, "for condition must be a bool", range: f.condition?.range ?? f.range) }
                if !keep { continue }
            }
            let value = evaluate(f.valueExpression, inner)
            if let key = evaluate(ifPresent: f.keyExpression, inner) {
                let keyRange = f.keyExpression?.range ?? f.range
                if key.isUnknown { return Value(key.kind, range: f.range, references: mergeReferences(references, key.references)) }
                guard let ks = key.terraformString else { return Value.unknown(.invalid, "for expression key must be a string", range: keyRange) }
                references = mergeReferences(references, key.references)
                if f.grouping {
                    if let i = groups.position(of: ks, in: entries), case .list(var l) = entries[i].value.kind {
                        l.append(value)
                        entries[i].value = .list(l)
                    } else {
                        groups.add(ks, before: entries)
                        entries.append(ObjectEntry(ks, .list([value]), keyRange: keyRange))
                    }
                } else {
                    if groups.position(of: ks, in: entries) != nil {
                        return Value.unknown(.invalid, "duplicate object key \"\(ks)\" in for expression (use ... to group)", range: keyRange)
                    }
                    groups.add(ks, before: entries)
                    entries.append(ObjectEntry(ks, value, keyRange: keyRange))
                }
            } else {
                items.append(value)
            }
        }
        if f.isObject { return Value(.object(entries), range: f.range, references: references) }
        return Value(.list(items), range: f.range, references: references)
    }

    private func evaluateSplat(_ sp: Splat, _ s: EvalScope) -> Value {
        let source = evaluate(sp.source, s)
        if source.isUnknown { return Value(source.kind, range: sp.range, references: source.references) }
        if source.isNull { return Value(.list([]), range: sp.range, references: source.references) }
        let elements = source.listValue ?? [source]
        var out: [Value] = []
        out.reserveCapacity(elements.count)
        for element in elements {
            var e = element
            if e.references.isEmpty, !source.references.isEmpty { e = e.addingReferences(source.references) }
            out.append(applySteps(e, sp.each[...], s))
        }
        return Value(.list(out), range: sp.range, references: source.references)
    }

    // MARK: Conditionals and operators

    private func evaluateConditional(_ c: Conditional, _ s: EvalScope) -> Value {
        let cond = evaluate(c.condition, s)
        if cond.isUnknown {
            // Keep the edges of both branches so rules can still see what each side points at.
            let t = evaluate(c.trueResult, s), f = evaluate(c.falseResult, s)
            return Value(cond.kind, range: c.range, references: mergeReferences(cond.references, collectReferences([t, f])))
        }
        guard let b = cond.terraformBool else {
            return Value.unknown(.invalid, "condition must be a bool, got \(cond.typeName)", range: c.condition.range)
        }
        // Not `evaluate(b ? c.trueResult : c.falseResult, s)`: the chosen branch was copied out of
        // the node (a retain and release of what it holds) for the call.
        let chosen = b ? evaluate(c.trueResult, s) : evaluate(c.falseResult, s)
        return chosen.addingReferences(cond.references)
    }

    private func evaluateUnary(_ u: UnaryOperation, _ s: EvalScope) -> Value {
        let v = evaluate(u.operand, s)
        if v.isUnknown { return Value(v.kind, range: u.range, references: v.references) }
        switch u.op {
        case .negate:
            guard let n = v.terraformNumber else { return Value.unknown(.invalid, "unary minus needs a number", range: u.range) }
            return Value(.number(-n), range: u.range, references: v.references)
        case .not:
            guard let b = v.terraformBool else { return Value.unknown(.invalid, "! needs a bool", range: u.range) }
            return Value(Evaluator.boolKind(!b), range: u.range, references: v.references)
        }
    }

    private func evaluateBinary(_ b: BinaryOperation, _ s: EvalScope) -> Value {
        let l = evaluate(b.lhs, s)
        // Short-circuit logic on known operands, as HCL does.
        if b.op == .and, l.terraformBool == false { return Value(Evaluator.falseKind, range: b.range, references: l.references) }
        if b.op == .or, l.terraformBool == true { return Value(Evaluator.trueKind, range: b.range, references: l.references) }
        let r = evaluate(b.rhs, s)
        let refs = mergeReferences(l.references, r.references)
        if b.op == .and, r.terraformBool == false, l.isUnknown { return Value(Evaluator.falseKind, range: b.range, references: refs) }
        if b.op == .or, r.terraformBool == true, l.isUnknown { return Value(Evaluator.trueKind, range: b.range, references: refs) }
        // Not `[l, r].first(where:)`: that allocated a two-element array for every operation.
        if l.isUnknown { return Value(l.kind, range: b.range, references: refs) }
        if r.isUnknown { return Value(r.kind, range: b.range, references: refs) }
        if b.op == .equal || b.op == .notEqual {
            if l.firstUnknown != nil || r.firstUnknown != nil {
                return Value(.unknown((l.firstUnknown ?? r.firstUnknown)?.unknownReason ?? UnknownReason(.invalid)), range: b.range, references: refs)
            }
            let same = l.sameContents(as: r)
            return Value(Evaluator.boolKind(b.op == .equal ? same : !same), range: b.range, references: refs)
        }
        if b.op == .and || b.op == .or {
            guard let x = l.terraformBool, let y = r.terraformBool else {
                return Value.unknown(.invalid, "\(b.op.rawValue) needs bools", range: b.range, references: refs)
            }
            return Value(Evaluator.boolKind(b.op == .and ? x && y : x || y), range: b.range, references: refs)
        }
        guard let x = l.terraformNumber, let y = r.terraformNumber else {
            return Value.unknown(.invalid, "\(b.op.rawValue) needs numbers, got \(l.typeName) and \(r.typeName)", range: b.range, references: refs)
        }
        let result: Value.Kind
        switch b.op {
        case .add: result = .number(x + y)
        case .subtract: result = .number(x - y)
        case .multiply: result = .number(x * y)
        case .divide:
            guard y != 0 else { return Value.unknown(.invalid, "division by zero", range: b.range, references: refs) }
            result = .number(x / y)
        case .modulo:
            guard y != 0 else { return Value.unknown(.invalid, "modulo by zero", range: b.range, references: refs) }
            result = .number(x.truncatingRemainder(dividingBy: y))
        case .less: result = Evaluator.boolKind(x < y)
        case .lessOrEqual: result = Evaluator.boolKind(x <= y)
        case .greater: result = Evaluator.boolKind(x > y)
        case .greaterOrEqual: result = Evaluator.boolKind(x >= y)
        default: result = .null
        }
        return Value(result, range: b.range, references: refs)
    }
}
