// The recursive-descent parser core: token access, diagnostics, recovery, and the structural grammar.

import IaCLintCore

struct Parser {
    // Helpers that only read are still declared `mutating`: called from mutating code, a
    // non-mutating method was handed a fresh copy of the whole struct (a memcpy per call).
    /// Nesting deeper than this (brackets, blocks, templates, unary chains) is reported, not followed,
    /// so hostile input cannot overflow the stack. Real Terraform stays well under 30.
    static let maximumDepth = 128

    let tokens: TokenList
    let buffer: UnsafeBufferPointer<UInt8>
    let fileID: SourceFileID
    /// The lexer already reported something that runs to the end of the file.
    let quietAtEndOfFile: Bool
    var index = 0
    var diagnostics: [Diagnostic] = []
    /// In brackets, parentheses and template sequences newlines are insignificant.
    var newlineSensitive = true
    var depth = 0
    /// Set by the first error of a construct; further errors are suppressed until body-level recovery.
    var recovering = false
    var reportedTooDeep = false
    /// The column of the attribute being parsed: skipping after an error stops at a later line that
    /// starts a new item at or left of it (formatted Terraform indents nested content further).
    var recoveryColumn = 0
    var names: NameTable
    var reportedUnclosedBlock = false
    /// The attribute names of the bodies being read, innermost body last (a scoped symbol table):
    /// each entry holds the name's id, the attribute's index in its body and the entry it shadows.
    var bodyNames: [(id: Int32, attribute: Int32, shadowed: Int32)] = []
    /// For each name id, the newest entry in `bodyNames`, or -1. A duplicate attribute is then one
    /// array read instead of hashing or comparing strings.
    var newestNameEntry: [Int32] = []
    /// The elements of the lists being parsed (see `ScratchStack`); freed by `deallocate()`.
    var stepScratch = ScratchStack<TraversalStep>()
    var attributeScratch = ScratchStack<Attribute>()
    var blockScratch = ScratchStack<Block>()
    var itemScratch = ScratchStack<ObjectItem>()
    var expressionScratch = ScratchStack<Expression>()

    init(tokens: TokenList, buffer: UnsafeBufferPointer<UInt8>, fileID: SourceFileID, quietAtEndOfFile: Bool) {
        self.tokens = tokens
        self.buffer = buffer
        self.fileID = fileID
        self.quietAtEndOfFile = quietAtEndOfFile
        names = NameTable(expected: tokens.count / 4)
        bodyNames.reserveCapacity(32)
    }

    /// Frees the parser's own buffers (the syntax tree it returned does not use them).
    func deallocate() {
        names.deallocate()
        stepScratch.deallocate()
        attributeScratch.deallocate()
        blockScratch.deallocate()
        itemScratch.deallocate()
        expressionScratch.deallocate()
    }

    // MARK: tokens

    /// The current token, skipping newlines where they are insignificant.
    @inline(__always)
    mutating func peek() -> Token {
        if !newlineSensitive {
            while tokens[index].kind == .newline { index += 1 }
        }
        return tokens[index]
    }

    /// The kind of the token after the current one (same newline rule).
    mutating func peekKind(after offset: Int = 1) -> TokenKind {
        _ = peek()
        var i = index
        var remaining = offset
        while remaining > 0 {
            if tokens[i].kind == .endOfFile { return .endOfFile }
            i += 1
            if !newlineSensitive { while tokens[i].kind == .newline { i += 1 } }
            remaining -= 1
        }
        return tokens[i].kind
    }

    /// Consumes and returns the current token (never moves past the end of file).
    @discardableResult @inline(__always)
    mutating func advance() -> Token {
        let t = peek()
        if t.kind != .endOfFile { index += 1 }
        return t
    }

    @inline(__always)
    func range(_ t: Token) -> SourceRange { SourceRange(fileID: fileID, start: t.start, end: t.end) }

    @inline(__always)
    func range(_ start: SourcePosition, _ end: SourcePosition) -> SourceRange {
        SourceRange(fileID: fileID, start: start, end: end)
    }

    /// The end of the most recently consumed token.
    var previousEnd: SourcePosition {
        // `mutating` only so that calls from the (mutating) grammar functions pass `self` in place:
        // a non-mutating call from there copied the whole parser struct first.
        mutating get {
        var i = index - 1
        while i > 0, tokens[i].kind == .newline, !newlineSensitive { i -= 1 }
        return i >= 0 ? tokens[i].end : tokens[0].start
        }
    }

    /// The source text of a token, not interned.
    mutating func rawText(_ t: Token) -> String {
        let s = min(max(0, t.start.offset), buffer.count), e = min(max(s, t.end.offset), buffer.count)
        return String(decoding: UnsafeBufferPointer(rebasing: buffer[s..<e]), as: UTF8.self)
    }

    /// The source text of a token, interned: repeated names share one `String`.
    mutating func text(_ t: Token) -> String {
        let s = min(max(0, t.start.offset), buffer.count), e = min(max(s, t.end.offset), buffer.count)
        return names.name(buffer, s, e)
    }

    /// The interned id of a token's text (-1 when empty).
    mutating func nameID(_ t: Token) -> Int {
        let s = min(max(0, t.start.offset), buffer.count), e = min(max(s, t.end.offset), buffer.count)
        return e > s ? names.id(buffer, s, e) : -1
    }

    /// Compares an identifier token with a keyword without allocating. The kind and length test is
    /// inlined (it rejects nearly every token); the byte comparison is not.
    @inline(__always)
    mutating func isKeyword(_ t: Token, _ keyword: StaticString) -> Bool {
        guard t.kind == .identifier, t.length == keyword.utf8CodeUnitCount else { return false }
        return hasBytes(t, keyword)
    }

    private mutating func hasBytes(_ t: Token, _ keyword: StaticString) -> Bool {
        let k = keyword.utf8Start
        var i = 0
        while i < t.length {
            if buffer[t.start.offset + i] != k[i] { return false }
            i += 1
        }
        return true
    }

    // MARK: diagnostics

    /// Reports an error unless one is already being recovered from; the token's own problem
    /// (invalid character, unterminated construct) may have been reported by the lexer.
    mutating func error(_ message: String, at r: SourceRange, token: Token? = nil, detail: String? = nil,
                        related: [RelatedLocation] = []) {
        defer { recovering = true }
        if recovering { return }
        if let t = token {
            if t.kind == .invalid { return }
            if t.kind == .endOfFile && quietAtEndOfFile { return }
        }
        diagnostics.append(.error(message, at: r, detail: detail, related: related))
    }

    mutating func unexpected(_ t: Token, expected: String) {
        error("expected \(expected), but found \(t.kind.displayName)", at: range(t), token: t)
    }

    // MARK: recovery

    private static func opens(_ k: TokenKind) -> Bool {
        switch k {
        case .openBrace, .openBracket, .openParen, .openQuote, .openHeredoc, .templateInterpolation, .templateControl:
            return true
        default:
            return false
        }
    }

    private static func closes(_ k: TokenKind) -> Bool {
        switch k {
        case .closeBrace, .closeBracket, .closeParen, .closeQuote, .closeHeredoc, .templateSequenceEnd:
            return true
        default:
            return false
        }
    }

    /// True when the token at `i` begins a line that looks like a new body item (or the enclosing
    /// block's `}`) at or left of the column of the attribute being recovered.
    mutating func startsItemAtRecoveryColumn(_ i: Int) -> Bool {
        guard recoveryColumn > 0, i + 1 < tokens.count else { return false }
        let t = tokens[i]
        if t.kind == .closeBrace { return t.start.column < recoveryColumn }
        guard t.kind == .identifier, t.start.column <= recoveryColumn else { return false }
        switch tokens[i + 1].kind {
        case .equals, .identifier, .openQuote, .openBrace: return true
        default: return false
        }
    }

    /// Skips to the end of the current line at this nesting level (the newline is not consumed);
    /// stops before a `}` that would close the enclosing block.
    mutating func skipRestOfLine(insideBlock: Bool) {
        var level = 0
        while true {
            let k = tokens[index].kind
            if k == .endOfFile { return }
            if level == 0 {
                if k == .newline { return }
                if k == .closeBrace && insideBlock { return }
            } else if k == .newline, startsItemAtRecoveryColumn(index + 1) {
                return
            }
            if Parser.opens(k) { level += 1 } else if Parser.closes(k), level > 0 { level -= 1 }
            index += 1
        }
    }

    /// Skips tokens up to and including the `closer` that balances an opener already consumed;
    /// stops before an unbalanced closer of another kind.
    mutating func skipPastCloser(_ closer: TokenKind) {
        var level = 0
        while true {
            let k = tokens[index].kind
            if k == .endOfFile { return }
            if k == .newline, startsItemAtRecoveryColumn(index + 1) { return }
            if Parser.opens(k) {
                level += 1
            } else if Parser.closes(k) {
                if level == 0 {
                    // A different closer belongs to an enclosing construct: leave it to that one.
                    if k == closer { index += 1 }
                    return
                }
                level -= 1
            }
            index += 1
        }
    }

    /// Enters one nesting level; false (with one report per file) when the cap is reached.
    @inline(__always)
    mutating func enter() -> Bool {
        if depth >= Parser.maximumDepth { return refuseTooDeep() }
        depth += 1
        return true
    }

    private mutating func refuseTooDeep() -> Bool {
        if !reportedTooDeep {
            reportedTooDeep = true
            let t = peek()
            let saved = recovering
            recovering = false
            error("this is nested too deeply (more than \(Parser.maximumDepth) levels)", at: range(t),
                  detail: "iaclint stops reading nested brackets, blocks and templates beyond this depth.")
            recovering = saved || true
        }
        recovering = true
        return false
    }

    // MARK: structure

    mutating func parseFile() -> Body {
        var body = parseBody(openBlock: nil)
        let start = SourcePosition.start // the file's body spans the whole file, comments included
        let end = tokens[tokens.count - 1].end
        body.range = range(start, end)
        body.endRange = range(end, end)
        return body
    }

    /// The block whose body is being read: for "never closed" errors.
    struct OpenBlock {
        var typeStart: SourcePosition
        var openBrace: Token
    }

    /// Parses attributes and blocks until end of file or (inside a block) the closing `}`, which is left
    /// for the caller.
    mutating func parseBody(openBlock: OpenBlock?) -> Body {
        newlineSensitive = true
        let attributesBase = attributeScratch.count, blocksBase = blockScratch.count
        let namesBase = bodyNames.count
        defer { forgetNames(downTo: namesBase) }
        let startPosition = openBlock.map { $0.openBrace.end } ?? tokens[index].start
        while true {
            recovering = false
            newlineSensitive = true
            let t = peek()
            switch t.kind {
            case .newline:
                index += 1
                continue
            case .endOfFile:
                if let open = openBlock, !reportedUnclosedBlock, !quietAtEndOfFile {
                    reportedUnclosedBlock = true
                    error("this block opened at \(open.typeStart.line):\(open.typeStart.column) is never closed",
                          at: range(open.openBrace), detail: "Add a '}' to close it.")
                }
            case .closeBrace:
                if openBlock == nil {
                    error("unexpected '}'; there is no open block to close", at: range(t), token: t)
                    index += 1
                    continue
                }
            case .identifier:
                parseItem(attributesBase: attributesBase, namesBase: namesBase, insideBlock: openBlock != nil)
                continue
            default:
                error("expected an attribute or block definition, but found \(t.kind.displayName)", at: range(t), token: t)
                skipRestOfLine(insideBlock: openBlock != nil) // always consumes `t`: it is no newline or brace
                continue
            }
            break
        }
        let end = tokens[index].start
        return Body(attributes: attributeScratch.take(from: attributesBase), blocks: blockScratch.take(from: blocksBase),
                    range: range(startPosition, end), endRange: range(end, end))
    }

    /// An identifier at body level: an attribute (`name =`) or a block (`type labels {`).
    /// The body's attributes so far lie above `attributesBase` on the attribute stack.
    private mutating func parseItem(attributesBase: Int, namesBase: Int, insideBlock: Bool) {
        let nameToken = advance()
        let next = peek()
        switch next.kind {
        case .equals:
            // One name lookup gives both the id (for duplicates) and the interned name.
            let nameID = self.nameID(nameToken)
            let attribute = parseAttribute(nameToken: nameToken, name: nameID < 0 ? "" : names.strings[nameID])
            let previous = nameID < 0 ? nil : definedAttribute(nameID, namesBase: namesBase)
            let count = attributeScratch.count - attributesBase
            if let previous, previous < count {
                let first = attributeScratch[attributesBase + previous].nameRange
                let saved = recovering
                recovering = false
                error("an attribute named \(attribute.name) is already defined at \(first.start.line):\(first.start.column)",
                      at: attribute.nameRange, detail: "Each argument may be set only once in a block.",
                      related: [RelatedLocation("first defined here", at: first)])
                recovering = saved
            }
            if previous == nil, nameID >= 0 { rememberName(nameID, attribute: count) }
            attributeScratch.push(consume attribute)
            let savedColumn = recoveryColumn
            recoveryColumn = nameToken.start.column
            finishLine(what: "argument", insideBlock: insideBlock)
            recoveryColumn = savedColumn
        case .identifier, .openQuote, .openBrace:
            if let block = parseBlock(typeToken: nameToken) {
                let neverClosed = block.closeBraceRange.isEmpty
                blockScratch.push(consume block)
                if neverClosed { return } // at end of file
                finishLine(what: "block definition", insideBlock: insideBlock)
            }
        default:
            error("expected '=' or a block body", at: range(next), token: next,
                  detail: "\"\(text(nameToken))\" must be followed by '=' and a value, or by block labels and '{'.")
            skipRestOfLine(insideBlock: insideBlock)
        }
    }

    /// The index of the first attribute of the current body (whose names start at `namesBase` in
    /// `bodyNames`) with this name id.
    private mutating func definedAttribute(_ nameID: Int, namesBase: Int) -> Int? {
        guard nameID < newestNameEntry.count else { return nil }
        let entry = Int(newestNameEntry[nameID])
        guard entry >= namesBase, entry < bodyNames.count else { return nil }
        return Int(bodyNames[entry].attribute)
    }

    /// Records the first definition of a name in the current body.
    private mutating func rememberName(_ nameID: Int, attribute: Int) {
        if newestNameEntry.count <= nameID {
            // Grown to cover every name interned so far, and at least doubled: grown only to the
            // names so far, it was regrown for most new attribute names (5 M instructions on the
            // 10 MB synthetic repository).
            let target = max(nameID + 1, names.count, 2 * newestNameEntry.count, 64)
            newestNameEntry.append(contentsOf: repeatElement(-1, count: target - newestNameEntry.count))
        }
        let shadowed = newestNameEntry[nameID]
        newestNameEntry[nameID] = Int32(truncatingIfNeeded: bodyNames.count)
        bodyNames.append((Int32(truncatingIfNeeded: nameID), Int32(truncatingIfNeeded: attribute), shadowed))
    }

    /// Leaves a body: its names no longer shadow those of the enclosing body.
    private mutating func forgetNames(downTo base: Int) {
        while bodyNames.count > base {
            let entry = bodyNames.removeLast()
            newestNameEntry[Int(entry.id)] = entry.shadowed
        }
    }

    /// After an attribute or block: a newline or the end of the file must follow.
    private mutating func finishLine(what: String, insideBlock: Bool) {
        let t = peek()
        switch t.kind {
        case .newline: index += 1
        case .endOfFile: break
        default:
            error("expected a newline after this \(what); each argument and block must be on its own line",
                  at: range(t), token: t)
            // After a broken value, a `}` on the same line is taken as part of the mistake
            // (`x = }`): the block's real closing brace is usually on a later line.
            skipRestOfLine(insideBlock: insideBlock && !recovering)
        }
    }

    /// `name` is the token's interned text when the caller has it already.
    private mutating func parseAttribute(nameToken: Token, name knownName: String? = nil) -> Attribute {
        advance() // =
        let savedColumn = recoveryColumn
        recoveryColumn = nameToken.start.column
        defer { recoveryColumn = savedColumn }
        let value = parseExpression()
        let name = knownName ?? text(nameToken)
        return Attribute(name: name, nameRange: range(nameToken), expression: value,
                         range: range(nameToken.start, max(value.range.end, nameToken.end)))
    }

    private mutating func parseBlock(typeToken: Token) -> Block? {
        var labels: [BlockLabel] = []
        if peek().kind != .openBrace { labels.reserveCapacity(2) } // resource "type" "name": one allocation
        while true {
            let t = peek()
            if t.kind == .identifier {
                advance()
                labels.append(BlockLabel(value: text(t), range: range(t), isQuoted: false))
            } else if t.kind == .openQuote {
                labels.append(parseLabelString())
            } else {
                break
            }
        }
        let open = peek()
        guard open.kind == .openBrace else {
            if labels.isEmpty {
                error("expected '=' or a block body", at: range(open), token: open)
            } else {
                error("expected '{' to open the block body, but found \(open.kind.displayName)", at: range(open), token: open)
            }
            skipRestOfLine(insideBlock: depth > 0)
            return nil
        }
        advance()
        guard enter() else {
            skipPastCloser(.closeBrace)
            return nil
        }
        defer { depth -= 1 }
        var body: Body
        let first = peek()
        if first.kind == .newline {
            body = parseBody(openBlock: OpenBlock(typeStart: typeToken.start, openBrace: open))
        } else {
            body = parseSingleLineBody(open: open)
        }
        let close = tokens[index]
        let closeRange: SourceRange
        if close.kind == .closeBrace {
            index += 1
            closeRange = range(close)
        } else {
            closeRange = range(close.start, close.start)
        }
        return Block(type: text(typeToken), typeRange: range(typeToken), labels: labels, body: body,
                     openBraceRange: range(open), closeBraceRange: closeRange,
                     range: range(typeToken.start, closeRange.end))
    }

    /// `{ name = value }` or `{}` on one line; the `}` is left for the caller.
    private mutating func parseSingleLineBody(open: Token) -> Body {
        let bodyStart = open.end
        var attributes: [Attribute] = []
        let t = peek()
        if t.kind == .identifier {
            let nameToken = advance()
            let next = peek()
            if next.kind == .equals {
                attributes.append(parseAttribute(nameToken: nameToken))
                let after = peek()
                switch after.kind {
                case .closeBrace:
                    break
                case .comma:
                    error("only one argument is allowed in a single-line block", at: range(after), token: after,
                          detail: "Put each argument on its own line inside the braces.")
                    skipToBlockClose()
                case .newline:
                    error("the closing brace of a single-line block must be on the same line", at: range(after), token: after)
                    skipToBlockClose()
                default:
                    error("expected '}' to close the single-line block, but found \(after.kind.displayName)",
                          at: range(after), token: after)
                    skipToBlockClose()
                }
            } else if next.kind == .identifier || next.kind == .openQuote || next.kind == .openBrace {
                // Find the nested block's `{` for the error range.
                var i = index
                while tokens[i].kind == .identifier || tokens[i].kind == .openQuote || tokens[i].kind == .quotedLiteral
                        || tokens[i].kind == .closeQuote { i += 1 }
                let end = tokens[i].kind == .openBrace ? tokens[i].end : tokens[i].start
                error("a single-line block cannot contain another block", at: range(nameToken.start, end),
                      detail: "Write the outer block over several lines.")
                skipToBlockClose()
            } else {
                error("expected '=' or a block body", at: range(next), token: next)
                skipToBlockClose()
            }
        } else if t.kind != .closeBrace {
            error("expected an argument or '}' in the single-line block, but found \(t.kind.displayName)",
                  at: range(t), token: t)
            skipToBlockClose()
        }
        let end = tokens[index].start
        return Body(attributes: attributes, blocks: [], range: range(bodyStart, end), endRange: range(end, end))
    }

    /// Skips to the `}` closing the current block (not consumed).
    private mutating func skipToBlockClose() {
        var level = 0
        while true {
            let k = tokens[index].kind
            if k == .endOfFile { return }
            if k == .closeBrace && level == 0 { return }
            if Parser.opens(k) { level += 1 } else if Parser.closes(k), level > 0 { level -= 1 }
            index += 1
        }
    }

    /// A quoted block label: literal text only.
    private mutating func parseLabelString() -> BlockLabel {
        let open = advance()
        var value = ""
        var end = open.end
        loop: while true {
            let t = tokens[index]
            switch t.kind {
            case .quotedLiteral:
                index += 1
                value += decodeQuotedLiteral(t)
                end = t.end
            case .closeQuote:
                index += 1
                end = t.end
                break loop
            case .templateInterpolation, .templateControl:
                error("a block label must be a literal string; templates are not allowed here", at: range(t), token: t)
                index += 1
                skipPastCloser(.templateSequenceEnd)
            default:
                break loop
            }
        }
        return BlockLabel(value: value, range: range(open.start, end), isQuoted: true)
    }
}
