// The documentation page of a rule (`rules/<ID>.md`, `iaclint explain ID`), generated from its
// description so the page and the rule cannot drift.

public enum RulePage {
    /// Markdown: title, summary, severity, why, how to fix, how to suppress, and the examples that
    /// are its tests. `iaclint explain ID` can print exactly this.
    public static func markdown(_ rule: RuleDescription) -> String {
        var out = "# \(rule.id) \(rule.name)\n\n"
        out += "\(rule.summary)\n\n"
        out += "- Default severity: **\(rule.severity.rawValue)**\n"
        out += "- Tags: \(rule.tags.map { "`\($0)`" }.joined(separator: ", "))\n\n"
        out += "## Why\n\n\(rule.rationale)\n\n"
        out += "## How to fix\n\n\(rule.fix)\n"
        // iaclint's own findings (IAC…) are about the input and cannot be suppressed.
        if !rule.id.hasPrefix("IAC") {
            out += "\n## Suppressing\n\n`# iaclint:ignore \(rule.id) -- reason` on the line before the resource, block or attribute;\n"
            out += "in CloudFormation, `Metadata: {iaclint: {ignore: [{rule: \(rule.id), reason: ...}]}}` on the resource.\n"
        }
        if !rule.failing.isEmpty {
            out += "\n## Examples that are reported\n\n"
            out += "`↓` marks where the finding starts.\n"
            for example in rule.failing { out += render(example) }
        }
        if !rule.passing.isEmpty {
            out += "\n## Examples that pass\n"
            for example in rule.passing { out += render(example) }
        }
        return out
    }

    /// A short table of every rule, for `iaclint rules` style listings in Markdown.
    public static func index(_ rules: [RuleDescription]) -> String {
        var out = "| id | name | severity | summary |\n|---|---|---|---|\n"
        for rule in rules {
            out += "| [\(rule.id)](\(rule.id).md) | \(rule.name) | \(rule.severity.rawValue) | \(rule.summary.replacingPipes()) |\n"
        }
        return out
    }

    private static func render(_ example: RuleExample) -> String {
        var out = ""
        for name in example.files.keys.sorted() {
            let fence = fenceLanguage(example.language, file: name)
            let label = example.files.count > 1 ? "\(label(example.language)), `\(name)`" : label(example.language)
            out += "\n\(label):\n\n```\(fence)\n\(example.files[name] ?? "")\n```\n"
        }
        return out
    }

    private static func label(_ language: RuleExample.Language) -> String {
        switch language {
        case .terraform: return "Terraform"
        case .terraformJSON: return "Terraform JSON"
        case .cloudFormationYAML: return "CloudFormation"
        case .cloudFormationJSON: return "CloudFormation JSON"
        case .sam: return "SAM"
        case .terraformPlan: return "Terraform plan"
        }
    }

    private static func fenceLanguage(_ language: RuleExample.Language, file: String) -> String {
        if file.hasSuffix(".json") { return "json" }
        switch language {
        case .terraform: return "hcl"
        case .terraformJSON, .cloudFormationJSON, .terraformPlan: return "json"
        case .cloudFormationYAML, .sam: return "yaml"
        }
    }
}

extension String {
    fileprivate func replacingPipes() -> String {
        var out = ""
        for c in self { out += c == "|" ? "\\|" : String(c) }
        return out
    }
}
