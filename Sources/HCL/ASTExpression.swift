// The expression part of the HCL syntax tree; every node carries its source range.

import IaCLintCore

/// An HCL native-syntax expression as written (nothing is evaluated here).
/// The leaves that make up most of a file (literals, strings, variable references, tuple and object
/// constructors) are stored inline; a whole-enum `indirect` cost one heap object per node, paid
/// again when the tree is freed. Only the cases that contain expressions directly are held in a
/// heap object, and that object is a final class with constant fields rather than an `indirect`
/// box: the same one allocation per node, but matching `.conditional(let c)` borrows the object,
/// where binding a boxed struct copied it (a retain and a release of every sub-expression, of each
/// string and array, for every operator, call and `for` evaluated).
public enum Expression: Hashable, Sendable {
    /// A number, `true`, `false` or `null`.
    case literal(Literal)
    /// A quoted string (`"a ${b}"`) or a heredoc (`<<EOT ... EOT`): literal text, interpolations, directives.
    case template(Template)
    /// A variable and static or dynamic accesses on it: `aws_cloudwatch_log_group.logs.arn`, `var.m["k"]`, `x[0]`.
    case scopeTraversal(ScopeTraversal)
    /// Accesses applied to any other expression: `f(x).a`, `[1, 2][0]`, `(x).y`.
    case relativeTraversal(RelativeTraversal)
    /// `name(args...)`, including namespaced `provider::aws::arn_parse(...)`.
    case functionCall(FunctionCall)
    /// `[a, b]`.
    case tuple(TupleConstructor)
    /// `{ k = v, "k2" : v2, (expr) = v3 }`.
    case object(ObjectConstructor)
    /// `[for k, v in c : v if p]` or `{for k, v in c : k => v... if p}`.
    case forExpression(ForExpression)
    /// `condition ? a : b`.
    case conditional(Conditional)
    /// `-x`, `!x`.
    case unary(UnaryOperation)
    /// `a + b`, `a && b`, `a == b`, ...
    case binary(BinaryOperation)
    /// `(x)`.
    case parenthesized(Parenthesized)
    /// `x[*].a` or `x.*.a`: the steps after the splat are applied to each element.
    case splat(Splat)
    /// A place where an expression was expected but a syntax error was found (a diagnostic is reported).
    case invalid(SourceRange)

    /// The range of the whole expression.
    public var range: SourceRange {
        switch self {
        case .literal(let e): return e.range
        case .template(let e): return e.range
        case .scopeTraversal(let e): return e.range
        case .relativeTraversal(let e): return e.range
        case .functionCall(let e): return e.range
        case .tuple(let e): return e.range
        case .object(let e): return e.range
        case .forExpression(let e): return e.range
        case .conditional(let e): return e.range
        case .unary(let e): return e.range
        case .binary(let e): return e.range
        case .parenthesized(let e): return e.range
        case .splat(let e): return e.range
        case .invalid(let r): return r
        }
    }
}

/// A literal value with its range.
public struct Literal: Hashable, Sendable {
    public enum Value: Hashable, Sendable {
        /// The parsed number and the text as written (`1e3`, `0.50`), so exact decimals are not lost.
        case number(Double, text: String)
        case bool(Bool)
        case null
    }
    public var value: Value
    public var range: SourceRange

    public init(_ value: Value, range: SourceRange) {
        self.value = value
        self.range = range
    }
}

/// A quoted template or heredoc. Escapes are already decoded and strip markers (`~`) already applied
/// to the neighbouring literal parts; a flush heredoc's (`<<-`) indentation is already removed.
public struct Template: Hashable, Sendable {
    public struct Heredoc: Hashable, Sendable {
        /// The delimiter word, e.g. `EOT`.
        public var marker: String
        /// True for `<<-EOT`, whose lines are de-indented.
        public var flush: Bool

        public init(marker: String, flush: Bool) {
            self.marker = marker
            self.flush = flush
        }
    }

    /// Most templates are one quoted literal (`"text"`), whose part's range is the template's without
    /// the quotes: those store the text alone. That saved a one-element array per quoted string, a
    /// heap object built by the parser and freed with the tree (75,000 on the 10 MB synthetic
    /// repository). The form is canonical (chosen from the parts and range, never by the caller), so
    /// equal templates have equal storage.
    private enum Storage: Hashable, Sendable {
        case parts([TemplatePart])
        /// Exactly `[.literal(text, range without the quotes)]` of a quoted string.
        case quotedText(String)
    }

    private var storage: Storage
    // Stored apart from their public accessors, which keep `storage` canonical: property observers
    // made every initializer build the template twice (a copy and a destroy, a retain and a
    // release of each string).
    private var storedHeredoc: Heredoc?
    private var storedRange: SourceRange

    /// nil for a quoted string (or a standalone template from `HCLParser.parseTemplate`).
    public var heredoc: Heredoc? {
        get { storedHeredoc }
        set {
            let parts = self.parts
            storedHeredoc = newValue
            storage = Template.storage(parts: parts, heredoc: newValue, range: storedRange)
        }
    }
    /// Quotes or heredoc introducer and closing marker included.
    public var range: SourceRange {
        get { storedRange }
        set {
            let parts = self.parts
            storedRange = newValue
            storage = Template.storage(parts: parts, heredoc: storedHeredoc, range: newValue)
        }
    }

    public init(parts: [TemplatePart], heredoc: Heredoc?, range: SourceRange) {
        storage = Template.storage(parts: parts, heredoc: heredoc, range: range)
        storedHeredoc = heredoc
        storedRange = range
    }

    /// A quoted string of one literal part (the parser's common case), without building the parts array.
    @inline(__always)
    init(quotedLiteral text: String, partRange: SourceRange, range: SourceRange) {
        storage = Template.isQuotedTextRange(partRange, of: range) ? .quotedText(text) : .parts([.literal(text, partRange)])
        storedHeredoc = nil
        storedRange = range
    }

    /// The pieces in source order. A quoted literal's one part is built on each read; code on hot
    /// paths asks `singleLiteral` or `literalValue` first.
    public var parts: [TemplatePart] {
        get { expandedParts(storage, range: storedRange) }
        set { storage = Template.storage(parts: newValue, heredoc: storedHeredoc, range: storedRange) }
    }

    /// The parts that may hold expressions: empty for a quoted literal (no array is built).
    var partsWithExpressions: [TemplatePart] {
        if case .parts(let p) = storage { return p }
        return []
    }

    private func expandedParts(_ storage: Storage, range: SourceRange) -> [TemplatePart] {
        switch storage {
        case .parts(let p): return p
        case .quotedText(let text): return [.literal(text, Template.quotedTextRange(range))]
        }
    }

    private static func storage(parts: [TemplatePart], heredoc: Heredoc?, range: SourceRange) -> Storage {
        if heredoc == nil, parts.count == 1, case .literal(let text, let r) = parts[0], isQuotedTextRange(r, of: range) {
            return .quotedText(text)
        }
        return .parts(parts)
    }

    /// True when `part` is `quotedTextRange(range)`, compared field by field (building the positions
    /// took two outlined initializer calls per quoted string).
    private static func isQuotedTextRange(_ part: SourceRange, of range: SourceRange) -> Bool {
        let s = range.start, e = range.end, ps = part.start, pe = part.end
        guard s.line == e.line, e.offset - s.offset >= 2 else { return false }
        return ps.line == s.line && pe.line == s.line && ps.offset == s.offset + 1 && pe.offset == e.offset - 1
            && ps.column == s.column + 1 && pe.column == e.column - 1 && part.fileID == range.fileID
    }

    /// The range of a one-line quoted string's text: one column and byte in from each quote.
    private static func quotedTextRange(_ range: SourceRange) -> SourceRange {
        let s = range.start, e = range.end
        guard s.line == e.line, e.offset - s.offset >= 2 else { return SourceRange(fileID: range.fileID, start: e, end: s) }
        return SourceRange(fileID: range.fileID,
                           start: SourcePosition(line: s.line, column: s.column + 1, offset: s.offset + 1),
                           end: SourcePosition(line: e.line, column: e.column - 1, offset: e.offset - 1))
    }

    /// The text when the template is exactly one literal part.
    public var singleLiteral: String? {
        switch storage {
        case .quotedText(let text): return text
        case .parts(let p):
            guard p.count == 1, case .literal(let text, _) = p[0] else { return nil }
            return text
        }
    }

    /// The string when the template is literal text only (no interpolation or directive).
    public var literalValue: String? {
        guard case .parts(let parts) = storage else { return singleLiteral }
        var result = ""
        for part in parts {
            guard case .literal(let text, _) = part else { return nil }
            result += text
        }
        return result
    }

    /// The expression when the template is exactly `"${expr}"`, whose value is that of `expr` unconverted.
    public var singleInterpolation: Expression? {
        guard case .parts(let parts) = storage, parts.count == 1, case .interpolation(let inner) = parts[0] else { return nil }
        return inner.expression
    }
}

/// One piece of a template.
/// Literal text is stored inline; interpolations and directives are boxed (an interpolation holds an
/// inline expression, which would make every part, literal text included, several times larger).
public enum TemplatePart: Hashable, Sendable {
    /// Decoded literal text and the range of its source text.
    case literal(String, SourceRange)
    /// `${ expr }`.
    indirect case interpolation(TemplateInterpolation)
    /// `%{ if c }...%{ else }...%{ endif }`.
    indirect case ifDirective(TemplateIf)
    /// `%{ for k, v in c }...%{ endfor }`.
    indirect case forDirective(TemplateFor)

    public var range: SourceRange {
        switch self {
        case .literal(_, let r): return r
        case .interpolation(let i): return i.range
        case .ifDirective(let d): return d.range
        case .forDirective(let d): return d.range
        }
    }
}

/// `${ expr }` inside a template; the range covers `${` through `}`.
public struct TemplateInterpolation: Hashable, Sendable {
    public var expression: Expression
    public var range: SourceRange

    public init(expression: Expression, range: SourceRange) {
        self.expression = expression
        self.range = range
    }
}

/// `%{ if condition }then%{ else }else%{ endif }`; the range covers the `%{ if` through the `endif }`.
public struct TemplateIf: Hashable, Sendable {
    public var condition: Expression
    public var thenParts: [TemplatePart]
    public var elseParts: [TemplatePart]?
    public var range: SourceRange

    public init(condition: Expression, thenParts: [TemplatePart], elseParts: [TemplatePart]?, range: SourceRange) {
        self.condition = condition
        self.thenParts = thenParts
        self.elseParts = elseParts
        self.range = range
    }
}

/// `%{ for k, v in collection }body%{ endfor }`.
public struct TemplateFor: Hashable, Sendable {
    public var keyVariable: Identifier?
    public var valueVariable: Identifier
    public var collection: Expression
    public var bodyParts: [TemplatePart]
    public var range: SourceRange

    public init(keyVariable: Identifier?, valueVariable: Identifier, collection: Expression,
                bodyParts: [TemplatePart], range: SourceRange) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.bodyParts = bodyParts
        self.range = range
    }
}

/// A name with its range (for-expression variables, traversal roots).
public struct Identifier: Hashable, Sendable {
    public var name: String
    public var range: SourceRange

    public init(_ name: String, range: SourceRange) {
        self.name = name
        self.range = range
    }
}

/// One access step after a traversal root or expression.
public enum TraversalStep: Hashable, Sendable {
    /// `.name`.
    case attribute(String, SourceRange)
    /// `[key]`; the range covers the brackets. Boxed so that the common `.name` steps stay small.
    indirect case index(Expression, SourceRange)
    /// Legacy `.0`: an index written as an attribute step.
    case legacyIndex(Int, SourceRange)

    public var range: SourceRange {
        switch self {
        case .attribute(_, let r), .index(_, let r), .legacyIndex(_, let r): return r
        }
    }
}

/// `root.step.step[...]`.
public struct ScopeTraversal: Hashable, Sendable {
    public var root: Identifier
    public var steps: [TraversalStep]
    public var range: SourceRange

    public init(root: Identifier, steps: [TraversalStep], range: SourceRange) {
        self.root = root
        self.steps = steps
        self.range = range
    }
}

/// `source.step[...]` where the source is not a plain variable.
public final class RelativeTraversal: Hashable, Sendable {
    public let source: Expression
    public let steps: [TraversalStep]
    public let range: SourceRange

    public init(source: Expression, steps: [TraversalStep], range: SourceRange) {
        self.source = source
        self.steps = steps
        self.range = range
    }

    public static func == (lhs: RelativeTraversal, rhs: RelativeTraversal) -> Bool {
        lhs === rhs || (lhs.source == rhs.source && lhs.steps == rhs.steps && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(steps)
        hasher.combine(range)
    }
}

/// `name(arg, arg...)`.
public final class FunctionCall: Hashable, Sendable {
    /// The full name, namespaces included: `lookup`, `provider::aws::arn_parse`.
    public let name: String
    public let nameRange: SourceRange
    public let arguments: [Expression]
    /// True when the last argument is followed by `...` (its elements are the remaining arguments).
    public let expandFinal: Bool
    public let openParenRange: SourceRange
    public let closeParenRange: SourceRange
    public let range: SourceRange

    public init(name: String, nameRange: SourceRange, arguments: [Expression], expandFinal: Bool,
                openParenRange: SourceRange, closeParenRange: SourceRange, range: SourceRange) {
        self.name = name
        self.nameRange = nameRange
        self.arguments = arguments
        self.expandFinal = expandFinal
        self.openParenRange = openParenRange
        self.closeParenRange = closeParenRange
        self.range = range
    }

    public static func == (lhs: FunctionCall, rhs: FunctionCall) -> Bool {
        lhs === rhs || (lhs.name == rhs.name && lhs.nameRange == rhs.nameRange && lhs.arguments == rhs.arguments && lhs.expandFinal == rhs.expandFinal && lhs.openParenRange == rhs.openParenRange && lhs.closeParenRange == rhs.closeParenRange && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(nameRange)
        hasher.combine(arguments)
        hasher.combine(expandFinal)
        hasher.combine(openParenRange)
        hasher.combine(closeParenRange)
        hasher.combine(range)
    }
}

/// `[a, b, c]`.
public struct TupleConstructor: Hashable, Sendable {
    public var elements: [Expression]
    public var range: SourceRange

    public init(elements: [Expression], range: SourceRange) {
        self.elements = elements
        self.range = range
    }
}

/// `{ key = value, ... }`.
public struct ObjectConstructor: Hashable, Sendable {
    public var items: [ObjectItem]
    public var range: SourceRange

    public init(items: [ObjectItem], range: SourceRange) {
        self.items = items
        self.range = range
    }
}

/// One `key = value` (or `key: value`) of an object constructor.
public struct ObjectItem: Hashable, Sendable {
    public var key: ObjectKey
    public var value: Expression
    public var range: SourceRange

    public init(key: ObjectKey, value: Expression, range: SourceRange) {
        self.key = key
        self.value = value
        self.range = range
    }
}

/// An object key. A bare identifier is a literal name (`{ name = 1 }` has key "name", even if a
/// variable `name` exists); anything else, including `(name)` and `"quoted"`, is an expression.
public enum ObjectKey: Hashable, Sendable {
    case name(String, SourceRange)
    /// Boxed so that the common bare-name keys stay small.
    indirect case expression(Expression)

    public var range: SourceRange {
        switch self {
        case .name(_, let r): return r
        case .expression(let e): return e.range
        }
    }

    /// The key as a string when it is written statically (a bare name or a literal-only quoted string).
    public var staticName: String? {
        switch self {
        case .name(let n, _): return n
        case .expression(.template(let t)): return t.literalValue
        default: return nil
        }
    }
}

/// `[for k, v in c : value if cond]` (keyExpression nil) or `{for k, v in c : key => value... if cond}`.
public final class ForExpression: Hashable, Sendable {
    public let keyVariable: Identifier?
    public let valueVariable: Identifier
    public let collection: Expression
    /// Present exactly for the object form.
    public let keyExpression: Expression?
    public let valueExpression: Expression
    public let condition: Expression?
    /// `...` after the value in the object form: values with the same key are grouped into tuples.
    public let grouping: Bool
    public let range: SourceRange

    public init(keyVariable: Identifier?, valueVariable: Identifier, collection: Expression,
                keyExpression: Expression?, valueExpression: Expression, condition: Expression?,
                grouping: Bool, range: SourceRange) {
        self.keyVariable = keyVariable
        self.valueVariable = valueVariable
        self.collection = collection
        self.keyExpression = keyExpression
        self.valueExpression = valueExpression
        self.condition = condition
        self.grouping = grouping
        self.range = range
    }

    public var isObject: Bool { keyExpression != nil }

    public static func == (lhs: ForExpression, rhs: ForExpression) -> Bool {
        lhs === rhs || (lhs.keyVariable == rhs.keyVariable && lhs.valueVariable == rhs.valueVariable && lhs.collection == rhs.collection && lhs.keyExpression == rhs.keyExpression && lhs.valueExpression == rhs.valueExpression && lhs.condition == rhs.condition && lhs.grouping == rhs.grouping && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(keyVariable)
        hasher.combine(valueVariable)
        hasher.combine(collection)
        hasher.combine(keyExpression)
        hasher.combine(valueExpression)
        hasher.combine(condition)
        hasher.combine(grouping)
        hasher.combine(range)
    }
}

/// `condition ? trueResult : falseResult`.
public final class Conditional: Hashable, Sendable {
    public let condition: Expression
    public let trueResult: Expression
    public let falseResult: Expression
    public let range: SourceRange

    public init(condition: Expression, trueResult: Expression, falseResult: Expression, range: SourceRange) {
        self.condition = condition
        self.trueResult = trueResult
        self.falseResult = falseResult
        self.range = range
    }

    public static func == (lhs: Conditional, rhs: Conditional) -> Bool {
        lhs === rhs || (lhs.condition == rhs.condition && lhs.trueResult == rhs.trueResult && lhs.falseResult == rhs.falseResult && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(condition)
        hasher.combine(trueResult)
        hasher.combine(falseResult)
        hasher.combine(range)
    }
}

public enum UnaryOperator: String, Hashable, Sendable {
    case negate = "-"
    case not = "!"
}

/// `-x` or `!x`.
public final class UnaryOperation: Hashable, Sendable {
    public let op: UnaryOperator
    public let operand: Expression
    public let range: SourceRange

    public init(op: UnaryOperator, operand: Expression, range: SourceRange) {
        self.op = op
        self.operand = operand
        self.range = range
    }

    public static func == (lhs: UnaryOperation, rhs: UnaryOperation) -> Bool {
        lhs === rhs || (lhs.op == rhs.op && lhs.operand == rhs.operand && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(op)
        hasher.combine(operand)
        hasher.combine(range)
    }
}

/// Binary operators; `precedence` follows the HCL spec (higher binds tighter).
public enum BinaryOperator: String, Hashable, Sendable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case modulo = "%"

    public var precedence: Int {
        switch self {
        case .or: return 1
        case .and: return 2
        case .equal, .notEqual: return 3
        case .less, .lessOrEqual, .greater, .greaterOrEqual: return 4
        case .add, .subtract: return 5
        case .multiply, .divide, .modulo: return 6
        }
    }
}

/// `lhs op rhs`.
public final class BinaryOperation: Hashable, Sendable {
    public let op: BinaryOperator
    public let lhs: Expression
    public let rhs: Expression
    public let operatorRange: SourceRange
    public let range: SourceRange

    public init(op: BinaryOperator, lhs: Expression, rhs: Expression, operatorRange: SourceRange, range: SourceRange) {
        self.op = op
        self.lhs = lhs
        self.rhs = rhs
        self.operatorRange = operatorRange
        self.range = range
    }

    public static func == (lhs: BinaryOperation, rhs: BinaryOperation) -> Bool {
        lhs === rhs || (lhs.op == rhs.op && lhs.lhs == rhs.lhs && lhs.rhs == rhs.rhs && lhs.operatorRange == rhs.operatorRange && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(op)
        hasher.combine(lhs)
        hasher.combine(rhs)
        hasher.combine(operatorRange)
        hasher.combine(range)
    }
}

/// `( inner )`.
public final class Parenthesized: Hashable, Sendable {
    public let inner: Expression
    public let range: SourceRange

    public init(inner: Expression, range: SourceRange) {
        self.inner = inner
        self.range = range
    }

    public static func == (lhs: Parenthesized, rhs: Parenthesized) -> Bool {
        lhs === rhs || (lhs.inner == rhs.inner && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(inner)
        hasher.combine(range)
    }
}

/// A splat: `source[*].a.b` (full) or `source.*.a.b` (attribute-only). `each` is applied to every
/// element of `source` (a non-list value is treated as a one-element list, null as an empty one).
public final class Splat: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `[*]`: every following attribute and index step applies to each element.
        case full
        /// `.*`: only the following attribute steps apply to each element.
        case attributeOnly
    }
    public let source: Expression
    public let kind: Kind
    public let each: [TraversalStep]
    /// The `[*]` or `.*` marker.
    public let markerRange: SourceRange
    public let range: SourceRange

    public init(source: Expression, kind: Kind, each: [TraversalStep], markerRange: SourceRange, range: SourceRange) {
        self.source = source
        self.kind = kind
        self.each = each
        self.markerRange = markerRange
        self.range = range
    }

    public static func == (lhs: Splat, rhs: Splat) -> Bool {
        lhs === rhs || (lhs.source == rhs.source && lhs.kind == rhs.kind && lhs.each == rhs.each && lhs.markerRange == rhs.markerRange && lhs.range == rhs.range)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(source)
        hasher.combine(kind)
        hasher.combine(each)
        hasher.combine(markerRange)
        hasher.combine(range)
    }
}

/// `Expression` under a name that cannot clash with Foundation's `Expression` (in files that import both).
public typealias HCLExpression = Expression
