// Tokens of the HCL native syntax, as produced by `Lexer`.

import IaCLintCore

/// The kind of a token. Template and heredoc pieces are tokens of their own, like hclsyntax.
public enum TokenKind: UInt8, Hashable, Sendable {
    case identifier, number
    case openQuote, closeQuote          // " ... "
    case quotedLiteral                  // raw text between quotes (escapes not yet decoded)
    case openHeredoc                    // <<EOT or <<-EOT, newline included
    case closeHeredoc                   // the marker line (leading spaces included, newline excluded)
    case heredocLiteral                 // raw heredoc text, at most one line
    case templateInterpolation          // ${ or ${~
    case templateControl                // %{ or %{~
    case templateSequenceEnd            // } or ~} closing a template sequence
    case openBrace, closeBrace, openBracket, closeBracket, openParen, closeParen
    case comma, dot, ellipsis, colon, doubleColon, question, equals, fatArrow
    case plus, minus, star, slash, percent
    case and, or, bang
    case equalEqual, notEqual, less, lessEqual, greater, greaterEqual
    case newline
    /// A character that cannot start any token (already reported by the lexer).
    case invalid
    case endOfFile
}

/// A token with its position; `start` inclusive, `end` exclusive.
public struct Token: Hashable, Sendable {
    public var kind: TokenKind
    public var start: SourcePosition
    public var end: SourcePosition
    /// For a quoted literal: the lexer saw a `\\` escape or a doubled `$`/`%`, so the text needs
    /// decoding; plain text (nearly all) is taken as is without a second scan. Fits in padding.
    var hasEscapes = false

    public init(kind: TokenKind, start: SourcePosition, end: SourcePosition) {
        self.kind = kind
        self.start = start
        self.end = end
    }

    public func range(in file: SourceFileID) -> SourceRange { SourceRange(fileID: file, start: start, end: end) }

    var length: Int { end.offset - start.offset }
}

extension TokenKind {
    /// How the token reads in an error message.
    var displayName: String {
        switch self {
        case .identifier: return "identifier"
        case .number: return "number"
        case .openQuote: return "'\"'"
        case .closeQuote: return "end of string"
        case .quotedLiteral, .heredocLiteral: return "string"
        case .openHeredoc: return "heredoc"
        case .closeHeredoc: return "heredoc end marker"
        case .templateInterpolation: return "'${'"
        case .templateControl: return "'%{'"
        case .templateSequenceEnd: return "'}'"
        case .openBrace: return "'{'"
        case .closeBrace: return "'}'"
        case .openBracket: return "'['"
        case .closeBracket: return "']'"
        case .openParen: return "'('"
        case .closeParen: return "')'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .ellipsis: return "'...'"
        case .colon: return "':'"
        case .doubleColon: return "'::'"
        case .question: return "'?'"
        case .equals: return "'='"
        case .fatArrow: return "'=>'"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .percent: return "'%'"
        case .and: return "'&&'"
        case .or: return "'||'"
        case .bang: return "'!'"
        case .equalEqual: return "'=='"
        case .notEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .newline: return "newline"
        case .invalid: return "invalid character"
        case .endOfFile: return "end of file"
        }
    }
}
