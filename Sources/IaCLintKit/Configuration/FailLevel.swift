// `--fail-on`: the lowest severity that makes a run fail (exit status 1).

import IaCLintCore

public enum FailLevel: String, CaseIterable, Sendable {
    case error, warning, note, never

    /// The default: errors and warnings fail, notes inform.
    public static let `default` = FailLevel.warning

    public func fails(_ severity: Severity) -> Bool {
        switch self {
        case .never: return false
        case .error: return severity >= .error
        case .warning: return severity >= .warning
        case .note: return true
        }
    }
}

/// The process exit statuses iaclint documents.
public enum ExitStatus: Int32, Sendable {
    /// Nothing reached the failure level.
    case success = 0
    /// Findings reached the failure level.
    case findings = 1
    /// Usage error, bad configuration, unreadable input or parse error.
    case usageOrInputError = 2
}
