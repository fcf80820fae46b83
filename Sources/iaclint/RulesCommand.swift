// `iaclint rules`: every rule with its default severity, name and summary.

import ArgumentParser
import IaCLintKit

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rules", abstract: "List the rules.")

    func run() throws {
        StandardStreams.output(RuleHelp.list(CheckRunner.allRules))
    }
}
