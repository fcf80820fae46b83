// Templates: quoted strings and heredocs, escapes, strip markers, flush indentation, if/for directives.

import IaCLintCore

extension Parser {
    /// A template piece before directives are nested.
    enum FlatItem {
        case literal(String, SourceRange, lineStart: Bool)
        case interpolation(Expression, SourceRange, stripLeft: Bool, stripRight: Bool)
        case control(Control, SourceRange, stripLeft: Bool, stripRight: Bool)

        var stripLeft: Bool {
            switch self {
            case .literal: return false
            case .interpolation(_, _, let l, _), .control(_, _, let l, _): return l
            }
        }
        var stripRight: Bool {
            switch self {
            case .literal: return false
            case .interpolation(_, _, _, let r), .control(_, _, _, let r): return r
            }
        }
    }

    enum Control {
        case ifOpen(Expression)
        case elseBranch
        case endIf
        case forOpen(key: Identifier?, value: Identifier, collection: Expression)
        case endFor
        case invalid
    }

    mutating func parseQuotedTemplate() -> Expression {
        let open = advance()
        // Fast path for the common plain string: `"text"` or `""`.
        let first = tokens[index]
        if first.kind == .closeQuote {
            index += 1
            return .template(Template(parts: [], heredoc: nil, range: range(open.start, first.end)))
        }
        if first.kind == .quotedLiteral, tokens[index + 1].kind == .closeQuote {
            let close = tokens[index + 1]
            index += 2
            let text = decodeQuotedLiteral(first)
            let templateRange = range(open.start, close.end)
            if text.isEmpty { return .template(Template(parts: [], heredoc: nil, range: templateRange)) }
            return .template(Template(quotedLiteral: text, partRange: range(first), range: templateRange))
        }
        // Parts are built directly; only directives or strip markers need the flat-item pass.
        var parts: [TemplatePart] = []
        var items: [FlatItem]?
        var end = open.end
        loop: while true {
            let t = tokens[index]
            switch t.kind {
            case .quotedLiteral:
                index += 1
                let text = decodeQuotedLiteral(t)
                if items != nil {
                    items?.append(.literal(text, range(t), lineStart: false))
                } else if !text.isEmpty {
                    parts.append(.literal(text, range(t)))
                }
            case .templateInterpolation, .templateControl:
                let item = parseSequence()
                if items == nil, case .interpolation(let e, let r, false, false) = item {
                    if parts.isEmpty { parts.reserveCapacity(4) }
                    parts.append(.interpolation(TemplateInterpolation(expression: e, range: r)))
                } else {
                    if items == nil { items = Parser.flatItems(parts) }
                    items?.append(item)
                }
            case .closeQuote:
                index += 1
                end = t.end
                break loop
            default:
                // End of file: the lexer reported the unterminated string.
                end = t.start
                break loop
            }
        }
        let templateRange = range(open.start, end)
        if let items { parts = buildParts(items, in: templateRange) }
        return .template(Template(parts: parts, heredoc: nil, range: templateRange))
    }

    static func flatItems(_ parts: [TemplatePart]) -> [FlatItem] {
        parts.compactMap { part -> FlatItem? in
            switch part {
            case .literal(let s, let r): return .literal(s, r, lineStart: false)
            case .interpolation(let i): return .interpolation(i.expression, i.range, stripLeft: false, stripRight: false)
            default: return nil
            }
        }
    }

    mutating func parseHeredoc() -> Expression {
        let open = advance()
        var markerStart = open.start.offset + 2
        let flush = markerStart < buffer.count && buffer[markerStart] == UInt8(ascii: "-")
        if flush { markerStart += 1 }
        var markerEnd = open.end.offset
        while markerEnd > markerStart, buffer[markerEnd - 1] == 0x0A || buffer[markerEnd - 1] == 0x0D { markerEnd -= 1 }
        let marker = String(decoding: UnsafeBufferPointer(rebasing: buffer[markerStart..<markerEnd]), as: UTF8.self)
        var items: [FlatItem] = []
        // Literal runs are decoded after the loop, once the flush indentation is known.
        var runs: [(item: Int, first: Int, last: Int)] = []
        let firstContent = index
        var end = open.end
        loop: while true {
            let t = tokens[index]
            switch t.kind {
            case .heredocLiteral:
                let first = index
                while tokens[index].kind == .heredocLiteral { index += 1 }
                runs.append((items.count, first, index - 1))
                items.append(.literal("", range(tokens[first].start, tokens[index - 1].end), lineStart: false))
            case .templateInterpolation, .templateControl:
                items.append(parseSequence())
            case .closeHeredoc:
                index += 1
                end = t.end
                break loop
            default:
                end = t.start
                break loop
            }
        }
        let indentation = flush ? minimumIndentation(runs, firstContent: firstContent) : 0
        for run in runs {
            guard case .literal(_, let r, _) = items[run.item] else { continue }
            items[run.item] = .literal(decodeHeredocRun(first: run.first, last: run.last, firstContent: firstContent,
                                                        indentation: indentation), r, lineStart: false)
        }
        let templateRange = range(open.start, end)
        return .template(Template(parts: buildParts(items, in: templateRange),
                                  heredoc: Template.Heredoc(marker: marker, flush: flush), range: templateRange))
    }

    /// A template on its own (Terraform evaluates `.tf.json` strings this way): literal text with
    /// `${}` and `%{}` up to the end of the input; only `$${` and `%%{` are escapes.
    mutating func parseStandaloneTemplate() -> Template {
        let start = tokens[index].start
        let firstContent = index
        var items: [FlatItem] = []
        var runs: [(item: Int, first: Int, last: Int)] = []
        loop: while true {
            let t = tokens[index]
            switch t.kind {
            case .heredocLiteral:
                let first = index
                while tokens[index].kind == .heredocLiteral { index += 1 }
                runs.append((items.count, first, index - 1))
                items.append(.literal("", range(tokens[first].start, tokens[index - 1].end), lineStart: false))
            case .templateInterpolation, .templateControl:
                items.append(parseSequence())
            case .endOfFile:
                break loop
            default:
                // A stray token (the lexer returned to expression mode after an unbalanced `}`).
                error("unexpected \(t.kind.displayName) in the template", at: range(t), token: t)
                index += 1
            }
        }
        for run in runs {
            guard case .literal(_, let r, _) = items[run.item] else { continue }
            items[run.item] = .literal(decodeHeredocRun(first: run.first, last: run.last, firstContent: firstContent,
                                                        indentation: 0), r, lineStart: false)
        }
        let templateRange = range(start, tokens[index].end)
        return Template(parts: buildParts(items, in: templateRange), heredoc: nil, range: templateRange)
    }

    /// A heredoc literal token starts a line when it is the first content or follows a full line.
    private mutating func startsLine(_ k: Int, firstContent: Int) -> Bool {
        if k == firstContent { return true }
        let previous = tokens[k - 1]
        return previous.kind == .heredocLiteral && previous.end.offset > 0 && buffer[previous.end.offset - 1] == 0x0A
    }

    /// Leading whitespace of a line as (characters, bytes); `nil` characters for a blank line.
    private mutating func leadingWhitespace(_ t: Token) -> (characters: Int, blank: Bool) {
        var i = t.start.offset
        let end = min(t.end.offset, buffer.count)
        var characters = 0
        while i < end {
            let b = buffer[i]
            if b == 0x20 || b == 0x09 { characters += 1; i += 1; continue }
            if b >= 0x80, let (s, l) = UTF8Scanning.decode(buffer, at: i), Parser.isSpace(s) { characters += 1; i += l; continue }
            break
        }
        let rest = i < end ? buffer[i] : 0
        return (characters, i >= end || rest == 0x0A || rest == 0x0D)
    }

    /// `<<-`: the smallest indentation (in characters) over line-leading literals that are not blank lines.
    private mutating func minimumIndentation(_ runs: [(item: Int, first: Int, last: Int)], firstContent: Int) -> Int {
        var minimum = Int.max
        for run in runs {
            for k in run.first...run.last where startsLine(k, firstContent: firstContent) {
                let t = tokens[k]
                let (characters, blank) = leadingWhitespace(t)
                if blank && buffer[max(t.start.offset, t.end.offset - 1)] == 0x0A { continue }
                minimum = min(minimum, characters)
            }
        }
        return minimum == Int.max ? 0 : minimum
    }

    /// Decodes a run of heredoc literal tokens: removes flush indentation from line starts (like
    /// hclsyntax, removal stops once `indentation` bytes are gone, so a wide space counts fully) and
    /// unescapes `$${` and `%%{`. Heredocs have no backslash escapes.
    private mutating func decodeHeredocRun(first: Int, last: Int, firstContent: Int, indentation: Int) -> String {
        let runStart = tokens[first].start.offset, runEnd = min(tokens[last].end.offset, buffer.count)
        if indentation == 0 {
            var i = runStart
            var plain = true
            while i + 2 < runEnd {
                let b = buffer[i]
                if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && buffer[i + 1] == b && buffer[i + 2] == UInt8(ascii: "{") {
                    plain = false
                    break
                }
                i += 1
            }
            if plain { return String(decoding: UnsafeBufferPointer(rebasing: buffer[runStart..<runEnd]), as: UTF8.self) }
        }
        var out: [UInt8] = []
        out.reserveCapacity(runEnd - runStart)
        for k in first...last {
            let t = tokens[k]
            var i = t.start.offset
            let end = min(t.end.offset, buffer.count)
            if indentation > 0, startsLine(k, firstContent: firstContent) {
                var removed = 0
                while removed < indentation, i < end {
                    let b = buffer[i]
                    if b == 0x20 || b == 0x09 { removed += 1; i += 1; continue }
                    if b >= 0x80, let (s, l) = UTF8Scanning.decode(buffer, at: i), Parser.isSpace(s) { removed += l; i += l; continue }
                    break
                }
            }
            while i < end {
                let b = buffer[i]
                if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")), i + 2 < end, buffer[i + 1] == b, buffer[i + 2] == UInt8(ascii: "{") {
                    out.append(b); out.append(UInt8(ascii: "{")); i += 3
                    continue
                }
                out.append(b)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `${ expr }` or `%{ directive }`, with strip markers.
    private mutating func parseSequence() -> FlatItem {
        let open = tokens[index]
        index += 1
        // A template sequence costs the stack of several expression levels: count it as one more.
        guard enter() else {
            skipPastCloser(.templateSequenceEnd)
            return .interpolation(.invalid(range(open.start, previousEnd)), range(open.start, previousEnd),
                                  stripLeft: false, stripRight: false)
        }
        defer { depth -= 1 }
        let stripLeft = open.length == 3
        let saved = newlineSensitive
        newlineSensitive = false
        defer { newlineSensitive = saved }
        if open.kind == .templateInterpolation {
            let expression = parseExpression()
            let (end, stripRight) = closeSequence(what: "interpolation")
            return .interpolation(expression, range(open.start, end), stripLeft: stripLeft, stripRight: stripRight)
        }
        let keyword = peek()
        var control = Control.invalid
        if isKeyword(keyword, "if") {
            advance()
            control = .ifOpen(parseExpression())
        } else if isKeyword(keyword, "else") {
            advance(); control = .elseBranch
        } else if isKeyword(keyword, "endif") {
            advance(); control = .endIf
        } else if isKeyword(keyword, "endfor") {
            advance(); control = .endFor
        } else if isKeyword(keyword, "for") {
            advance()
            control = parseTemplateForHeader()
        } else {
            error("expected 'if', 'else', 'endif', 'for' or 'endfor' after '%{', but found \(keyword.kind.displayName)",
                  at: range(keyword), token: keyword)
        }
        let (end, stripRight) = closeSequence(what: "directive")
        return .control(control, range(open.start, end), stripLeft: stripLeft, stripRight: stripRight)
    }

    private mutating func parseTemplateForHeader() -> Control {
        let first = peek()
        guard first.kind == .identifier else {
            error("expected a variable name after 'for', but found \(first.kind.displayName)", at: range(first), token: first)
            return .invalid
        }
        advance()
        var key: Identifier?
        var value = Identifier(text(first), range: range(first))
        if peek().kind == .comma {
            advance()
            let second = peek()
            guard second.kind == .identifier else {
                error("expected a second variable name after ',', but found \(second.kind.displayName)", at: range(second), token: second)
                return .invalid
            }
            advance()
            key = value
            value = Identifier(text(second), range: range(second))
        }
        let inToken = peek()
        guard isKeyword(inToken, "in") else {
            error("expected 'in' after the for variables, but found \(inToken.kind.displayName)", at: range(inToken), token: inToken)
            return .invalid
        }
        advance()
        return .forOpen(key: key, value: value, collection: parseExpression())
    }

    /// The `}` or `~}` ending a template sequence; on anything else, reports and skips to it.
    private mutating func closeSequence(what: String) -> (SourcePosition, Bool) {
        let t = peek()
        if t.kind == .templateSequenceEnd {
            advance()
            return (t.end, t.length == 2)
        }
        error("expected '}' to end the template \(what), but found \(t.kind.displayName)", at: range(t), token: t)
        skipPastCloser(.templateSequenceEnd)
        return (previousEnd, false)
    }

    // MARK: literal text

    /// Decodes a quoted literal's escapes (`\n \r \t \" \\ \uNNNN \UNNNNNNNN`) and `$${`/`%%{`.
    mutating func decodeQuotedLiteral(_ t: Token) -> String {
        if !t.hasEscapes { return text(t) } // plain text, as the lexer saw: interned, no second scan
        var found: [Diagnostic] = []
        let s = decodeQuoted(t, diagnostics: &found)
        if !found.isEmpty { diagnostics.append(contentsOf: found) }
        return s
    }

    private mutating func decodeQuoted(_ t: Token, diagnostics found: inout [Diagnostic]) -> String {
        let start = t.start.offset, end = min(t.end.offset, buffer.count)
        var plain = true
        var i = start
        while i < end {
            let b = buffer[i]
            if b == UInt8(ascii: "\\") || ((b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && i + 1 < end && buffer[i + 1] == b) {
                plain = false
                break
            }
            i += 1
        }
        if plain { return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        i = start
        while i < end {
            let b = buffer[i]
            if b == UInt8(ascii: "\\"), i + 1 < end {
                let e = buffer[i + 1]
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A); i += 2
                case UInt8(ascii: "r"): out.append(0x0D); i += 2
                case UInt8(ascii: "t"): out.append(0x09); i += 2
                case UInt8(ascii: "\""): out.append(e); i += 2
                case UInt8(ascii: "\\"): out.append(e); i += 2
                case UInt8(ascii: "u"), UInt8(ascii: "U"):
                    let digits = e == UInt8(ascii: "u") ? 4 : 8
                    var value: UInt32 = 0
                    var k = 0
                    while k < digits, i + 2 + k < end, let h = hexValue(buffer[i + 2 + k]) {
                        value = value << 4 | UInt32(h)
                        k += 1
                    }
                    if k == digits, let scalar = Unicode.Scalar(value) {
                        out.append(contentsOf: String(Character(scalar)).utf8)
                        i += 2 + digits
                    } else {
                        found.append(.error("invalid unicode escape; \\\(e == UInt8(ascii: "u") ? "u" : "U") needs \(digits) hexadecimal digits naming a valid character",
                                            at: positionRange(t, i, min(end, i + 2 + k))))
                        out.append(contentsOf: buffer[i..<min(end, i + 2 + k)])
                        i += 2 + k
                    }
                default:
                    found.append(.error("invalid escape sequence \\\(String(decoding: [e], as: UTF8.self))",
                                        at: positionRange(t, i, i + 2),
                                        detail: "Valid escapes are \\n \\r \\t \\\" \\\\ \\uNNNN and \\UNNNNNNNN."))
                    out.append(b); out.append(e); i += 2
                }
            } else if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")), i + 2 < end, buffer[i + 1] == b,
                      buffer[i + 2] == UInt8(ascii: "{") {
                out.append(b); out.append(UInt8(ascii: "{")); i += 3
            } else {
                out.append(b); i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - 0x30
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - 0x61 + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - 0x41 + 10
        default: return nil
        }
    }

    /// A range inside a single-line token from byte offsets (quoted literals never span lines).
    private mutating func positionRange(_ t: Token, _ from: Int, _ to: Int) -> SourceRange {
        func position(_ offset: Int) -> SourcePosition {
            var column = t.start.column
            var o = t.start.offset
            while o < offset, o < buffer.count {
                if buffer[o] & 0xC0 != 0x80 { column += 1 }
                o += 1
            }
            return SourcePosition(line: t.start.line, column: column, offset: offset)
        }
        return range(position(from), position(to))
    }

    // MARK: flush heredocs, strip markers, directive nesting

    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s != "\n" && s != "\r" && s.properties.isWhitespace
    }

    private static func trimLeading(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while let s = scalars.first, s.properties.isWhitespace { scalars = scalars.dropFirst() }
        return String(String.UnicodeScalarView(scalars))
    }

    private static func trimTrailing(_ text: String) -> String {
        var scalars = text.unicodeScalars[...]
        while let s = scalars.last, s.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Joins runs of literal pieces (heredoc lines) into one literal, copying each byte once.
    static func mergeAdjacentLiterals(_ items: [FlatItem]) -> [FlatItem] {
        var hasRun = false
        var previousWasLiteral = false
        for item in items {
            let isLiteral: Bool
            if case .literal = item { isLiteral = true } else { isLiteral = false }
            if isLiteral && previousWasLiteral { hasRun = true; break }
            previousWasLiteral = isLiteral
        }
        guard hasRun else { return items }
        var result: [FlatItem] = []
        var text = ""
        var textRange: SourceRange?
        for item in items {
            if case .literal(let piece, let r, _) = item {
                text += piece
                textRange = textRange.map { $0.union(r) } ?? r
                continue
            }
            if let r = textRange {
                result.append(.literal(text, r, lineStart: false))
                text = ""
                textRange = nil
            }
            result.append(item)
        }
        if let r = textRange { result.append(.literal(text, r, lineStart: false)) }
        return result
    }

    /// A directive being filled while nesting the flat items.
    private struct OpenDirective {
        var control: Control
        var range: SourceRange
        var parts: [TemplatePart] = []
        var elseParts: [TemplatePart]?
    }

    /// Applies strip markers, merges adjacent literals and nests `if`/`for` directives (iteratively).
    mutating func buildParts(_ flatItems: [FlatItem], in templateRange: SourceRange) -> [TemplatePart] {
        let items = Parser.mergeAdjacentLiterals(flatItems)
        // Fast path: no directives and no strip markers, so only adjacent literals need merging.
        if !items.contains(where: { if case .literal = $0 { return false }; if case .interpolation(_, _, false, false) = $0 { return false }; return true }) {
            var parts: [TemplatePart] = []
            parts.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .literal(let text, let r, _):
                    if text.isEmpty { continue }
                    if case .literal(let previous, let pr)? = parts.last {
                        parts[parts.count - 1] = .literal(previous + text, pr.union(r))
                    } else {
                        parts.append(.literal(text, r))
                    }
                case .interpolation(let e, let r, _, _):
                    parts.append(.interpolation(TemplateInterpolation(expression: e, range: r)))
                case .control:
                    break
                }
            }
            return parts
        }
        var stack: [OpenDirective] = [OpenDirective(control: .invalid, range: templateRange)]
        func append(_ part: TemplatePart, to stack: inout [OpenDirective]) {
            let top = stack.count - 1
            if stack[top].elseParts != nil {
                stack[top].elseParts?.append(part)
            } else {
                if case .literal(let text, let r) = part, case .literal(let previous, let pr)? = stack[top].parts.last {
                    stack[top].parts[stack[top].parts.count - 1] = .literal(previous + text, pr.union(r))
                    return
                }
                stack[top].parts.append(part)
            }
        }
        for k in items.indices {
            switch items[k] {
            case .literal(var text, let r, _):
                if k > 0, items[k - 1].stripRight { text = Parser.trimLeading(text) }
                if k + 1 < items.count, items[k + 1].stripLeft { text = Parser.trimTrailing(text) }
                if !text.isEmpty { append(.literal(text, r), to: &stack) }
            case .interpolation(let e, let r, _, _):
                append(.interpolation(TemplateInterpolation(expression: e, range: r)), to: &stack)
            case .control(let control, let r, _, _):
                switch control {
                case .ifOpen, .forOpen:
                    stack.append(OpenDirective(control: control, range: r))
                case .elseBranch:
                    if stack.count > 1, case .ifOpen = stack[stack.count - 1].control, stack[stack.count - 1].elseParts == nil {
                        stack[stack.count - 1].elseParts = []
                    } else {
                        error("%{else} without a matching %{if}", at: r)
                    }
                case .endIf:
                    if stack.count > 1, case .ifOpen(let condition) = stack[stack.count - 1].control {
                        let d = stack.removeLast()
                        append(.ifDirective(TemplateIf(condition: condition, thenParts: d.parts, elseParts: d.elseParts,
                                                       range: d.range.union(r))), to: &stack)
                    } else {
                        error("%{endif} without a matching %{if}", at: r)
                    }
                case .endFor:
                    if stack.count > 1, case .forOpen(let key, let value, let collection) = stack[stack.count - 1].control {
                        let d = stack.removeLast()
                        append(.forDirective(TemplateFor(keyVariable: key, valueVariable: value, collection: collection,
                                                         bodyParts: d.parts, range: d.range.union(r))), to: &stack)
                    } else {
                        error("%{endfor} without a matching %{for}", at: r)
                    }
                case .invalid:
                    break
                }
            }
        }
        while stack.count > 1 {
            let d = stack.removeLast()
            switch d.control {
            case .ifOpen(let condition):
                error("this %{if} is never closed; expected %{endif}", at: d.range)
                append(.ifDirective(TemplateIf(condition: condition, thenParts: d.parts, elseParts: d.elseParts, range: d.range)), to: &stack)
            case .forOpen(let key, let value, let collection):
                error("this %{for} is never closed; expected %{endfor}", at: d.range)
                append(.forDirective(TemplateFor(keyVariable: key, valueVariable: value, collection: collection,
                                                 bodyParts: d.parts, range: d.range)), to: &stack)
            default:
                break
            }
        }
        return stack[0].parts
    }
}
