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
    public static func escapeData(_ text: String) -> String { encode(text, property: false) }

    /// Workflow-command properties: as data, plus `:` and `,` which delimit properties.
    public static func escapeProperty(_ text: String) -> String { encode(text, property: true) }

    /// Percent-encodes the ASCII delimiters over the UTF-8 bytes: the characters encoded are all
    /// ASCII, so this is what encoding scalar by scalar gave, without rebuilding the string a scalar at a time.
    private static func encode(_ text: String, property: Bool) -> String {
        func encoded(_ byte: UInt8) -> String? {
            switch byte {
            case UInt8(ascii: "%"): return "%25"
            case 0x0D: return "%0D"
            case 0x0A: return "%0A"
            case UInt8(ascii: ":") where property: return "%3A"
            case UInt8(ascii: ",") where property: return "%2C"
            default: return nil
            }
        }
        if !ByteScan.contains(text, where: { encoded($0) != nil }) { return text }
        var source = text
        return source.withUTF8 { bytes -> String in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 16)
            for byte in bytes {
                if let code = encoded(byte) { out.append(contentsOf: code.utf8) } else { out.append(byte) }
            }
            return String(decoding: out, as: UTF8.self)
        }
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
