// `iaclint explain ID`: a rule's page (what, why, how to fix, how to suppress) in Markdown.

import ArgumentParser
import IaCLintKit

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Explain a rule: why it matters and how to fix it.")

    @Argument(help: "A rule id (APIGW001) or name (stage-access-logging).")
    var rule: String

    func run() throws {
        let key = rule.lowercased()
        guard let description = CheckRunner.allRules.first(where: { $0.id.lowercased() == key || $0.name == key }) else {
            throw ValidationError("unknown rule '\(rule)'; run `iaclint rules` for the list")
        }
        StandardStreams.output(RuleHelp.page(description))
    }
}
