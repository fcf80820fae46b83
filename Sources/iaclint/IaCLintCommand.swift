// The root command: `iaclint check` (the default), `iaclint rules`, `iaclint explain ID`.

import ArgumentParser
import IaCLintKit

struct IaCLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iaclint",
        abstract: "Checks that AWS API Gateway stages write access logs, in Terraform, CloudFormation/SAM and Terraform plans.",
        discussion: """
            Exit status: 0 when nothing reaches the failure level, 1 when findings do, 2 for usage errors, \
            configuration errors, unreadable input and parse errors.
            """,
        version: ToolInfo.version,
        subcommands: [CheckCommand.self, RulesCommand.self, ExplainCommand.self],
        defaultSubcommand: CheckCommand.self)
}
