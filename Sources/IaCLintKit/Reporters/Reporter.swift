// The reporter contract: a pure function from a report to the bytes of one output format.

public protocol Reporter: Sendable {
    func render(_ report: Report) -> [UInt8]
    /// The same bytes as `render`, handed to `write` in pieces as they are made.
    func stream(_ report: Report, to write: ([UInt8]) -> Void)
}

extension Reporter {
    public func stream(_ report: Report, to write: ([UInt8]) -> Void) { write(render(report)) }
}

/// The `--format` values.
public enum ReportFormat: String, CaseIterable, Sendable {
    case text, json, sarif, github, junit, checkstyle, gitlab

    /// The reporter for this format; `colour` matters only for text.
    public func reporter(colour: Bool = false) -> any Reporter {
        switch self {
        case .text: return TextReporter(colour: colour)
        case .json: return JSONReporter()
        case .sarif: return SARIFReporter()
        case .github: return GitHubReporter()
        case .junit: return JUnitReporter()
        case .checkstyle: return CheckstyleReporter()
        case .gitlab: return GitLabReporter()
        }
    }
}
