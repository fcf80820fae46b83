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
        var items: [FlatItem] = []
        var end = open.end
        loop: while true {
            let t = tokens[index]
            switch t.kind {
            case .quotedLiteral:
                index += 1
                items.append(.literal(decodeQuotedLiteral(t), range(t), lineStart: false))
            case .templateInterpolation, .templateControl:
                items.append(parseSequence())
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
        return .template(Template(parts: buildParts(items, in: templateRange), heredoc: nil, range: templateRange))
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
        var atLineStart = true
        var end = open.end
        loop: while true {
            let t = tokens[index]
            switch t.kind {
            case .heredocLiteral:
                index += 1
                items.append(.literal(decodeHeredocLiteral(t), range(t), lineStart: atLineStart))
                atLineStart = t.end.offset > 0 && buffer[t.end.offset - 1] == 0x0A
            case .templateInterpolation, .templateControl:
                items.append(parseSequence())
                atLineStart = false
            case .closeHeredoc:
                index += 1
                end = t.end
                break loop
            default:
                end = t.start
                break loop
            }
        }
        if flush { removeIndentation(&items) }
        let templateRange = range(open.start, end)
        return .template(Template(parts: buildParts(items, in: templateRange),
                                  heredoc: Template.Heredoc(marker: marker, flush: flush), range: templateRange))
    }

    /// `${ expr }` or `%{ directive }`, with strip markers.
    private mutating func parseSequence() -> FlatItem {
        let open = tokens[index]
        index += 1
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
        var found: [Diagnostic] = []
        let s = decodeQuoted(t, diagnostics: &found)
        diagnostics.append(contentsOf: found)
        return s
    }

    private func decodeQuoted(_ t: Token, diagnostics found: inout [Diagnostic]) -> String {
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

    /// Heredocs have no backslash escapes; only `$${` and `%%{` are unescaped.
    func decodeHeredocLiteral(_ t: Token) -> String {
        let start = t.start.offset, end = min(t.end.offset, buffer.count)
        var out: [UInt8] = []
        var i = start
        var changed = false
        while i < end {
            let b = buffer[i]
            if (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")), i + 2 < end, buffer[i + 1] == b, buffer[i + 2] == UInt8(ascii: "{") {
                if !changed { out.append(contentsOf: buffer[start..<i]); changed = true }
                out.append(b); out.append(UInt8(ascii: "{")); i += 3
                continue
            }
            if changed { out.append(b) }
            i += 1
        }
        if !changed { return String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<end]), as: UTF8.self) }
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
    private func positionRange(_ t: Token, _ from: Int, _ to: Int) -> SourceRange {
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

    private static func isSpace(_ s: Unicode.Scalar) -> Bool {
        s != "\n" && s != "\r" && s.properties.isWhitespace
    }

    /// `<<-`: finds the smallest leading indentation (in characters) of the lines that start with
    /// literal text and are not blank, then removes that much from every line start.
    private func removeIndentation(_ items: inout [FlatItem]) {
        var minimum = Int.max
        for item in items {
            guard case .literal(let text, _, true) = item else { continue }
            var spaces = 0
            var blank = true
            for s in text.unicodeScalars {
                if Parser.isSpace(s) { spaces += 1; continue }
                blank = s == "\n" || s == "\r"
                break
            }
            if blank && text.hasSuffix("\n") { continue } // an empty or whitespace-only line
            minimum = min(minimum, spaces)
        }
        guard minimum != Int.max, minimum > 0 else { return }
        for k in items.indices {
            guard case .literal(let text, let r, true) = items[k] else { continue }
            // Like hclsyntax, removal stops once `minimum` bytes are gone (a wide space counts fully).
            var removedBytes = 0
            var scalars = Substring(text).unicodeScalars[...]
            while removedBytes < minimum, let s = scalars.first, Parser.isSpace(s) {
                removedBytes += String(s).utf8.count
                scalars = scalars.dropFirst()
            }
            items[k] = .literal(String(String.UnicodeScalarView(scalars)), r, lineStart: true)
        }
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

    /// A directive being filled while nesting the flat items.
    private struct OpenDirective {
        var control: Control
        var range: SourceRange
        var parts: [TemplatePart] = []
        var elseParts: [TemplatePart]?
    }

    /// Applies strip markers, merges adjacent literals and nests `if`/`for` directives (iteratively).
    mutating func buildParts(_ items: [FlatItem], in templateRange: SourceRange) -> [TemplatePart] {
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
