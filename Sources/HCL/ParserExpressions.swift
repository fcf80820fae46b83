// The expression grammar: conditional, binary operators by precedence, unary, traversals, terms.

import IaCLintCore

extension Parser {
    /// One expression filling the whole input (newlines are insignificant, as inside brackets).
    mutating func parseStandaloneExpression() -> Expression {
        newlineSensitive = false
        let expression = parseExpression()
        let t = peek()
        if t.kind != .endOfFile {
            error("unexpected \(t.kind.displayName) after the expression", at: range(t), token: t,
                  detail: "Only one expression is expected here.")
        }
        return expression
    }

    mutating func parseExpression() -> Expression {
        guard enter() else { return tooDeep() }
        defer { depth -= 1 }
        let condition = parseBinary(minimumPrecedence: 1)
        guard peek().kind == .question else { return condition }
        advance()
        let trueResult = parseExpression()
        let colon = peek()
        guard colon.kind == .colon else {
            error("expected ':' in the conditional expression, but found \(colon.kind.displayName)", at: range(colon), token: colon)
            return .conditional(Conditional(condition: condition, trueResult: trueResult, falseResult: .invalid(range(colon)),
                                            range: condition.range.union(trueResult.range)))
        }
        advance()
        let falseResult = parseExpression()
        return .conditional(Conditional(condition: condition, trueResult: trueResult, falseResult: falseResult,
                                        range: condition.range.union(falseResult.range)))
    }

    /// An `.invalid` node for input past the nesting cap; skips the construct that starts here.
    mutating func tooDeep() -> Expression { skipConstruct() }

    /// Consumes the current token and, when it opens a group, everything up to its closer.
    mutating func skipConstruct() -> Expression {
        let t = peek()
        advance()
        switch t.kind {
        case .openBrace: skipPastCloser(.closeBrace)
        case .openBracket: skipPastCloser(.closeBracket)
        case .openParen: skipPastCloser(.closeParen)
        case .openQuote: skipPastCloser(.closeQuote)
        case .openHeredoc: skipPastCloser(.closeHeredoc)
        case .templateInterpolation, .templateControl: skipPastCloser(.templateSequenceEnd)
        default: break
        }
        return .invalid(range(t.start, previousEnd))
    }

    private static func binaryOperator(_ kind: TokenKind) -> BinaryOperator? {
        switch kind {
        case .or: return .or
        case .and: return .and
        case .equalEqual: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterOrEqual
        case .plus: return .add
        case .minus: return .subtract
        case .star: return .multiply
        case .slash: return .divide
        case .percent: return .modulo
        default: return nil
        }
    }

    /// Precedence climbing; operators of equal precedence associate to the left.
    private mutating func parseBinary(minimumPrecedence: Int) -> Expression {
        var lhs = parseUnary()
        // Each operator in a chain makes the tree one level deeper, though parsed by this loop.
        let baseDepth = depth
        defer { depth = baseDepth }
        while true {
            let t = peek()
            guard let op = Parser.binaryOperator(t.kind), op.precedence >= minimumPrecedence else { break }
            guard enter() else { break }
            advance()
            let rhs = parseBinary(minimumPrecedence: op.precedence + 1)
            lhs = .binary(BinaryOperation(op: op, lhs: lhs, rhs: rhs, operatorRange: range(t),
                                          range: lhs.range.union(rhs.range)))
        }
        return lhs
    }

    private mutating func parseUnary() -> Expression {
        let t = peek()
        guard t.kind == .minus || t.kind == .bang else { return parsePostfix() }
        guard enter() else { return tooDeep() }
        defer { depth -= 1 }
        advance()
        let operand = parseUnary()
        return .unary(UnaryOperation(op: t.kind == .minus ? .negate : .not, operand: operand,
                                     range: range(t.start, max(t.end, operand.range.end))))
    }

    private mutating func parsePostfix() -> Expression {
        let t = peek()
        if t.kind == .identifier, !isKeyword(t, "true"), !isKeyword(t, "false"), !isKeyword(t, "null") {
            let next = peekKind()
            if next != .openParen && next != .doubleColon {
                // A variable: its steps are collected first so the traversal is built once.
                advance()
                let root = Identifier(text(t), range: range(t))
                guard startsTraversalStep(peek().kind) else {
                    // A bare name: no steps to collect.
                    return .scopeTraversal(ScopeTraversal(root: root, steps: [], range: root.range))
                }
                return parseTraversals(root: root, on: nil)
            }
        }
        let term = parseTerm()
        if case .invalid = term { return term }
        // Most terms (strings, numbers, calls) have no steps: skip building a relative traversal.
        guard startsTraversalStep(peek().kind) else { return term }
        return parseTraversals(root: nil, on: term)
    }

    /// True for `.` and `[`, the tokens `parseTraversals` may consume.
    @inline(__always)
    private func startsTraversalStep(_ kind: TokenKind) -> Bool { kind == .dot || kind == .openBracket }

    /// Attaches `.name`, `[key]`, legacy `.0` and splats to a variable `root` or to `base`.
    private mutating func parseTraversals(root: Identifier?, on base: Expression?) -> Expression {
        var root = root
        var expression = base
        let stepsBase = stepScratch.count // this traversal's pending steps lie above it
        // Each splat wraps the expression before it: one tree level deeper.
        let baseDepth = depth
        defer { depth = baseDepth }
        while true {
            let t = peek()
            if t.kind == .dot {
                if peekKind() == .star {
                    guard enter() else { break }
                    // Attribute-only splat: `.*` then attribute steps apply to each element.
                    let source = build(&root, expression, stepsBase)
                    advance()
                    let star = advance()
                    let each = parseSplatSteps(full: false)
                    let end = each.last?.range.end ?? star.end
                    expression = .splat(Splat(source: source, kind: .attributeOnly, each: each,
                                              markerRange: range(t.start, star.end), range: range(source.range.start, end)))
                    continue
                }
                guard parseDotStep() else { break }
            } else if t.kind == .openBracket {
                if peekKind() == .star, peekKind(after: 2) == .closeBracket {
                    guard enter() else { break }
                    let source = build(&root, expression, stepsBase)
                    advance(); advance()
                    let close = advance()
                    let each = parseSplatSteps(full: true)
                    let end = each.last?.range.end ?? close.end
                    expression = .splat(Splat(source: source, kind: .full, each: each,
                                              markerRange: range(t.start, close.end), range: range(source.range.start, end)))
                    continue
                }
                guard let step = parseIndexStep() else { break }
                stepScratch.push(step)
            } else {
                break
            }
        }
        return build(&root, expression, stepsBase)
    }

    /// The expression so far: a variable traversal with the pending steps, or `base` wrapped in a
    /// relative traversal. Consumes `root` and the steps above `stepsBase`.
    private mutating func build(_ root: inout Identifier?, _ base: Expression?, _ stepsBase: Int) -> Expression {
        defer { root = nil }
        let steps = stepScratch.take(from: stepsBase)
        if let r = root {
            let end = steps.last?.range.end ?? r.range.end
            return .scopeTraversal(ScopeTraversal(root: r, steps: steps, range: range(r.range.start, end)))
        }
        guard let base else { return .invalid(range(previousEnd, previousEnd)) }
        guard let last = steps.last else { return base }
        return .relativeTraversal(RelativeTraversal(source: base, steps: steps, range: range(base.range.start, last.range.end)))
    }

    /// Steps that a splat applies to each element: attributes (and, for `[*]`, indexes) up to the next splat.
    private mutating func parseSplatSteps(full: Bool) -> [TraversalStep] {
        let eachBase = stepScratch.count
        while true {
            let t = peek()
            if t.kind == .dot, peekKind() != .star {
                guard parseDotStep() else { break }
            } else if full, t.kind == .openBracket, !(peekKind() == .star && peekKind(after: 2) == .closeBracket) {
                guard let step = parseIndexStep() else { break }
                stepScratch.push(step)
            } else {
                break
            }
        }
        return stepScratch.take(from: eachBase)
    }

    /// `.name` or legacy `.0` (a number token such as `0.1` after a dot is two legacy indexes),
    /// pushed on the step stack; false after reporting an error.
    private mutating func parseDotStep() -> Bool {
        let dot = advance()
        let t = peek()
        if t.kind == .identifier {
            advance()
            stepScratch.push(.attribute(text(t), range(dot.start, t.end)))
            return true
        }
        if t.kind == .number {
            advance()
            var value = 0
            var digits = 0
            var partStart = dot.start
            var offset = t.start.offset
            var column = t.start.column
            var parts: [(Int, SourcePosition, SourcePosition)] = []
            while offset <= t.end.offset {
                let b: UInt8 = offset < t.end.offset ? buffer[offset] : UInt8(ascii: ".")
                if UTF8Scanning.isDigit(b) {
                    value = min(value &* 10 &+ Int(b - 0x30), 1_000_000_000)
                    digits += 1
                } else if b == UInt8(ascii: "."), digits > 0 {
                    let end = SourcePosition(line: t.start.line, column: column, offset: offset)
                    parts.append((value, partStart, end))
                    partStart = end
                    value = 0; digits = 0
                } else {
                    error("an index after '.' must be a whole number", at: range(t), token: t)
                    return false
                }
                offset += 1; column += 1
            }
            for (value, start, end) in parts { stepScratch.push(.legacyIndex(value, range(start, end))) }
            return true
        }
        error("expected an attribute name after '.', but found \(t.kind.displayName)", at: range(t), token: t)
        return false
    }

    /// `[ key ]`.
    private mutating func parseIndexStep() -> TraversalStep? {
        let open = advance()
        let saved = newlineSensitive
        newlineSensitive = false
        defer { newlineSensitive = saved }
        let key = parseExpression()
        let close = peek()
        guard close.kind == .closeBracket else {
            error("expected ']' to close the index, but found \(close.kind.displayName)", at: range(close), token: close)
            skipPastCloser(.closeBracket)
            return .index(key, range(open.start, previousEnd))
        }
        advance()
        return .index(key, range(open.start, close.end))
    }

    // MARK: terms

    private mutating func parseTerm() -> Expression {
        let t = peek()
        switch t.kind {
        case .number:
            advance()
            return .literal(Literal(.number(numberValue(t), text: text(t)), range: range(t)))
        case .identifier:
            if isKeyword(t, "true") { advance(); return .literal(Literal(.bool(true), range: range(t))) }
            if isKeyword(t, "false") { advance(); return .literal(Literal(.bool(false), range: range(t))) }
            if isKeyword(t, "null") { advance(); return .literal(Literal(.null, range: range(t))) }
            let next = peekKind()
            if next == .openParen || next == .doubleColon { return parseFunctionCall() }
            advance()
            return .scopeTraversal(ScopeTraversal(root: Identifier(text(t), range: range(t)), steps: [], range: range(t)))
        case .openParen:
            advance()
            let saved = newlineSensitive
            newlineSensitive = false
            defer { newlineSensitive = saved }
            let inner = parseExpression()
            let close = peek()
            guard close.kind == .closeParen else {
                error("expected ')' to close the parentheses, but found \(close.kind.displayName)", at: range(close), token: close)
                skipPastCloser(.closeParen)
                return .parenthesized(Parenthesized(inner: inner, range: range(t.start, previousEnd)))
            }
            advance()
            return .parenthesized(Parenthesized(inner: inner, range: range(t.start, close.end)))
        case .openBracket:
            return parseTuple()
        case .openBrace:
            return parseObject()
        case .openQuote:
            return parseQuotedTemplate()
        case .openHeredoc:
            return parseHeredoc()
        default:
            error("expected the start of an expression, but found \(t.kind.displayName)", at: range(t), token: t)
            switch t.kind {
            case .newline, .endOfFile, .closeBrace, .closeBracket, .closeParen, .templateSequenceEnd, .comma, .closeQuote:
                return .invalid(range(t.start, t.start))
            default:
                return skipConstruct()
            }
        }
    }

    private mutating func numberValue(_ t: Token) -> Double {
        // Fast path: up to 15 plain digits are exact in a Double.
        var value: Int64 = 0
        var i = t.start.offset
        let end = t.end.offset
        if end - i <= 15 {
            while i < end, UTF8Scanning.isDigit(buffer[i]) {
                value = value * 10 + Int64(buffer[i] - 0x30)
                i += 1
            }
            if i == end { return Double(value) }
        }
        return Double(rawText(t)) ?? .nan
    }

    private mutating func parseFunctionCall() -> Expression {
        let first = advance()
        var name = text(first)
        var nameEnd = first.end
        while peek().kind == .doubleColon {
            advance()
            let part = peek()
            guard part.kind == .identifier else {
                error("expected a name after '::', but found \(part.kind.displayName)", at: range(part), token: part)
                return .invalid(range(first.start, previousEnd))
            }
            advance()
            name += "::" + text(part)
            nameEnd = part.end
        }
        let open = peek()
        guard open.kind == .openParen else {
            error("expected '(' after the function name \(name)", at: range(open), token: open)
            return .invalid(range(first.start, nameEnd))
        }
        advance()
        let saved = newlineSensitive
        newlineSensitive = false
        defer { newlineSensitive = saved }
        let argumentsBase = expressionScratch.count
        var expandFinal = false
        while true {
            let t = peek()
            if t.kind == .closeParen { break }
            if expandFinal {
                error("the '...' expansion must be on the last argument", at: range(t), token: t)
                skipPastCloser(.closeParen)
                return call(name, first, nameEnd, expressionScratch.take(from: argumentsBase), expandFinal, open, nil)
            }
            expressionScratch.push(parseExpression())
            let after = peek()
            if after.kind == .comma {
                advance()
            } else if after.kind == .ellipsis {
                advance()
                expandFinal = true
                if peek().kind == .comma { advance() }
            } else if after.kind != .closeParen {
                error("expected ',' or ')' after a function argument, but found \(after.kind.displayName)",
                      at: range(after), token: after)
                skipPastCloser(.closeParen)
                return call(name, first, nameEnd, expressionScratch.take(from: argumentsBase), expandFinal, open, nil)
            }
        }
        let close = advance()
        return call(name, first, nameEnd, expressionScratch.take(from: argumentsBase), expandFinal, open, close)
    }

    private mutating func call(_ name: String, _ first: Token, _ nameEnd: SourcePosition, _ arguments: [Expression],
                      _ expandFinal: Bool, _ open: Token, _ close: Token?) -> Expression {
        let closeRange = close.map { range($0) } ?? range(previousEnd, previousEnd)
        return .functionCall(FunctionCall(name: name, nameRange: range(first.start, nameEnd), arguments: arguments,
                                          expandFinal: expandFinal, openParenRange: range(open), closeParenRange: closeRange,
                                          range: range(first.start, closeRange.end)))
    }

    private mutating func parseTuple() -> Expression {
        let open = advance()
        let saved = newlineSensitive
        newlineSensitive = false
        defer { newlineSensitive = saved }
        if isKeyword(peek(), "for") { return parseFor(open: open, object: false) }
        let elementsBase = expressionScratch.count
        while true {
            let t = peek()
            if t.kind == .closeBracket { break }
            expressionScratch.push(parseExpression())
            let after = peek()
            if after.kind == .comma {
                advance()
            } else if after.kind != .closeBracket {
                error("expected ',' or ']' after a tuple element, but found \(after.kind.displayName)", at: range(after), token: after)
                skipPastCloser(.closeBracket)
                return .tuple(TupleConstructor(elements: expressionScratch.take(from: elementsBase), range: range(open.start, previousEnd)))
            }
        }
        let close = advance()
        return .tuple(TupleConstructor(elements: expressionScratch.take(from: elementsBase), range: range(open.start, close.end)))
    }

    private mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    private mutating func parseObject() -> Expression {
        let open = advance()
        let saved = newlineSensitive
        defer { newlineSensitive = saved }
        newlineSensitive = true
        skipNewlines()
        if isKeyword(peek(), "for") {
            newlineSensitive = false
            return parseFor(open: open, object: true)
        }
        let itemsBase = itemScratch.count
        while true {
            newlineSensitive = true
            skipNewlines()
            let t = peek()
            if t.kind == .closeBrace { break }
            let key: ObjectKey
            let afterKey = peekKind()
            if t.kind == .identifier, afterKey == .equals || afterKey == .colon {
                advance()
                key = .name(text(t), range(t))
            } else {
                let keyExpression = parseExpression()
                if case .scopeTraversal(let st) = keyExpression, st.steps.isEmpty {
                    key = .name(st.root.name, st.range)
                } else {
                    key = .expression(keyExpression)
                }
            }
            let separator = peek()
            guard separator.kind == .equals || separator.kind == .colon else {
                error("expected '=' or ':' after the object key, but found \(separator.kind.displayName)",
                      at: range(separator), token: separator)
                skipPastCloser(.closeBrace)
                return .object(ObjectConstructor(items: itemScratch.take(from: itemsBase), range: range(open.start, previousEnd)))
            }
            advance()
            let value = parseExpression()
            itemScratch.push(ObjectItem(key: key, value: value, range: key.range.union(value.range)))
            let after = peek()
            if after.kind == .comma || after.kind == .newline {
                advance()
            } else if after.kind != .closeBrace {
                error("expected a newline or ',' after the object item, but found \(after.kind.displayName)",
                      at: range(after), token: after)
                skipPastCloser(.closeBrace)
                return .object(ObjectConstructor(items: itemScratch.take(from: itemsBase), range: range(open.start, previousEnd)))
            }
        }
        let close = advance()
        return .object(ObjectConstructor(items: itemScratch.take(from: itemsBase), range: range(open.start, close.end)))
    }

    /// `for k, v in collection : ...` after the opening `[` or `{`, up to and including the closer.
    private mutating func parseFor(open: Token, object: Bool) -> Expression {
        let closeKind: TokenKind = object ? .closeBrace : .closeBracket
        advance() // for
        func fail(_ parser: inout Parser) -> Expression {
            parser.skipPastCloser(closeKind)
            return .invalid(parser.range(open.start, parser.previousEnd))
        }
        let first = peek()
        guard first.kind == .identifier else {
            error("expected a variable name after 'for', but found \(first.kind.displayName)", at: range(first), token: first)
            return fail(&self)
        }
        advance()
        var keyVariable: Identifier?
        var valueVariable = Identifier(text(first), range: range(first))
        if peek().kind == .comma {
            advance()
            let second = peek()
            guard second.kind == .identifier else {
                error("expected a second variable name after ',', but found \(second.kind.displayName)", at: range(second), token: second)
                return fail(&self)
            }
            advance()
            keyVariable = valueVariable
            valueVariable = Identifier(text(second), range: range(second))
        }
        let inToken = peek()
        guard isKeyword(inToken, "in") else {
            error("expected 'in' after the for variables, but found \(inToken.kind.displayName)", at: range(inToken), token: inToken)
            return fail(&self)
        }
        advance()
        let collection = parseExpression()
        let colon = peek()
        guard colon.kind == .colon else {
            error("expected ':' after the for collection, but found \(colon.kind.displayName)", at: range(colon), token: colon)
            return fail(&self)
        }
        advance()
        var keyExpression: Expression?
        if object {
            keyExpression = parseExpression()
            let arrow = peek()
            guard arrow.kind == .fatArrow else {
                error("expected '=>' between the key and the value of an object for expression, but found \(arrow.kind.displayName)",
                      at: range(arrow), token: arrow)
                return fail(&self)
            }
            advance()
        }
        let valueExpression = parseExpression()
        var grouping = false
        if object, peek().kind == .ellipsis {
            advance()
            grouping = true
        }
        var condition: Expression?
        if isKeyword(peek(), "if") {
            advance()
            condition = parseExpression()
        }
        let close = peek()
        guard close.kind == closeKind else {
            error("expected '\(object ? "}" : "]")' to close the for expression, but found \(close.kind.displayName)",
                  at: range(close), token: close)
            return fail(&self)
        }
        advance()
        return .forExpression(ForExpression(keyVariable: keyVariable, valueVariable: valueVariable, collection: collection,
                                            keyExpression: keyExpression, valueExpression: valueExpression,
                                            condition: condition, grouping: grouping, range: range(open.start, close.end)))
    }
}
