// The findings iaclint reports about suppressions themselves.

import IaCLintCore
import IaCLintRules

public enum SuppressionRules {
    public static let unusedID = "IAC002"
    public static let invalidID = "IAC003"

    public static let unused = RuleDescription(
        id: unusedID, name: "unused-suppression", severity: .note,
        summary: "Suppressions match a finding; one that matches nothing is reported.",
        rationale: "An `iaclint:ignore` that matches nothing is left over from code that changed; it would silently hide a future finding of that rule.",
        fix: "Remove the `# iaclint:ignore` comment or the `Metadata.iaclint.ignore` entry, or correct the rule id.",
        tags: ["maintainability"], securitySeverity: 0)

    public static let invalid = RuleDescription(
        id: invalidID, name: "invalid-suppression", severity: .note,
        summary: "Suppressions name known rules and give a reason; one without a reason is not applied.",
        rationale: "A suppression without a reason cannot be reviewed; iaclint does not apply it, so the finding it meant to hide is still reported.",
        fix: "Write `# iaclint:ignore APIGW007 -- why this is acceptable`, or in CloudFormation `Metadata: {iaclint: {ignore: [{rule: APIGW007, reason: ...}]}}`.",
        tags: ["maintainability"], securitySeverity: 0)

    public static let all = [unused, invalid]

    static func unusedFinding(_ rule: String, at range: SourceRange?, how: String) -> Finding {
        Finding(ruleID: unusedID, ruleName: unused.name, severity: .note,
                message: "\(how) \(rule) matches no finding; remove it", range: range, resource: nil, discriminator: rule)
    }

    static func invalidFinding(_ message: String, at range: SourceRange?, discriminator: String) -> Finding {
        Finding(ruleID: invalidID, ruleName: invalid.name, severity: .note, message: message, range: range, resource: nil,
                discriminator: discriminator)
    }
}
