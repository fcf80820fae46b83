// Everything a reporter needs about one run: what to show, what was hidden and why, and context.

import IaCLintCore
import IaCLintRules

/// The tool as reports name it.
public struct ToolInfo: Hashable, Sendable {
    public var name: String
    public var version: String
    public var informationURI: String

    public init(name: String = "iaclint", version: String, informationURI: String = "https://github.com/iaclint/iaclint") {
        self.name = name
        self.version = version
        self.informationURI = informationURI
    }
}

/// A finding that is not reported, and what hid it.
public struct SuppressedFinding: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// `# iaclint:ignore RULE -- reason` before the line.
        case inline
        /// `# iaclint:ignore-file RULE -- reason`.
        case file
        /// CloudFormation `Metadata: {iaclint: {ignore: [...]}}`.
        case metadata
        /// Listed in the `--baseline` file.
        case baseline
    }

    public var finding: Finding
    public var kind: Kind
    public var reason: String

    public init(_ finding: Finding, kind: Kind, reason: String) {
        self.finding = finding
        self.kind = kind
        self.reason = reason
    }
}

public struct Report: Sendable {
    public var tool: ToolInfo
    /// Findings to report, sorted; input errors are `IAC001` findings among them.
    public var findings: [Finding]
    /// Findings hidden by suppressions or the baseline; counted always, listed with `showSuppressed`.
    public var suppressed: [SuppressedFinding]
    public var showSuppressed: Bool
    /// Descriptions of every rule that may appear (SARIF rule metadata, help text).
    public var rules: [RuleDescription]
    /// Files read, by reported path, for excerpts.
    public var sources: [String: SourceFile]
    public var filesChecked: Int
    /// Absolute working directory: reported paths are relative to it.
    public var workingDirectory: String
    /// Absolute repository root, when known: SARIF, GitHub and GitLab paths are relative to it.
    public var repositoryRoot: String?

    public init(tool: ToolInfo, findings: [Finding], suppressed: [SuppressedFinding] = [], showSuppressed: Bool = false,
                rules: [RuleDescription], sources: [String: SourceFile] = [:], filesChecked: Int,
                workingDirectory: String, repositoryRoot: String? = nil) {
        self.tool = tool
        self.findings = findings
        self.suppressed = suppressed
        self.showSuppressed = showSuppressed
        self.rules = rules
        self.sources = sources
        self.filesChecked = filesChecked
        self.workingDirectory = workingDirectory
        self.repositoryRoot = repositoryRoot
    }

    /// The rule id reporters use for problems reading the input.
    public static let inputErrorRuleID = "IAC001"

    public var inputErrors: [Finding] { findings.filter { $0.ruleID == Report.inputErrorRuleID } }
    public var ruleFindings: [Finding] { findings.filter { $0.ruleID != Report.inputErrorRuleID } }

    public func count(_ severity: Severity) -> Int {
        // By index: a closure over each element copied every finding (a dozen retains) to read one byte.
        var n = 0
        for i in findings.indices where findings[i].severity == severity { n += 1 }
        return n
    }

    public var baselinedCount: Int { suppressed.reduce(0) { $0 + ($1.kind == .baseline ? 1 : 0) } }
    public var suppressedCount: Int { suppressed.count - baselinedCount }

    public func rule(_ id: String) -> RuleDescription? { rules.first { $0.id == id } }

    /// Findings grouped by file, files in order of first appearance (findings are sorted by file).
    public static func groupedByFile(_ findings: [Finding], noFile: String) -> [(String, [Finding])] {
        var groups: [(String, [Finding])] = []
        var index: [String: Int] = [:]
        for finding in findings {
            let file = finding.range?.file ?? noFile
            if let i = index[file] {
                groups[i].1.append(finding)
            } else {
                index[file] = groups.count
                groups.append((file, [finding]))
            }
        }
        return groups
    }

    /// Repository-relative paths for every file the report mentions, computed once per file.
    public func repositoryPaths() -> [String: String] {
        // Each file once by id (a path costs the path table's lock), without copying the findings.
        var out: [String: String] = [:]
        var seen = Set<SourceFileID>()
        func note(_ range: SourceRange) {
            guard seen.insert(range.fileID).inserted else { return }
            let file = range.file
            if out[file] == nil { out[file] = repositoryPath(file) }
        }
        func noteAll(_ finding: Finding) {
            if let range = finding.range { note(range) }
            for related in finding.related { note(related.range) }
        }
        for i in findings.indices { noteAll(findings[i]) }
        for i in suppressed.indices { noteAll(suppressed[i].finding) }
        return out
    }

    /// A reported path made relative to the repository root (for code hosts); unchanged without a root.
    public func repositoryPath(_ file: String) -> String {
        guard let root = repositoryRoot else { return file }
        let absolute = file.hasPrefix("/") ? file : Path.join(workingDirectory, file)
        let relative = Path.relative(Path.normalize(absolute), to: root)
        return relative.hasPrefix("../") ? file : relative
    }
}
