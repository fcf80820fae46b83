// `iaclint check [PATH...]`: options in, `CheckRunner` does the work.

import ArgumentParser
import IaCLintKit

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Lint Terraform, CloudFormation/SAM and plan files (the default command).",
        discussion: """
            Given directories, every Terraform module and template under them is checked. Given files (as \
            pre-commit passes them), the whole module or template each belongs to is checked, and only \
            findings located in the given files are reported.
            """)

    @Argument(help: "Files or directories to check (default: the current directory).")
    var paths: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Report format: text, json, sarif, github, junit, checkstyle, gitlab. Repeatable.", valueName: "format"))
    var format: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Write the preceding --format to this file (atomically). Repeatable.", valueName: "file"))
    var output: [String] = []

    @Option(name: .customLong("fail-on"), help: ArgumentHelp("Lowest severity that fails the run: error, warning, note, never (default: warning, or fail-on in the configuration).", valueName: "level"))
    var failOn: String?

    @Option(help: ArgumentHelp("Configuration file (default: the nearest .iaclint.yml up to the repository root).", valueName: "file"))
    var config: String?

    @Option(help: ArgumentHelp("Report only findings that are not in this baseline file.", valueName: "file"))
    var baseline: String?

    @Option(name: .customLong("write-baseline"), help: ArgumentHelp("Write the current findings to a baseline file.", valueName: "file"))
    var writeBaseline: String?

    @Flag(name: .customLong("show-suppressed"), help: "List suppressed and baselined findings too.")
    var showSuppressed = false

    @Option(name: .customLong("var"), help: ArgumentHelp("Set a Terraform variable. Repeatable.", valueName: "name=value"))
    var variables: [String] = []

    @Option(name: .customLong("var-file"), help: ArgumentHelp("Read Terraform variables from a .tfvars file. Repeatable.", valueName: "file"))
    var varFiles: [String] = []

    @Flag(name: .customLong("follow-symlinks"), help: "Follow symbolic links that lead outside the scanned directory.")
    var followSymlinks = false

    func validate() throws {
        if let failOn, FailLevel(rawValue: failOn) == nil {
            throw ValidationError("--fail-on must be one of error, warning, note, never")
        }
        for variable in variables where !variable.contains("=") {
            throw ValidationError("--var '\(variable)' must be NAME=VALUE")
        }
        if case .failure(let error) = OutputRequest.pair(Array(CommandLine.arguments.dropFirst())) {
            throw ValidationError(error.message)
        }
    }

    func run() throws {
        var options = CheckOptions()
        options.paths = paths
        switch OutputRequest.pair(Array(CommandLine.arguments.dropFirst())) {
        case .success(let outputs): options.outputs = outputs
        case .failure(let error): throw ValidationError(error.message)
        }
        options.failOn = failOn.flatMap(FailLevel.init(rawValue:))
        options.configPath = config
        options.baselinePath = baseline
        options.writeBaselinePath = writeBaseline
        options.showSuppressed = showSuppressed
        options.variables = variables.map { variable in
            let parts = variable.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        options.varFiles = varFiles
        options.followSymlinks = followSymlinks
        options.processExitsAfterRun = true
        let status = CheckRunner.run(options, lint: Linter.lint)
        if status != .success { throw ExitCode(status.rawValue) }
    }
}
