// What to lint and how: the pipeline's input, filled from the command line and the configuration file.

import IaCLintCore
import IaCLintRules

public struct LintRequest: Sendable {
    /// Paths as given on the command line (files or directories); empty means the working directory.
    /// Files named explicitly (as pre-commit passes them) are linted with their whole configuration,
    /// but only findings located in them are reported.
    public var paths: [String]
    /// Defaults to the process's working directory; reported paths are relative to it.
    public var workingDirectory: String?
    /// `--var NAME=VALUE`.
    public var terraformVariables: [String: String] = [:]
    /// `--var-file FILE`, in order.
    public var terraformVarFiles: [String] = []
    /// Environment for `TF_VAR_*`; defaults to the process environment.
    public var environment: [String: String]?
    /// Glob patterns of paths not to check (matched against reported paths).
    public var excludes: [String] = []
    /// Follow symlinks that lead out of the scanned root.
    public var followSymlinks: Bool = false
    public var ruleOptions: RuleOptions = .init()
    /// Drop the attribute values of resources no rule reads, as they are loaded (memory on large
    /// scans). Findings are the same either way; tests compare both.
    public var dropsUnreadAttributeValues: Bool = true
    /// Read every file a finding points into, for source excerpts (the text report). When false,
    /// only files needed to narrow a finding to its focus are read: a large scan reported as JSON
    /// or SARIF need not read thousands of files a second time.
    public var readsSourcesForExcerpts: Bool = true

    public init(paths: [String]) {
        self.paths = paths
    }
}

public struct LintResult: Sendable {
    /// Sorted; front-end errors already turned into `IAC001 parse-error` findings.
    public var findings: [Finding] = []
    /// Front-end notes that are not errors (why a value stayed unknown, a module not fetched).
    public var notes: [Diagnostic] = []
    /// Every file the findings point into, by reported path: for excerpts and suppression comments.
    public var sources: [String: SourceFile] = [:]
    /// The resources the rules saw.
    public var graph = ResourceGraph()
    /// Input files read (Terraform, templates, plans), excluding skipped non-template YAML/JSON.
    public var filesChecked: Int = 0
    /// True when some input could not be read or parsed (exit status 2).
    public var hadInputErrors: Bool = false

    public init() {}
}
