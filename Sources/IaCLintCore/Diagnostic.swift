// A problem a front end met while reading input (syntax error, unreadable file, limit reached).

/// What a front end reports about its input, as opposed to a rule's finding about the infrastructure.
/// Errors become `IAC001 parse-error` findings; notes explain why something stayed unknown.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var severity: Severity
    /// One sentence a user of the input language understands ("unterminated string").
    public var message: String
    /// Optional longer explanation or fix.
    public var detail: String?
    /// Where the problem is; nil only when the file itself cannot be located.
    public var range: SourceRange?
    /// Other places that explain it ("this block opened here", "first defined here").
    public var related: [RelatedLocation]

    public init(severity: Severity = .error, message: String, detail: String? = nil,
                range: SourceRange?, related: [RelatedLocation] = []) {
        self.severity = severity
        self.message = message
        self.detail = detail
        self.range = range
        self.related = related
    }

    public static func error(_ message: String, at range: SourceRange?, detail: String? = nil,
                             related: [RelatedLocation] = []) -> Diagnostic {
        Diagnostic(severity: .error, message: message, detail: detail, range: range, related: related)
    }

    public var description: String {
        "\(range.map { "\($0): " } ?? "")\(severity.rawValue): \(message)"
    }
}

/// A secondary location attached to a diagnostic or finding, with what it shows.
public struct RelatedLocation: Hashable, Sendable {
    public var message: String
    public var range: SourceRange

    public init(_ message: String, at range: SourceRange) {
        self.message = message
        self.range = range
    }
}
