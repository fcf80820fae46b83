// The terminal format: `path:line:col: severity[ID]: message`, the source line with the range
// underlined, and a one-line summary. Colour only when asked (a terminal without NO_COLOR).

import IaCLintCore

public struct TextReporter: Reporter {
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }

    public func render(_ report: Report) -> [UInt8] {
        var out = ""
        for finding in report.findings {
            out += entry(finding, label: finding.severity.rawValue, labelStyle: style(finding.severity), suffix: "", report)
        }
        if report.showSuppressed {
            for hidden in report.suppressed {
                let suffix = " (\(hidden.kind == .baseline ? "in baseline" : "suppressed: \(hidden.reason)"))"
                out += entry(hidden.finding, label: "suppressed", labelStyle: Style.dim, suffix: suffix, report)
            }
        }
        out += paint(summary(report), Style.bold) + "\n"
        return Array(out.utf8)
    }

    /// `3 findings (1 error, 2 warnings) in 12 files; 1 suppressed, 4 in baseline.`
    public func summary(_ report: Report) -> String {
        let files = report.filesChecked == 1 ? "1 file" : "\(report.filesChecked) files"
        var text: String
        if report.findings.isEmpty {
            text = "No findings in \(files)"
        } else {
            let parts = [Severity.error, .warning, .note].compactMap { severity -> String? in
                let n = report.count(severity)
                return n == 0 ? nil : "\(n) \(severity.rawValue)\(n == 1 ? "" : "s")"
            }
            let n = report.findings.count
            text = "\(n) finding\(n == 1 ? "" : "s") (\(parts.joined(separator: ", "))) in \(files)"
        }
        var hidden: [String] = []
        if report.suppressedCount > 0 { hidden.append("\(report.suppressedCount) suppressed") }
        if report.baselinedCount > 0 { hidden.append("\(report.baselinedCount) in baseline") }
        if !hidden.isEmpty { text += "; " + hidden.joined(separator: ", ") }
        return text + "."
    }

    private func entry(_ finding: Finding, label: String, labelStyle: String, suffix: String, _ report: Report) -> String {
        var out = ""
        if let range = finding.range {
            out += paint("\(range.file):\(range.start.line):\(range.start.column):", Style.bold) + " "
        }
        // Continuation lines of a multi-line message are indented so each entry still starts with its location.
        // Most messages are one line: a byte test skips the Character-wise split (most of this reporter's time).
        let message = finding.message.utf8.contains(UInt8(ascii: "\n"))
            ? finding.message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
            : finding.message
        out += paint("\(label)[\(finding.ruleID)]:", labelStyle) + " " + message + suffix + "\n"
        if let range = finding.range, let source = report.sources[range.file] {
            out += excerpt(range, source)
        }
        for related in finding.related {
            out += "  " + paint("\(related.range.file):\(related.range.start.line):\(related.range.start.column):", Style.bold)
                + " " + paint("note:", style(.note)) + " " + related.message + "\n"
        }
        return out
    }

    /// Widest excerpt shown, in bytes: minified JSON plans are one line of megabytes, and a finding
    /// there shows a window around its range, with `…` where the line goes on.
    static let maximumExcerptBytes = 160

    /// The first line of the range with a `^~~~` underline below it.
    func excerpt(_ range: SourceRange, _ source: SourceFile) -> String {
        let lineNumber = range.start.line
        guard lineNumber >= 1, lineNumber <= source.lineCount else { return "" }
        let bytes = source.bytes
        let lineStart = source.lineStarts[lineNumber - 1]
        var lineEnd = lineNumber < source.lineCount ? source.lineStarts[lineNumber] - 1 : bytes.count
        if lineEnd > lineStart, bytes[lineEnd - 1] == UInt8(ascii: "\r") { lineEnd -= 1 }
        let startOffset = byteOffset(of: range.start, lineStart: lineStart, lineEnd: lineEnd, bytes)
        let endOffset = range.end.line == lineNumber
            ? max(byteOffset(of: range.end, lineStart: lineStart, lineEnd: lineEnd, bytes), startOffset) : lineEnd
        var from = lineStart, to = lineEnd
        if lineEnd - lineStart > Self.maximumExcerptBytes {
            from = max(lineStart, startOffset - 40)
            to = min(lineEnd, from + Self.maximumExcerptBytes)
            while from > lineStart, bytes[from] & 0xC0 == 0x80 { from -= 1 }
            while to < lineEnd, bytes[to] & 0xC0 == 0x80 { to += 1 }
        }
        let lead = from > lineStart ? "…" : "", trail = to < lineEnd ? "…" : ""
        let gutter = String(lineNumber)
        let pad = String(repeating: " ", count: gutter.count)
        // Keep tabs so the underline lines up with the excerpt whatever the tab width.
        var marker = lead.isEmpty ? "" : " "
        for i in from..<min(startOffset, to) where bytes[i] & 0xC0 != 0x80 {
            marker += bytes[i] == UInt8(ascii: "\t") ? "\t" : " "
        }
        var width = 0
        for i in startOffset..<min(max(endOffset, startOffset), to) where bytes[i] & 0xC0 != 0x80 { width += 1 }
        marker += "^" + String(repeating: "~", count: max(1, width) - 1)
        let text = lead + String(decoding: bytes[from..<to], as: UTF8.self) + trail
        return " \(pad) |\n \(gutter) | \(text)\n \(pad) | " + paint(marker, Style.underline) + "\n"
    }

    /// The byte offset of a position on its line: its own offset when that agrees with its column
    /// (checked in constant time for ASCII text), else counted from the column.
    private func byteOffset(of position: SourcePosition, lineStart: Int, lineEnd: Int, _ bytes: [UInt8]) -> Int {
        let column = max(position.column, 1)
        if position.offset - lineStart == column - 1, position.offset <= lineEnd { return position.offset }
        var offset = lineStart, scalars = 1
        while offset < lineEnd, scalars < column {
            offset += 1
            while offset < lineEnd, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            scalars += 1
        }
        return offset
    }

    private func style(_ severity: Severity) -> String {
        switch severity {
        case .error: return Style.error
        case .warning: return Style.warning
        case .note: return Style.note
        }
    }

    private func paint(_ text: String, _ style: String) -> String {
        colour ? "\u{1B}[\(style)m\(text)\u{1B}[0m" : text
    }

    private enum Style {
        static let bold = "1"
        static let dim = "2"
        static let error = "1;31"
        static let warning = "1;33"
        static let note = "1;36"
        static let underline = "32"
    }
}
