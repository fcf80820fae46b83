// A rule's documentation as text: the `iaclint explain` page, SARIF help, the `iaclint rules` list.

import IaCLintRules

public enum RuleHelp {
    /// Summary, why and how to fix, in Markdown.
    public static func markdown(_ rule: RuleDescription) -> String {
        var page = "# \(rule.id) \(rule.name)\n\n\(rule.summary)\n"
        page += "\nDefault severity: \(rule.severity.rawValue)"
        if !rule.tags.isEmpty { page += ". Tags: \(rule.tags.joined(separator: ", "))" }
        page += ".\n"
        if !rule.rationale.isEmpty { page += "\n## Why\n\n\(rule.rationale)\n" }
        if !rule.fix.isEmpty { page += "\n## How to fix\n\n\(rule.fix)\n" }
        // iaclint's own findings (IAC…) are about the input or suppressions and cannot be suppressed.
        guard !rule.id.hasPrefix("IAC") else { return page }
        page += "\n## Suppressing\n\n`# iaclint:ignore \(rule.id) -- reason` on the line before the resource, block or attribute;\n"
        page += "in CloudFormation, `Metadata: {iaclint: {ignore: [{rule: \(rule.id), reason: ...}]}}` on the resource.\n"
        return page
    }

    public static func plainText(_ rule: RuleDescription) -> String {
        var text = rule.summary
        if !rule.rationale.isEmpty { text += "\n\n" + rule.rationale }
        if !rule.fix.isEmpty { text += "\n\nHow to fix:\n" + rule.fix }
        return text
    }

    /// One line per rule: id, severity, name and summary, aligned.
    public static func list(_ rules: [RuleDescription]) -> String {
        let idWidth = rules.map(\.id.count).max() ?? 0
        let nameWidth = rules.map(\.name.count).max() ?? 0
        return rules.map { rule in
            pad(rule.id, idWidth) + "  " + pad(rule.severity.rawValue, 7) + "  " + pad(rule.name, nameWidth) + "  " + rule.summary
        }.joined(separator: "\n") + "\n"
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
