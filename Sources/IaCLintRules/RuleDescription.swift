// What a rule says about itself: identity, severity, documentation and the examples that test it.

import IaCLintCore

public struct RuleDescription: Hashable, Sendable {
    /// Stable id, e.g. `APIGW001`. A contract with users: never reuse or renumber.
    public var id: String
    /// Stable kebab-case name, e.g. `stage-access-logging`.
    public var name: String
    public var severity: Severity
    /// One line: what the rule asks for.
    public var summary: String
    /// Why it matters, including the AWS error a user would otherwise meet at deploy time.
    public var rationale: String
    /// How to fix it, in Markdown, with Terraform, CloudFormation and SAM snippets.
    public var fix: String
    /// Tags for SARIF and filtering (`security`, `logging`, `reliability`).
    public var tags: [String]
    /// SARIF `security-severity` (0.0–10.0) for GitHub code scanning.
    public var securitySeverity: Double
    /// Inputs that must trigger the rule exactly at each `↓`, and inputs that must not.
    public var failing: [RuleExample]
    public var passing: [RuleExample]

    public init(id: String, name: String, severity: Severity, summary: String, rationale: String, fix: String,
                tags: [String], securitySeverity: Double, failing: [RuleExample] = [], passing: [RuleExample] = []) {
        self.id = id
        self.name = name
        self.severity = severity
        self.summary = summary
        self.rationale = rationale
        self.fix = fix
        self.tags = tags
        self.securitySeverity = securitySeverity
        self.failing = failing
        self.passing = passing
    }
}

/// A small configuration used as a test and as documentation. A `↓` in a file marks where a
/// finding must start; it is removed before the file is linted.
public struct RuleExample: Hashable, Sendable {
    public enum Language: String, Hashable, Sendable {
        case terraform, terraformJSON, cloudFormationYAML, cloudFormationJSON, sam, terraformPlan
    }

    public var language: Language
    /// File name to contents; most examples have one file.
    public var files: [String: String]

    public init(_ language: Language, files: [String: String]) {
        self.language = language
        self.files = files
    }

    public static func terraform(_ source: String) -> RuleExample { RuleExample(.terraform, files: ["main.tf": source]) }
    public static func cloudFormation(_ source: String) -> RuleExample { RuleExample(.cloudFormationYAML, files: ["template.yaml": source]) }
    public static func sam(_ source: String) -> RuleExample { RuleExample(.sam, files: ["template.yaml": source]) }
}
