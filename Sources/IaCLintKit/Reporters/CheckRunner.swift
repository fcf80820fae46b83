// `iaclint check` from options to exit status: configuration, the pipeline, rule switches,
// suppressions, baseline, then every requested report written where it belongs.

import IaCLintCore
import IaCLintRules
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

public enum CheckRunner {
    /// Every rule a report may mention: the catalog, then iaclint's own suppression notes.
    public static var allRules: [RuleDescription] { RuleCatalog.all + SuppressionRules.all }

    /// `lint` is the pipeline (`Linter.lint`); tests pass a fixed result.
    public static func run(_ options: CheckOptions, tool: ToolInfo = .current,
                           lint: (LintRequest) -> LintResult) -> ExitStatus {
        AllocatorTuning.applyForBatchRun()
        let cwd = FileSystem.currentDirectory()
        let paths = options.paths.isEmpty ? ["."] : options.paths
        let knownRules = Set(allRules.map(\.id))

        // Configuration: --config, else the nearest .iaclint.yml up to the repository root.
        var config = Configuration()
        if let path = options.configPath ?? ConfigurationReader.find(from: paths[0]) {
            switch ConfigurationReader.read(path, knownRules: knownRules) {
            case .success(let read): config = read
            case .failure(let error):
                StandardStreams.error("iaclint: \(ConfigurationError(error.message, file: displayPath(error.file, cwd), at: error.range.map { relocate($0, cwd) }))\n")
                return .usageOrInputError
            }
        }
        let configDirectory = absolute(config.directory, cwd)

        var request = LintRequest(paths: paths)
        request.workingDirectory = cwd
        for (name, value) in config.vars { request.terraformVariables[name] = value }
        for (name, value) in options.variables { request.terraformVariables[name] = value }
        request.terraformVarFiles = config.varFiles.map { displayPath(absolute($0, configDirectory), cwd) } + options.varFiles
        request.excludes = config.excludes.map { excludeRelativeToWorkingDirectory($0, configDirectory: configDirectory, cwd: cwd) }
        request.followSymlinks = options.followSymlinks
        request.ruleOptions = RuleOptions(accountRoleExternal: config.accountRoleExternal ?? false)
        request.readsSourcesForExcerpts = options.outputs.contains { $0.format == .text }

        var baseline: Baseline?
        if let path = options.baselinePath, options.writeBaselinePath == nil {
            switch Baseline.read(path) {
            case .success(let read): baseline = read
            case .failure(let error):
                StandardStreams.error("iaclint: \(error)\n")
                return .usageOrInputError
            }
        }

        var result = lint(request)
        var timer = PhaseTimer()
        defer { timer.report() }
        let repositoryRoot = ConfigurationReader.repositoryRoot(from: paths[0])
        var (report, _) = buildReport(result, config: config, baseline: nil, baselinePath: "", knownRules: knownRules,
                                      showSuppressed: options.showSuppressed, tool: tool, workingDirectory: cwd,
                                      repositoryRoot: repositoryRoot)
        // The report holds the findings from here; the run's own list (4.7 MB on a 100 MB scan) goes
        // now rather than at exit with the graph.
        result.findings = []
        if options.processExitsAfterRun { ProcessExit.keepUntilExit(result) }
        if let path = options.writeBaselinePath {
            let written = Baseline(findings: report.findings)
            if case .failure(let error) = AtomicFile.write(written.serialized(), to: path) {
                StandardStreams.error("iaclint: \(error)\n")
                return .usageOrInputError
            }
            let n = written.entries.count
            StandardStreams.error("iaclint: wrote \(n) finding\(n == 1 ? "" : "s") to the baseline \(path)\n")
            baseline = written
        }
        if let baseline {
            let (new, known) = baseline.partition(report.findings, baselinePath: options.writeBaselinePath ?? options.baselinePath ?? "")
            report.findings = new
            report.suppressed += known
        }

        var status = exitStatus(report, hadInputErrors: result.hadInputErrors, failOn: options.failOn ?? config.failOn ?? .default)
        timer.mark("suppressions and baseline")
        defer { timer.mark("reports") }
        for output in options.outputs {
            let colour = output.format == .text && output.path == nil && Terminal.standardOutputWantsColour()
            let reporter = output.format.reporter(colour: colour)
            if let path = output.path {
                if case .failure(let error) = AtomicFile.write(reporter.render(report), to: path) {
                    StandardStreams.error("iaclint: \(error)\n")
                    status = .usageOrInputError
                }
            } else {
                reporter.stream(report) { StandardStreams.output($0) }
            }
            if output.format == .github, let summary = FileSystem.environment("GITHUB_STEP_SUMMARY"), !summary.isEmpty {
                if case .failure(let error) = AtomicFile.append(GitHubReporter().stepSummary(report), to: summary) {
                    StandardStreams.error("iaclint: \(error)\n")
                }
            }
        }
        // The findings and the excerpts' sources (18,000 and 5,000 on a 100 MB scan) were freed here,
        // 10 ms after the last byte of the report, with nothing left to do but exit.
        if options.processExitsAfterRun { ProcessExit.keepUntilExit(report) }
        return status
    }

    /// Rule switches, suppressions and (optionally) a baseline applied to a pipeline result.
    public static func buildReport(_ result: LintResult, config: Configuration, baseline: Baseline?, baselinePath: String,
                                   knownRules: Set<String>, showSuppressed: Bool, tool: ToolInfo,
                                   workingDirectory: String, repositoryRoot: String?) -> (Report, SuppressionOutcome) {
        let configured = config.apply(to: result.findings)
        let outcome = Suppressor.apply(configured, sources: result.sources, graph: result.graph,
                                       knownRules: knownRules, disabledRules: config.disabledRules)
        var findings = (outcome.findings + config.apply(to: outcome.notes)).sortedInReportOrder()
        var suppressed = outcome.suppressed
        if let baseline {
            let (new, known) = baseline.partition(findings, baselinePath: baselinePath)
            findings = new
            suppressed += known
        }
        let report = Report(tool: tool, findings: findings, suppressed: suppressed, showSuppressed: showSuppressed,
                            rules: allRules, sources: result.sources, filesChecked: result.filesChecked,
                            workingDirectory: workingDirectory, repositoryRoot: repositoryRoot)
        return (report, outcome)
    }

    /// 2 for input errors, 1 when a reported finding reaches the failure level, else 0.
    public static func exitStatus(_ report: Report, hadInputErrors: Bool, failOn: FailLevel) -> ExitStatus {
        if hadInputErrors || !report.inputErrors.isEmpty { return .usageOrInputError }
        return report.findings.contains { failOn.fails($0.severity) } ? .findings : .success
    }

    /// A configuration's exclude glob, written relative to its own directory, as a pattern over
    /// paths relative to the working directory.
    static func excludeRelativeToWorkingDirectory(_ glob: String, configDirectory: String, cwd: String) -> String {
        if glob.hasPrefix("/") || glob.hasPrefix("**") { return glob }
        let prefix = Path.relative(configDirectory, to: Path.normalize(cwd))
        return prefix == "." ? glob : Path.join(prefix, glob)
    }

    static func absolute(_ path: String, _ base: String) -> String {
        Path.normalize(path.hasPrefix("/") ? path : Path.join(base, path))
    }

    static func displayPath(_ path: String, _ cwd: String) -> String {
        guard path.hasPrefix("/") else { return path }
        let relative = Path.relative(path, to: Path.normalize(cwd))
        return relative.hasPrefix("../../../") ? path : relative
    }

    static func relocate(_ range: SourceRange, _ cwd: String) -> SourceRange {
        var moved = range
        moved.file = displayPath(range.file, cwd)
        return moved
    }
}

extension ToolInfo {
    public static let version = "0.1.0"
    public static let current = ToolInfo(version: version)
}

/// Whether standard output is a terminal that wants colour (https://no-color.org).
public enum Terminal {
    public static func standardOutputWantsColour() -> Bool {
        if let noColour = FileSystem.environment("NO_COLOR"), !noColour.isEmpty { return false }
        if FileSystem.environment("TERM") == "dumb" { return false }
        return isatty(1) == 1
    }
}

/// Unbuffered writes to the standard streams, bytes as they are.
public enum StandardStreams {
    public static func output(_ bytes: [UInt8]) { write(1, bytes) }
    public static func output(_ text: String) { write(1, Array(text.utf8)) }
    public static func error(_ text: String) { write(2, Array(text.utf8)) }

    static func write(_ fd: Int32, _ bytes: [UInt8]) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in
                Glibc.write(fd, buffer.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                return
            }
            written += n
        }
    }
}
