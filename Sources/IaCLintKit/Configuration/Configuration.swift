// The settings of a `.iaclint.yml` file: rules on/off and severities, excludes, account role,
// Terraform variables and the failure level.

import IaCLintCore

public struct Configuration: Sendable {
    /// The file it was read from; nil for the built-in defaults.
    public var path: String?
    /// Rules switched off with `APIGW007: off`.
    public var disabledRules: Set<String> = []
    /// `APIGW007: {severity: note}`.
    public var severityOverrides: [String: Severity] = [:]
    /// Glob patterns, relative to the configuration file's directory.
    public var excludes: [String] = []
    /// `account-role: external` (true) or `in-repo` (false); nil when not set.
    public var accountRoleExternal: Bool?
    /// Terraform variable files, relative to the configuration file's directory.
    public var varFiles: [String] = []
    public var vars: [String: String] = [:]
    public var failOn: FailLevel?

    public init(path: String? = nil) { self.path = path }

    /// The directory the file's relative paths start from.
    public var directory: String { path.map(Path.directory(of:)) ?? "." }

    /// Applies rule switches and severity overrides; input errors (`IAC001`) cannot be switched off.
    public func apply(to findings: [Finding]) -> [Finding] {
        // Most configurations change nothing: the findings of a large scan are not copied for them.
        if disabledRules.isEmpty && severityOverrides.isEmpty { return findings }
        return findings.compactMap { finding in
            if finding.ruleID == Report.inputErrorRuleID { return finding }
            if disabledRules.contains(finding.ruleID) { return nil }
            guard let severity = severityOverrides[finding.ruleID] else { return finding }
            var changed = finding
            changed.severity = severity
            return changed
        }
    }
}

/// A problem in a configuration file, located at the offending key or value.
public struct ConfigurationError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange?
    public var file: String

    public init(_ message: String, file: String, at range: SourceRange?) {
        self.message = message
        self.file = file
        self.range = range
    }

    /// `path:line:col: error: message`, the form every editor can jump to.
    public var description: String {
        if let range { return "\(range.file):\(range.start.line):\(range.start.column): error: \(message)" }
        return "\(file): error: \(message)"
    }
}
