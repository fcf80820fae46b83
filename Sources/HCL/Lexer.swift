// The HCL scanner: bytes to tokens, comments and lexical diagnostics, in one pass over the buffer.

import IaCLintCore

/// What the lexer produces for one file.
public struct LexedFile: Sendable {
    public var tokens: [Token]
    public var comments: [Comment]
    public var diagnostics: [Diagnostic]
    /// True when a string, heredoc, comment or interpolation runs to the end of the file
    /// (the parser then stays quiet about the end of file, which would only repeat it).
    public var endsUnterminated: Bool
}

public enum HCLLexer {
    /// Splits a file into tokens. Never fails; problems become diagnostics and `.invalid` tokens.
    public static func tokenize(_ bytes: [UInt8], path: String) -> LexedFile {
        // The lexer finds the line starts itself: no `SourceFile` line index is needed.
        lex(bytes, fileID: SourceFileID(path), lineStarts: nil, range: nil, template: false) { _, tokens, lexed, _ in
            LexedFile(tokens: tokens.copyToArray(), comments: lexed.comments, diagnostics: lexed.diagnostics,
                      endsUnterminated: lexed.endsUnterminated)
        }
    }

    /// Splits a file into tokens, reusing the file's line index for positions.
    public static func tokenize(_ source: SourceFile) -> LexedFile {
        tokenize(source, range: nil, template: false)
    }

    static func tokenize(_ source: SourceFile, range: Range<Int>?, template: Bool) -> LexedFile {
        lex(source, range: range, template: template) { _, tokens, lexed in
            LexedFile(tokens: tokens.copyToArray(), comments: lexed.comments, diagnostics: lexed.diagnostics,
                      endsUnterminated: lexed.endsUnterminated)
        }
    }

    /// Lexes `source` and hands `body` the file's bytes and the tokens in the lexer's own buffer
    /// (valid only during the call): the parser reads them there instead of from a copied array.
    /// `lexed.tokens` is empty; the tokens are in `tokens`.
    static func lex<R>(_ source: SourceFile, range: Range<Int>?, template: Bool,
                       _ body: (UnsafeBufferPointer<UInt8>, TokenList, LexedFile) -> R) -> R {
        lex(source.bytes, fileID: source.fileID, lineStarts: source.lineStarts, range: range, template: template) { buffer, tokens, lexed, _ in
            body(buffer, tokens, lexed)
        }
    }

    /// Like `lex(_:range:template:_:)`; with `lineStarts` nil the lexer finds the line starts itself as
    /// it passes each newline and hands them to `body` (the whole of `bytes` must then be lexed).
    static func lex<R>(_ bytes: [UInt8], fileID: SourceFileID, lineStarts: [Int]?, range: Range<Int>?, template: Bool,
                       _ body: (UnsafeBufferPointer<UInt8>, TokenList, LexedFile, [Int]) -> R) -> R {
        bytes.withUnsafeBufferPointer { buffer in
            var lexer = Lexer(buffer: buffer, fileID: fileID, lineStarts: lineStarts, range: range, template: template)
            defer {
                lexer.frames.deallocate()
                lexer.tokens.deallocate()
                lexer.recordedLineStarts.deallocate()
            }
            lexer.run()
            let lexed = LexedFile(tokens: [], comments: lexer.comments, diagnostics: lexer.diagnostics,
                                  endsUnterminated: lexer.endsUnterminated)
            let lines = lineStarts ?? Array(lexer.recordedLineStarts.view) // one copy at memcpy speed
            return body(buffer, TokenList(buffer: lexer.tokens.view), lexed, lines)
        }
    }
}

/// Tokens in the lexer's buffer as the parser reads them, bounds-checked like an array.
struct TokenList {
    let buffer: UnsafeBufferPointer<Token>

    var count: Int { buffer.count }

    @inline(__always)
    subscript(index: Int) -> Token {
        precondition(index >= 0 && index < buffer.count, "token index out of range")
        return buffer[index]
    }

    func copyToArray() -> [Token] { Array(buffer) }
}

/// A lexer mode frame: the scanner is in expression mode unless the top frame is a template.
private enum Frame {
    /// `{` of an object or block: its `}` is an ordinary brace.
    case brace
    /// `${` or `%{`: the matching `}` ends the sequence and returns to the template below.
    case sequence(openToken: Int)
    /// Inside `"..."`.
    case quoted(openToken: Int)
    /// Inside a heredoc whose marker is `buffer[markerStart..<markerEnd]`.
    case heredoc(openToken: Int, markerStart: Int, markerEnd: Int, atLineStart: Bool)
}

struct Lexer {
    // Helpers that only read are still declared `mutating`: called from mutating code, a
    // non-mutating method was handed a fresh copy of the whole struct (a memcpy per call).
    let buffer: UnsafeBufferPointer<UInt8>
    let count: Int
    let fileID: SourceFileID
    var index = 0
    /// Tokens are appended to a raw buffer and copied out once at the end: an array append paid a
    /// uniqueness check (a runtime call) per token.
    var tokens: ScratchStack<Token>
    var comments: [Comment] = []
    var diagnostics: [Diagnostic] = []
    var endsUnterminated = false
    /// Changed only through `push` and `pop`, which keep `inTemplate` current.
    fileprivate var frames = FrameStack()
    /// Cached so the main loop does not inspect the frame stack for every expression token.
    private var inTemplate = false

    @inline(__always)
    private mutating func push(_ frame: Frame) {
        frames.push(frame)
        updateInTemplate()
    }

    @inline(__always)
    @discardableResult
    private mutating func pop() -> Frame? {
        let frame = frames.pop()
        updateInTemplate()
        return frame
    }

    @inline(__always)
    private mutating func updateInTemplate() {
        switch frames.last {
        case .quoted?, .heredoc?: inTemplate = true
        default: inTemplate = false
        }
    }

    // Incremental position cursor: tokens are positioned in increasing offset order. The line comes
    // from the file's line index; in an all-ASCII file the column is plain arithmetic.
    /// The file's line index when the caller has one (lexing part of a file)...
    private let givenLineStarts: [Int]
    /// ...or, when lexing a whole file, the line starts found so far: the lexer passes every newline
    /// and records the next line's start before positioning anything after it. That replaced a
    /// separate pair of `memchr` passes over the file (about 35 M instructions of 3,100 M on the
    /// 10 MB synthetic repository: lines are ~30 bytes, so the per-call overhead dominated).
    var recordedLineStarts: ScratchStack<Int>
    private let recordsLines: Bool
    private var lineCount: Int { recordsLines ? recordedLineStarts.count : givenLineStarts.count }
    @inline(__always)
    private func lineStart(_ k: Int) -> Int { recordsLines ? recordedLineStarts[k] : givenLineStarts[k] }
    private var allASCII = true
    private var cursorLineIndex = 0
    private var cursorOffset = 0
    private var currentLineStart = 0
    private var nextLineStart = Int.max
    private var cursorColumnOffset = 0
    private var cursorColumn = 1

    /// Invalid UTF-8 sequences, reported once up front; the scanner skips them quietly.
    private var invalidUTF8Ends: [Int: Int] = [:]

    /// `range` limits scanning to part of the buffer (offsets stay those of the whole file);
    /// `template` starts in standalone template mode (text, `${}` and `%{}`, no quotes or escapes).
    /// `lineStarts` nil: the whole buffer is lexed and the lexer records the line starts (`recordedLineStarts`).
    init(buffer: UnsafeBufferPointer<UInt8>, fileID: SourceFileID, lineStarts: [Int]?, range: Range<Int>? = nil, template: Bool = false) {
        self.buffer = buffer
        let lower = min(max(0, range?.lowerBound ?? 0), buffer.count)
        self.count = min(max(lower, range?.upperBound ?? buffer.count), buffer.count)
        self.index = lower
        self.fileID = fileID
        if let lineStarts {
            recordsLines = false
            givenLineStarts = lineStarts.isEmpty ? [0] : lineStarts
            recordedLineStarts = ScratchStack()
            nextLineStart = givenLineStarts.count > 1 ? givenLineStarts[1] : Int.max
        } else {
            precondition(range == nil, "line starts are recorded only when the whole file is lexed")
            recordsLines = true
            givenLineStarts = []
            // Terraform averages about 30 bytes a line; the stack grows if a file has more lines.
            recordedLineStarts = ScratchStack(capacity: buffer.count / 24 + 8)
            recordedLineStarts.push(0)
            nextLineStart = Int.max
        }
        tokens = ScratchStack(capacity: (count - lower) / 5 + 16)
        if template {
            // A heredoc without a closing marker: it runs to the end of the input.
            frames.push(.heredoc(openToken: -1, markerStart: 0, markerEnd: 0, atLineStart: true))
            inTemplate = true
        }
    }

    mutating func run() {
        let start = index
        let scanned = UnsafeBufferPointer(rebasing: buffer[start..<count])
        allASCII = UTF8Scanning.isASCII(scanned)
        let invalid = allASCII ? [] : UTF8Scanning.invalidSequences(scanned, limit: 20).map { (offset: $0.offset + start, length: $0.length) }
        for (offset, length) in invalid {
            invalidUTF8Ends[offset] = offset + length
        }
        if !invalid.isEmpty, !recordsLines { reportInvalidUTF8(invalid) }
        while index < count {
            guard inTemplate else {
                lexExpressionToken()
                continue
            }
            switch frames.last {
            case .quoted(let open)?:
                lexQuoted(openToken: open)
            case .heredoc(let open, let markerStart, let markerEnd, let atLineStart)?:
                lexHeredoc(openToken: open, markerStart: markerStart, markerEnd: markerEnd, atLineStart: atLineStart)
            default:
                lexExpressionToken()
            }
        }
        // Anything still open at the end of the file is unterminated.
        while let frame = pop() {
            switch frame {
            case .brace:
                continue
            case .sequence(let open):
                endsUnterminated = true
                if let t = token(open) {
                    diagnostics.append(.error("unterminated template sequence; expected '}'", at: t.range(in: fileID)))
                }
            case .quoted(let open):
                endsUnterminated = true
                if let t = token(open) {
                    diagnostics.append(.error("unterminated string", at: SourceRange(fileID: fileID, start: t.start, end: position(count)),
                                              detail: "A quoted string must end with '\"' on the same line."))
                }
            case .heredoc(let open, let markerStart, let markerEnd, _):
                if open < 0 { continue } // a standalone template simply ends with the input
                endsUnterminated = true
                let marker = String(decoding: UnsafeBufferPointer(rebasing: buffer[markerStart..<markerEnd]), as: UTF8.self)
                if let t = token(open) {
                    diagnostics.append(.error("unterminated heredoc; expected a line containing only \(marker)",
                                              at: t.range(in: fileID)))
                }
            }
        }
        let end = position(count)
        tokens.push(Token(kind: .endOfFile, start: end, end: end))
        // Reported first, as above, once the recorded line starts can place it.
        if !invalid.isEmpty, recordsLines { reportInvalidUTF8(invalid) }
    }

    /// One report for the file's invalid UTF-8, at the first sequence, ahead of the other diagnostics.
    private mutating func reportInvalidUTF8(_ invalid: [(offset: Int, length: Int)]) {
        let first = invalid[0]
        diagnostics.insert(.error("invalid UTF-8", at: slowRange(first.offset, first.offset + first.length),
                                  detail: "The file must be UTF-8 encoded; this byte sequence is not valid UTF-8."
                                    + (invalid.count > 1 ? " \(invalid.count >= 20 ? "At least 20" : "\(invalid.count)") invalid sequences in total." : "")),
                           at: 0)
    }

    private mutating func token(_ i: Int) -> Token? { i >= 0 && i < tokens.count ? tokens[i] : nil }

    // MARK: positions

    /// The position of `offset`, advancing the cursor; offsets must not go backwards.
    @inline(__always)
    mutating func position(_ offset: Int) -> SourcePosition {
        let o = min(offset, count)
        if o < cursorOffset { return lookBack(o) }
        if o >= nextLineStart { advanceLine(to: o) }
        let column: Int
        if allASCII {
            column = o &- currentLineStart &+ 1
        } else {
            column = nonASCIIColumn(o)
        }
        cursorOffset = o
        return Lexer.makePosition(line: cursorLineIndex &+ 1, column: column, offset: o)
    }

    /// `SourcePosition(line:column:offset:)` without the call: the optimiser keeps that cross-module
    /// initializer outlined (about 20 instructions, made twice per token). A position is three 32-bit
    /// fields in this order; `HCLLexerTests.testPositionsMatchTheCoreInitializer` checks it.
    @inline(__always)
    static func makePosition(line: Int, column: Int, offset: Int) -> SourcePosition {
        // Callers pass non-negative values; only the top is clamped, as the initializer does.
        let fields = (UInt32(truncatingIfNeeded: min(line, 0xFFFF_FFFF)),
                      UInt32(truncatingIfNeeded: min(column, 0xFFFF_FFFF)),
                      UInt32(truncatingIfNeeded: min(offset, 0xFFFF_FFFF)))
        return unsafeBitCast(fields, to: SourcePosition.self)
    }

    /// Records that a line starts at `start`, just past a newline the lexer is passing. Called before
    /// anything at or after `start` is positioned, once per newline, in order.
    @inline(__always)
    private mutating func lineBreak(before start: Int) {
        guard recordsLines else { return }
        recordedLineStarts.push(start)
        // The cursor was on the last known line: this is the line after it.
        if nextLineStart == Int.max { nextLineStart = start }
    }

    /// `lineBreak(before:)` for every newline in `buffer[from..<to]` (comments that span lines).
    private mutating func lineBreaks(from: Int, to: Int) {
        var j = from
        while j < to {
            if buffer[j] == 0x0A { lineBreak(before: j + 1) }
            j += 1
        }
    }

    /// Moves the cursor's line forward so that `o` lies on it.
    private mutating func advanceLine(to o: Int) {
        var lineIndex = cursorLineIndex
        let lines = lineCount
        while lineIndex + 1 < lines, lineStart(lineIndex + 1) <= o { lineIndex += 1 }
        cursorLineIndex = lineIndex
        currentLineStart = lineStart(lineIndex)
        nextLineStart = lineIndex + 1 < lines ? lineStart(lineIndex + 1) : Int.max
        cursorColumnOffset = currentLineStart
        cursorColumn = 1
    }

    /// Scalar-counting column for files with multi-byte characters, continuing from the last one.
    private mutating func nonASCIIColumn(_ o: Int) -> Int {
        var from = cursorColumnOffset, column = cursorColumn
        while from < o {
            if buffer[from] & 0xC0 != 0x80 { column += 1 }
            from += 1
        }
        cursorColumnOffset = o
        cursorColumn = column
        return column
    }

    /// A position behind the cursor (error ranges that look back). On the cursor's line it counts
    /// from the cursor; rescanning from the file start here made binary files quadratic.
    private mutating func lookBack(_ offset: Int) -> SourcePosition {
        let target = max(0, offset)
        guard target >= currentLineStart else { return slowPosition(target) }
        if allASCII { return SourcePosition(line: cursorLineIndex + 1, column: target - currentLineStart + 1, offset: target) }
        var from = cursorColumnOffset, column = cursorColumn
        while from > target { from -= 1; if buffer[from] & 0xC0 != 0x80 { column -= 1 } }
        while from < target { if buffer[from] & 0xC0 != 0x80 { column += 1 }; from += 1 }
        return SourcePosition(line: cursorLineIndex + 1, column: column, offset: target)
    }

    /// Position on an earlier line: the line from the line table, the column counted on that line.
    private mutating func slowPosition(_ offset: Int) -> SourcePosition {
        let end = min(max(0, offset), count)
        var lo = 0, hi = lineCount - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStart(mid) <= end { lo = mid } else { hi = mid - 1 }
        }
        var column = 1, o = lineCount == 0 ? 0 : lineStart(lo)
        while o < end {
            if buffer[o] & 0xC0 != 0x80 { column += 1 }
            o += 1
        }
        return SourcePosition(line: lo + 1, column: column, offset: end)
    }

    private mutating func slowRange(_ start: Int, _ end: Int) -> SourceRange {
        SourceRange(fileID: fileID, start: slowPosition(start), end: slowPosition(end))
    }

    private mutating func range(_ start: Int, _ end: Int) -> SourceRange {
        let s = position(start)
        return SourceRange(fileID: fileID, start: s, end: position(end))
    }

    @inline(__always)
    private func byte(_ i: Int) -> UInt8 { i >= 0 && i < count ? buffer[i] : 0 }

    @inline(__always)
    private mutating func emit(_ kind: TokenKind, _ start: Int, _ end: Int) {
        tokens.push(makeToken(kind, start, end))
    }

    /// A token from `start` to `end`, positioned (the cursor moves to `end`).
    @inline(__always)
    private mutating func makeToken(_ kind: TokenKind, _ start: Int, _ end: Int) -> Token {
        if allASCII && start >= cursorOffset && start >= currentLineStart && start <= end && end < nextLineStart
            && end <= count {
            // Most tokens lie on the cursor's line: both positions are plain arithmetic from its start
            // (skipping `position`'s clamps and checks saved ~10 instructions a token).
            let line = cursorLineIndex &+ 1
            let s = Lexer.makePosition(line: line, column: start &- currentLineStart &+ 1, offset: start)
            let e = Lexer.makePosition(line: line, column: end &- currentLineStart &+ 1, offset: end)
            cursorOffset = end
            return Token(kind: kind, start: s, end: e)
        }
        let s = position(start)
        let e: SourcePosition
        if allASCII && end >= start && end <= count && end < nextLineStart {
            // Most tokens end on the line they start on: the end is the start moved right.
            e = Lexer.makePosition(line: cursorLineIndex &+ 1, column: end &- currentLineStart &+ 1, offset: end)
            cursorOffset = end
        } else {
            e = position(end)
        }
        return Token(kind: kind, start: s, end: e)
    }

    /// A newline token (`\n` or `\r\n`) ending at `end`, the start of the next line. When the lexer
    /// records the line starts, the cursor moves onto that line directly: `advanceLine`'s search (an
    /// out-of-line call per line) is only needed for tokens that span lines.
    @inline(__always)
    private mutating func newline(_ start: Int, _ end: Int) {
        guard recordsLines else {
            emit(.newline, start, end)
            return
        }
        let s: SourcePosition
        if allASCII, nextLineStart == Int.max, start >= cursorOffset, start >= currentLineStart {
            // The usual case: the cursor is on this newline's line, the last one recorded.
            recordedLineStarts.push(end)
            s = Lexer.makePosition(line: cursorLineIndex &+ 1, column: start &- currentLineStart &+ 1, offset: start)
        } else {
            lineBreak(before: end)
            s = position(start)
        }
        // `start` is on the line before `end`'s, so the line just recorded is the cursor's next one.
        cursorLineIndex &+= 1
        currentLineStart = end
        nextLineStart = Int.max
        cursorOffset = end
        cursorColumnOffset = end
        cursorColumn = 1
        tokens.push(Token(kind: .newline, start: s, end: Lexer.makePosition(line: cursorLineIndex &+ 1, column: 1, offset: end)))
    }

    private mutating func error(_ message: String, _ start: Int, _ end: Int, detail: String? = nil) {
        diagnostics.append(.error(message, at: range(start, end), detail: detail))
    }

    // MARK: expression mode

    private mutating func lexExpressionToken() {
        var i = index
        var b = buffer[i]
        if b == 0x20 || b == 0x09 {
            // Spaces before a token (`name    = value`) are skipped here, saving a return to `run`
            // and a second dispatch for each run of them.
            i = skipIndentation(from: i + 1)
            index = i
            guard i < count else { return }
            b = buffer[i]
        }
        switch b {
        case 0x20, 0x09: // space, tab (already skipped above)
            var j = i + 1
            while j < count, buffer[j] == 0x20 || buffer[j] == 0x09 { j += 1 }
            index = j
        case 0x0A:
            newline(i, i + 1)
            index = skipIndentation(from: i + 1)
        case 0x0D:
            if byte(i + 1) == 0x0A {
                newline(i, i + 2)
                index = skipIndentation(from: i + 2)
            } else {
                invalidCharacter(i, 1, "a carriage return must be followed by a line feed")
            }
        case UInt8(ascii: "#"):
            lineComment(i, style: .hash)
        case UInt8(ascii: "/"):
            let next = byte(i + 1)
            if next == UInt8(ascii: "/") {
                lineComment(i, style: .doubleSlash)
            } else if next == UInt8(ascii: "*") {
                blockComment(i)
            } else {
                single(.slash)
            }
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            identifier(from: i, firstLength: 1)
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            number(i)
        case UInt8(ascii: "\""):
            emit(.openQuote, i, i + 1)
            push(.quoted(openToken: tokens.count - 1))
            index = i + 1
        case UInt8(ascii: "{"):
            push(.brace)
            single(.openBrace)
        case UInt8(ascii: "}"):
            closeBrace(i, length: 1)
        case UInt8(ascii: "~"):
            if byte(i + 1) == UInt8(ascii: "}"), case .sequence? = frames.last {
                closeBrace(i, length: 2)
            } else {
                invalidCharacter(i, 1, "'~' is only allowed right after '${' or '%{' or right before '}' in a template")
            }
        case UInt8(ascii: "["): single(.openBracket)
        case UInt8(ascii: "]"): single(.closeBracket)
        case UInt8(ascii: "("): single(.openParen)
        case UInt8(ascii: ")"): single(.closeParen)
        case UInt8(ascii: ","): single(.comma)
        case UInt8(ascii: "?"): single(.question)
        case UInt8(ascii: "+"): single(.plus)
        case UInt8(ascii: "-"): single(.minus)
        case UInt8(ascii: "*"): single(.star)
        case UInt8(ascii: "%"): single(.percent)
        case UInt8(ascii: "."):
            if byte(i + 1) == UInt8(ascii: "."), byte(i + 2) == UInt8(ascii: ".") {
                emit(.ellipsis, i, i + 3); index = i + 3
            } else {
                single(.dot)
            }
        case UInt8(ascii: ":"):
            if byte(i + 1) == UInt8(ascii: ":") { emit(.doubleColon, i, i + 2); index = i + 2 } else { single(.colon) }
        case UInt8(ascii: "="):
            let next = byte(i + 1)
            if next == UInt8(ascii: "=") { emit(.equalEqual, i, i + 2); index = i + 2 }
            else if next == UInt8(ascii: ">") { emit(.fatArrow, i, i + 2); index = i + 2 }
            else { single(.equals) }
        case UInt8(ascii: "!"):
            if byte(i + 1) == UInt8(ascii: "=") { emit(.notEqual, i, i + 2); index = i + 2 } else { single(.bang) }
        case UInt8(ascii: "<"):
            if byte(i + 1) == UInt8(ascii: "<"), heredocIntroducer(i) {
                return
            } else if byte(i + 1) == UInt8(ascii: "=") {
                emit(.lessEqual, i, i + 2); index = i + 2
            } else {
                single(.less)
            }
        case UInt8(ascii: ">"):
            if byte(i + 1) == UInt8(ascii: "=") { emit(.greaterEqual, i, i + 2); index = i + 2 } else { single(.greater) }
        case UInt8(ascii: "&"):
            if byte(i + 1) == UInt8(ascii: "&") { emit(.and, i, i + 2); index = i + 2 }
            else { invalidCharacter(i, 1, "use '&&' for logical AND") }
        case UInt8(ascii: "|"):
            if byte(i + 1) == UInt8(ascii: "|") { emit(.or, i, i + 2); index = i + 2 }
            else { invalidCharacter(i, 1, "use '||' for logical OR") }
        case UInt8(ascii: ";"):
            invalidCharacter(i, 1, "semicolons are not used in HCL; end an argument with a newline")
        case UInt8(ascii: "'"):
            invalidCharacter(i, 1, "strings are written in double quotes (\"), not single quotes")
        case 0x80...0xFF:
            nonASCIIToken(i)
        default:
            invalidCharacter(i, 1, b == 0 ? "NUL bytes are not allowed in HCL source"
                                          : "this character cannot start a token")
        }
    }

    /// A token starting with a non-ASCII byte. Out of line so that the Unicode property lookup does
    /// not make every `lexExpressionToken` call set up its metadata.
    @inline(never)
    private mutating func nonASCIIToken(_ i: Int) {
        if let end = invalidUTF8Ends[i] {
            // Already reported as invalid UTF-8.
            emit(.invalid, i, end); index = end
        } else if let (scalar, length) = UTF8Scanning.decode(buffer, at: i) {
            if UTF8Scanning.isIdentifierStart(scalar) {
                identifier(from: i, firstLength: length)
            } else {
                invalidCharacter(i, length, "\(UTF8Scanning.describe(scalar)) cannot appear here")
            }
        } else {
            emit(.invalid, i, i + 1); index = i + 1
        }
    }

    /// The spaces and tabs that start a line: skipped with the newline, saving a dispatch per line.
    @inline(__always)
    private func skipIndentation(from start: Int) -> Int {
        var j = start
        while j < count, buffer[j] == 0x20 || buffer[j] == 0x09 { j += 1 }
        return j
    }

    @inline(__always)
    private mutating func single(_ kind: TokenKind) {
        emit(kind, index, index + 1)
        index += 1
    }

    private mutating func invalidCharacter(_ i: Int, _ length: Int, _ detail: String) {
        let r = range(i, i + length)  // once: the token and the error share it
        diagnostics.append(.error("invalid character", at: r, detail: detail))
        tokens.push(Token(kind: .invalid, start: r.start, end: r.end))
        index = i + length
    }

    private mutating func closeBrace(_ i: Int, length: Int) {
        switch frames.last {
        case .sequence?:
            pop()
            emit(.templateSequenceEnd, i, i + length)
        case .brace?:
            pop()
            emit(.closeBrace, i, i + length)
        default:
            emit(.closeBrace, i, i + length)
        }
        index = i + length
    }

    private mutating func identifier(from i: Int, firstLength: Int) {
        var j = i &+ firstLength
        let buffer = self.buffer, count = self.count
        if let base = buffer.baseAddress {
            // Eight bytes at a time while they are all ASCII identifier characters.
            while j &+ 8 <= count {
                let run = Lexer.identifierBytes(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                j &+= run
                if run < 8 { break }
            }
        }
        // The byte that ended the run (or the last few bytes of the input) one at a time.
        while j < count {
            let b = buffer[j]
            if UTF8Scanning.isASCIIIdentifierContinue(b) { j &+= 1; continue }
            guard b >= 0x80, let length = nonASCIIIdentifierContinue(at: j) else { break }
            j &+= length
        }
        emit(.identifier, i, j)
        index = j
    }

    /// How many of the 8 bytes (from the lowest address) are ASCII identifier characters (letters,
    /// digits, `_`, `-`) before the first that is not. Byte-parallel range checks: each byte is
    /// below 0x80 after masking, so adding up to 0x80 never carries into the next byte.
    @inline(__always)
    static func identifierBytes(_ word: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let x = word & ~high
        @inline(__always) func within(_ v: UInt64, _ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (v &+ ones &* (0x80 &- lo)) & ~(v &+ ones &* (0x7F &- hi))
        }
        let folded = x | (ones &* 0x20) // A-Z onto a-z; nothing else lands in a-z
        let identifier = within(folded, 0x61, 0x7A) | within(x, 0x30, 0x39) | within(x, 0x5F, 0x5F) | within(x, 0x2D, 0x2D)
        let stop = ~(identifier & ~word) & high // high bit set where a byte is not ASCII or not an identifier byte
        return stop.trailingZeroBitCount >> 3
    }

    /// The high bit of each of the 8 bytes (lowest address first) that is not plain quoted text, that
    /// is a byte up to `%` (quote, `$`, `%`, line endings, space...) or a backslash. Byte-parallel
    /// like `identifierBytes`: no sum carries into the next byte.
    @inline(__always)
    static func quotedTextStops(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, high: UInt64 = 0x8080_8080_8080_8080
        let atLeastAmpersand = ((word & ~high) &+ ones &* 0x5A | word) & high // `&` (0x26) and above, or non-ASCII
        let x = word ^ (ones &* 0x5C)
        let backslash = ~(((x & ~high) &+ ~high) | x) & high
        return ~(atLeastAmpersand & ~backslash) & high
    }

    /// The length of the identifier character at `j`, if it is one. Kept out of line: the Unicode
    /// property lookup it needs made every call of `identifier` set up its metadata.
    @inline(never)
    private mutating func nonASCIIIdentifierContinue(at j: Int) -> Int? {
        guard invalidUTF8Ends[j] == nil, let (scalar, length) = UTF8Scanning.decode(buffer, at: j),
              UTF8Scanning.isIdentifierContinue(scalar) else { return nil }
        return length
    }

    private mutating func number(_ i: Int) {
        var j = i + 1
        while j < count, UTF8Scanning.isDigit(buffer[j]) { j += 1 }
        if byte(j) == UInt8(ascii: "."), UTF8Scanning.isDigit(byte(j + 1)) {
            j += 2
            while j < count, UTF8Scanning.isDigit(buffer[j]) { j += 1 }
        }
        let e = byte(j)
        if e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var k = j + 1
            if byte(k) == UInt8(ascii: "+") || byte(k) == UInt8(ascii: "-") { k += 1 }
            if UTF8Scanning.isDigit(byte(k)) {
                j = k + 1
                while j < count, UTF8Scanning.isDigit(buffer[j]) { j += 1 }
            }
        }
        emit(.number, i, j)
        index = j
    }

    private mutating func lineComment(_ i: Int, style: Comment.Style) {
        var j = i + 1
        while j < count, buffer[j] != 0x0A { j += 1 }
        var end = j
        if end > i, byte(end - 1) == 0x0D { end -= 1 }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<end]), as: UTF8.self)
        comments.append(Comment(style: style, text: text, range: range(i, end)))
        index = end // the line ending becomes the newline token the comment stands for
    }

    private mutating func blockComment(_ i: Int) {
        var j = i + 2
        while j + 1 < count, !(buffer[j] == UInt8(ascii: "*") && buffer[j + 1] == UInt8(ascii: "/")) { j += 1 }
        if j + 1 < count {
            let end = j + 2
            lineBreaks(from: i + 2, to: j)
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<end]), as: UTF8.self)
            comments.append(Comment(style: .block, text: text, range: range(i, end)))
            index = end
        } else {
            endsUnterminated = true
            error("unterminated comment; expected '*/'", i, i + 2)
            lineBreaks(from: i + 2, to: count)
            let text = String(decoding: UnsafeBufferPointer(rebasing: buffer[i..<count]), as: UTF8.self)
            comments.append(Comment(style: .block, text: text, range: range(i, count)))
            index = count
        }
    }

    /// `<<EOT` or `<<-EOT` followed by a newline; false (nothing consumed) when it is not a heredoc.
    private mutating func heredocIntroducer(_ i: Int) -> Bool {
        var j = i + 2
        if byte(j) == UInt8(ascii: "-") { j += 1 }
        let markerStart = j
        let first = byte(j)
        if UTF8Scanning.isASCIIIdentifierStart(first) {
            j += 1
        } else if first >= 0x80, invalidUTF8Ends[j] == nil, let (s, l) = UTF8Scanning.decode(buffer, at: j),
                  UTF8Scanning.isIdentifierStart(s) {
            j += l
        } else {
            return false
        }
        while j < count {
            let b = buffer[j]
            if b < 0x80 {
                if UTF8Scanning.isASCIIIdentifierContinue(b) { j += 1 } else { break }
            } else if invalidUTF8Ends[j] == nil, let (s, l) = UTF8Scanning.decode(buffer, at: j),
                      UTF8Scanning.isIdentifierContinue(s) {
                j += l
            } else {
                break
            }
        }
        let markerEnd = j
        var lineEnd = j
        if byte(lineEnd) == 0x0D { lineEnd += 1 }
        guard byte(lineEnd) == 0x0A else {
            error("invalid heredoc introducer", i, markerEnd,
                  detail: "The heredoc marker must be followed directly by a newline; the content starts on the next line.")
            emit(.invalid, i, markerEnd)
            index = markerEnd
            return true
        }
        lineBreak(before: lineEnd + 1)
        emit(.openHeredoc, i, lineEnd + 1)
        push(.heredoc(openToken: tokens.count - 1, markerStart: markerStart, markerEnd: markerEnd, atLineStart: true))
        index = lineEnd + 1
        return true
    }

    // MARK: template modes

    /// Scans `$${`/`%%{` escapes and stops before `${`/`%{`; returns the stop offset.
    @inline(__always)
    private func isSequenceStart(_ j: Int) -> Bool {
        let b = buffer[j]
        return (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && byte(j + 1) == UInt8(ascii: "{")
    }

    @inline(__always)
    private func isEscapedSequence(_ j: Int) -> Bool {
        let b = buffer[j]
        return (b == UInt8(ascii: "$") || b == UInt8(ascii: "%")) && byte(j + 1) == b && byte(j + 2) == UInt8(ascii: "{")
    }

    /// `${`, `${~`, `%{`, `%{~` at `j`: emits the opener and enters expression mode.
    private mutating func openSequence(_ j: Int) {
        let kind: TokenKind = buffer[j] == UInt8(ascii: "$") ? .templateInterpolation : .templateControl
        let length = byte(j + 2) == UInt8(ascii: "~") ? 3 : 2
        emit(kind, j, j + length)
        push(.sequence(openToken: tokens.count - 1))
        index = j + length
    }

    private mutating func lexQuoted(openToken: Int) {
        var j = index
        var hasEscapes = false
        while j < count {
            // Eight bytes at a time up to the first that needs a look (about 20 bytes a string).
            if j &+ 8 <= count, let base = buffer.baseAddress {
                let stops = Lexer.quotedTextStops(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                if stops == 0 { j &+= 8; continue }
                j &+= stops.trailingZeroBitCount >> 3
            }
            let b = buffer[j]
            if b > UInt8(ascii: "%") && b != UInt8(ascii: "\\") { j &+= 1; continue } // ordinary text: two compares
            if b == UInt8(ascii: "\"") || b == 0x0A { break }
            if b == 0x0D {
                if byte(j + 1) == 0x0A { break }
                j += 1
                continue
            }
            if b == UInt8(ascii: "\\") {
                hasEscapes = true
                let next = byte(j + 1)
                j += (next == 0x0A || next == 0x0D || j + 1 >= count) ? 1 : 2
                continue
            }
            // `$` or `%`.
            if byte(j + 1) == b { hasEscapes = true }
            if isEscapedSequence(j) { j += 3; continue }
            if isSequenceStart(j) { break }
            j += 1
        }
        if j > index {
            var t = makeToken(.quotedLiteral, index, j)
            t.hasEscapes = hasEscapes
            tokens.push(t)
        }
        index = j
        guard j < count else { return } // reported as unterminated at the end
        let b = buffer[j]
        if b == UInt8(ascii: "\"") {
            pop()
            emit(.closeQuote, j, j + 1)
            index = j + 1
        } else if b == 0x0A || b == 0x0D {
            // A quoted string cannot span lines: close it here so the rest of the file still parses.
            pop()
            if let open = token(openToken) {
                diagnostics.append(.error("unterminated string", at: SourceRange(fileID: fileID, start: open.start, end: position(j)),
                                          detail: "A quoted string must end with '\"' on the same line; use a heredoc (<<EOT) for text over several lines."))
            }
            emit(.closeQuote, j, j)
        } else {
            openSequence(j)
        }
    }

    private mutating func lexHeredoc(openToken: Int, markerStart: Int, markerEnd: Int, atLineStart: Bool) {
        var j = index
        if atLineStart && markerEnd > markerStart {
            // The closing marker: optional spaces/tabs, the marker, then a line ending or end of file.
            var k = j
            while k < count, buffer[k] == 0x20 || buffer[k] == 0x09 { k += 1 }
            let length = markerEnd - markerStart
            if k + length <= count, matches(k, markerStart, length) {
                // Trailing spaces after the marker are tolerated, as hclsyntax does.
                let markerEnd = k + length
                var after = markerEnd
                while after < count, buffer[after] == 0x20 || buffer[after] == 0x09 { after += 1 }
                if after == count || buffer[after] == 0x0A || (buffer[after] == 0x0D && byte(after + 1) == 0x0A) {
                    pop()
                    emit(.closeHeredoc, j, markerEnd)
                    index = after
                    return
                }
            }
            setHeredocLineStart(false)
        }
        var endsLine = false
        while j < count {
            let b = buffer[j]
            if b == 0x0A { j += 1; endsLine = true; lineBreak(before: j); break }
            if b == UInt8(ascii: "$") || b == UInt8(ascii: "%") {
                if isEscapedSequence(j) { j += 3; continue }
                if isSequenceStart(j) { break }
            }
            j += 1
        }
        if j > index { emit(.heredocLiteral, index, j) }
        index = j
        if endsLine {
            setHeredocLineStart(true)
        } else if j < count {
            openSequence(j)
        }
    }

    private mutating func setHeredocLineStart(_ value: Bool) {
        if case .heredoc(let open, let ms, let me, _)? = frames.last {
            frames.last = .heredoc(openToken: open, markerStart: ms, markerEnd: me, atLineStart: value)
        }
    }

    private mutating func matches(_ a: Int, _ b: Int, _ length: Int) -> Bool {
        var k = 0
        while k < length {
            if buffer[a + k] != buffer[b + k] { return false }
            k += 1
        }
        return true
    }
}

/// The lexer's mode stack in a raw buffer owned by the lexer (freed by `tokenize`): pushing and
/// popping are plain stores, where an array paid a uniqueness check and a capacity call each time.
private struct FrameStack {
    private var base = UnsafeMutablePointer<Frame>.allocate(capacity: 16)
    private var capacity = 16
    private(set) var count = 0

    mutating func push(_ frame: Frame) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Frame>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: base, count: count)
            base.deallocate()
            base = grown
            capacity *= 2
        }
        (base + count).initialize(to: frame)
        count += 1
    }

    mutating func pop() -> Frame? {
        guard count > 0 else { return nil }
        count -= 1
        return (base + count).move()
    }

    var last: Frame? {
        get { count > 0 ? base[count - 1] : nil }
        set {
            guard count > 0, let newValue else { return }
            base[count - 1] = newValue
        }
    }

    func deallocate() {
        base.deinitialize(count: count)
        base.deallocate()
    }
}
