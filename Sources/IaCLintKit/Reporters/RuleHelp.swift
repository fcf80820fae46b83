// A rule's documentation as text: the `iaclint explain` page, SARIF help, the `iaclint rules` list.

import IaCLintRules

public enum RuleHelp {
    /// The rule's page without its examples (SARIF help). One renderer for every page, so
    /// `iaclint explain`, SARIF and `rules/<ID>.md` say the same.
    public static func markdown(_ rule: RuleDescription) -> String {
        RulePage.markdown(rule, includeExamples: false)
    }

    /// The whole page with its examples, as in `rules/<ID>.md` (`iaclint explain`).
    public static func page(_ rule: RuleDescription) -> String { RulePage.markdown(rule) }

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
