// GitHub Actions workflow-command annotations, and the Markdown table for $GITHUB_STEP_SUMMARY
// (GitHub shows only 10 annotations of each type per step; the table lists them all).

import IaCLintCore

public struct GitHubReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> [UInt8] {
        var out = ""
        let paths = report.repositoryPaths()
        for finding in report.findings {
            let command: String
            switch finding.severity {
            case .error: command = "error"
            case .warning: command = "warning"
            case .note: command = "notice"
            }
            var properties: [(String, String)] = []
            if let range = finding.range {
                properties.append(("file", paths[range.file] ?? range.file))
                properties.append(("line", String(range.start.line)))
                properties.append(("endLine", String(range.end.line)))
                properties.append(("col", String(range.start.column)))
                properties.append(("endColumn", String(range.end.column)))
            }
            properties.append(("title", "\(finding.ruleID) \(finding.ruleName)"))
            let props = properties.map { "\($0.0)=\(GitHubReporter.escapeProperty($0.1))" }.joined(separator: ",")
            out += "::\(command) \(props)::\(GitHubReporter.escapeData(finding.message))\n"
        }
        out += TextReporter().summary(report) + "\n"
        return Array(out.utf8)
    }

    /// A Markdown report of every finding, for `$GITHUB_STEP_SUMMARY`.
    public func stepSummary(_ report: Report) -> [UInt8] {
        var out = "### \(report.tool.name): \(TextReporter().summary(report))\n\n"
        if !report.findings.isEmpty {
            out += "| Severity | Rule | Location | Resource | Message |\n|---|---|---|---|---|\n"
            let paths = report.repositoryPaths()
            for finding in report.findings {
                let location = finding.range.map { "`\(paths[$0.file] ?? $0.file):\($0.start.line):\($0.start.column)`" } ?? ""
                let resource = finding.resource.map { "`\($0)`" } ?? ""
                let cells = [finding.severity.rawValue, "\(finding.ruleID) \(finding.ruleName)", location, resource, finding.message]
                out += "| " + cells.map(GitHubReporter.escapeCell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        return Array(out.utf8)
    }

    /// Workflow-command data: `%`, CR and LF are encoded.
    public static func escapeData(_ text: String) -> String {
        // Most text has nothing to encode: one byte scan instead of rebuilding it scalar by scalar.
        if !ByteScan.contains(text, where: { $0 == UInt8(ascii: "%") || $0 == 0x0D || $0 == 0x0A }) { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "%": out += "%25"
            case "\r": out += "%0D"
            case "\n": out += "%0A"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Workflow-command properties: as data, plus `:` and `,` which delimit properties.
    public static func escapeProperty(_ text: String) -> String {
        if !ByteScan.contains(text, where: { $0 == UInt8(ascii: "%") || $0 == 0x0D || $0 == 0x0A || $0 == UInt8(ascii: ":")
            || $0 == UInt8(ascii: ",") }) { return text }
        var out = ""
        for scalar in escapeData(text).unicodeScalars {
            switch scalar {
            case ":": out += "%3A"
            case ",": out += "%2C"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func escapeCell(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
