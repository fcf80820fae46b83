// The iaclint executable: parse arguments, run the command, map errors to exit status 2.

import ArgumentParser
import IaCLintKit

do {
    var command = try IaCLintCommand.parseAsRoot()
    try command.run()
} catch let code as ExitCode {
    IaCLintCommand.exit(withError: code)
} catch {
    // Help and --version are "errors" that succeed; print them the usual way.
    if IaCLintCommand.exitCode(for: error) == .success { IaCLintCommand.exit(withError: error) }
    StandardStreams.error("iaclint: " + IaCLintCommand.message(for: error) + "\n")
    StandardStreams.error("Run `iaclint check --help` for usage.\n")
    IaCLintCommand.exit(withError: ExitCode(ExitStatus.usageOrInputError.rawValue))
}
