// IAC001: input that could not be read or parsed. The pipeline turns front-end error
// diagnostics into these findings; the rest of the input is still checked.

import IaCLintCore

public enum ParseErrorRule {
    public static let id = "IAC001"
    public static let name = "parse-error"

    public static let description = RuleDescription(
        id: id, name: name, severity: .error,
        summary: "A file could not be read or parsed; everything else is still checked.",
        rationale: """
            A file iaclint cannot read or parse may hide stages without access logging. The error names \
            the file and position; the other files are still checked, so one broken file does not hide \
            findings elsewhere.
            """,
        fix: """
            Fix the syntax error at the reported position (the message says what was expected), or exclude \
            the file in `.iaclint.yml` (`exclude: [path/glob]`) when it is not infrastructure code.
            """,
        tags: ["correctness"], securitySeverity: 0.0)

    /// The finding for one front-end error diagnostic; nil for notes and warnings.
    public static func finding(for diagnostic: Diagnostic) -> Finding? {
        guard diagnostic.severity == .error else { return nil }
        return Finding(ruleID: description.id, ruleName: description.name, severity: .error,
                       message: diagnostic.message, range: diagnostic.range, resource: nil,
                       related: diagnostic.related, discriminator: diagnostic.message)
    }
}
