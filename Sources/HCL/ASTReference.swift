// Reading expressions as references: `aws_cloudwatch_log_group.logs.arn` -> root and static steps.

import IaCLintCore

/// A step of a reference that is known without evaluation.
public enum StaticStep: Hashable, Sendable {
    case attribute(String)
    /// `["key"]` with a literal-only string.
    case key(String)
    /// `[0]` or legacy `.0`.
    case index(Int)
}

/// The statically known prefix of a traversal: `module.x.out` -> root `module`, steps `[.attribute("x"), .attribute("out")]`.
public struct StaticReference: Hashable, Sendable, CustomStringConvertible {
    public var root: String
    public var steps: [StaticStep]
    /// The range of each step, aligned with `steps`.
    public var stepRanges: [SourceRange]
    /// The range of the root and the static steps.
    public var range: SourceRange
    /// False when the traversal continues past `steps` with a dynamic step (`x[var.i].y`) or a splat.
    public var isComplete: Bool

    public init(root: String, steps: [StaticStep], stepRanges: [SourceRange], range: SourceRange, isComplete: Bool) {
        self.root = root
        self.steps = steps
        self.stepRanges = stepRanges
        self.range = range
        self.isComplete = isComplete
    }

    /// Terraform-style text: `aws_x.y["k"][0].arn`.
    public var description: String {
        var text = root
        for step in steps {
            switch step {
            case .attribute(let name): text += "." + name
            case .key(let key): text += "[\"" + key + "\"]"
            case .index(let i): text += "[\(i)]"
            }
        }
        return text
    }

    /// The attribute names that lead the steps (`logs`, `arn` for `aws_cloudwatch_log_group.logs.arn`),
    /// stopping at the first index.
    public var leadingAttributeNames: [String] {
        var names: [String] = []
        for step in steps {
            guard case .attribute(let n) = step else { break }
            names.append(n)
        }
        return names
    }
}

extension TraversalStep {
    /// The step when it is known without evaluation.
    public var staticStep: StaticStep? {
        switch self {
        case .attribute(let name, _): return .attribute(name)
        case .legacyIndex(let i, _): return .index(i)
        case .index(let key, _):
            switch key {
            case .literal(let lit):
                if case .number(let d, _) = lit.value, d >= 0, d < 1e15, d.rounded(.towardZero) == d { return .index(Int(d)) }
                return nil
            case .template(let t):
                return t.literalValue.map { .key($0) }
            default:
                return nil
            }
        }
    }
}

extension Expression {
    /// This expression as a reference, when it is a variable traversal (through parentheses and the
    /// source of a splat): `aws_cloudwatch_log_group.logs.arn`, `module.x.out`, `aws_x.y[0].arn`.
    /// Returns the static prefix; `isComplete` says whether anything followed it.
    public var staticReference: StaticReference? {
        switch self {
        case .scopeTraversal(let t): return t.staticReference
        case .parenthesized(let p): return p.inner.staticReference
        case .template(let t): return t.singleInterpolation?.staticReference
        case .splat(let s):
            guard var ref = s.source.staticReference else { return nil }
            ref.isComplete = false
            return ref
        case .relativeTraversal(let r):
            guard var ref = r.source.staticReference, ref.isComplete else { return r.source.staticReference.map { var x = $0; x.isComplete = false; return x } }
            for step in r.steps {
                guard let s = step.staticStep else { ref.isComplete = false; return ref }
                ref.steps.append(s)
                ref.stepRanges.append(step.range)
                ref.range = ref.range.union(step.range)
            }
            return ref
        default:
            return nil
        }
    }

    /// Every variable traversal inside this expression, outermost first in source order (like
    /// hclsyntax `Variables()`): the inputs to reference edges. Variables bound by `for` are excluded.
    public var variables: [ScopeTraversal] {
        var out: [ScopeTraversal] = []
        var bound: [String] = []
        ExpressionWalker.collectVariables(self, bound: &bound, into: &out)
        return out
    }
}

extension ScopeTraversal {
    public var staticReference: StaticReference {
        var steps: [StaticStep] = []
        var ranges: [SourceRange] = []
        var range = root.range
        for step in self.steps {
            guard let s = step.staticStep else {
                return StaticReference(root: root.name, steps: steps, stepRanges: ranges, range: range, isComplete: false)
            }
            steps.append(s)
            ranges.append(step.range)
            range = range.union(step.range)
        }
        return StaticReference(root: root.name, steps: steps, stepRanges: ranges, range: range, isComplete: true)
    }
}
