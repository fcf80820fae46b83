// The terminal format: `path:line:col: severity[ID]: message`, the source line with the range
// underlined, and a one-line summary. Colour only when asked (a terminal without NO_COLOR).

import IaCLintCore

public struct TextReporter: Reporter {
    public var colour: Bool

    public init(colour: Bool = false) { self.colour = colour }

    public func render(_ report: Report) -> [UInt8] {
        var whole: [UInt8] = []
        stream(report) { whole += $0 }
        return whole
    }

    /// Pieces of about 64 KB: the whole text of a large scan (18,000 findings, 7 MB, doubled twice
    /// while it grew) was the last thing to raise the process's peak memory.
    public func stream(_ report: Report, to write: ([UInt8]) -> Void) {
        // Written as bytes into one buffer: building a String per entry and joining them cost more
        // than the text itself.
        let piece = 64 << 10
        var out: [UInt8] = []
        out.reserveCapacity(piece + 4096)
        func flushIfFull() {
            guard out.count >= piece else { return }
            write(out)
            out.removeAll(keepingCapacity: true)
        }
        // Each finding read in place: `for finding in` copied every finding out of the array, a retain
        // and a release of each of its strings.
        let findings = report.findings
        for i in findings.indices {
            entry(findings[i], label: findings[i].severity.rawValue, labelStyle: style(findings[i].severity), suffix: "", report, into: &out)
            flushIfFull()
        }
        if report.showSuppressed {
            for hidden in report.suppressed {
                let suffix = " (\(hidden.kind == .baseline ? "in baseline" : "suppressed: \(hidden.reason)"))"
                entry(hidden.finding, label: "suppressed", labelStyle: Style.dim, suffix: suffix, report, into: &out)
                flushIfFull()
            }
        }
        paint(Style.bold, &out) { ByteScan.append(summary(report), to: &$0) }
        out.append(UInt8(ascii: "\n"))
        write(out)
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

    private func entry(_ finding: Finding, label: String, labelStyle: String, suffix: String, _ report: Report,
                       into out: inout [UInt8]) {
        let file = finding.range?.file
        if let range = finding.range, let file {
            paint(Style.bold, &out) { location(file, range.start, &$0) }
            out.append(UInt8(ascii: " "))
        }
        // Continuation lines of a multi-line message are indented so each entry still starts with its location.
        // Most messages are one line: a byte test skips the Character-wise split.
        let message = ByteScan.contains(finding.message, where: { $0 == UInt8(ascii: "\n") })
            ? finding.message.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\n    ")
            : finding.message
        paint(labelStyle, &out) { out in
            ByteScan.append(label, to: &out)
            out.append(UInt8(ascii: "["))
            ByteScan.append(finding.ruleID, to: &out)
            out.append(contentsOf: "]:".utf8)
        }
        out.append(UInt8(ascii: " "))
        ByteScan.append(message, to: &out)
        ByteScan.append(suffix, to: &out)
        out.append(UInt8(ascii: "\n"))
        if let range = finding.range, let file, let source = report.sources[file] {
            excerpt(range, source, into: &out)
        }
        for related in finding.related {
            out.append(contentsOf: "  ".utf8)
            paint(Style.bold, &out) { location(related.range.file, related.range.start, &$0) }
            out.append(UInt8(ascii: " "))
            paint(style(.note), &out) { $0.append(contentsOf: "note:".utf8) }
            out.append(UInt8(ascii: " "))
            ByteScan.append(related.message, to: &out)
            out.append(UInt8(ascii: "\n"))
        }
    }

    /// `path:line:column:`
    private func location(_ file: String, _ position: SourcePosition, _ out: inout [UInt8]) {
        ByteScan.append(file, to: &out)
        out.append(UInt8(ascii: ":"))
        ByteScan.append(String(position.line), to: &out)
        out.append(UInt8(ascii: ":"))
        ByteScan.append(String(position.column), to: &out)
        out.append(UInt8(ascii: ":"))
    }

    /// Widest excerpt shown, in bytes: minified JSON plans are one line of megabytes, and a finding
    /// there shows a window around its range, with `…` where the line goes on.
    static let maximumExcerptBytes = 160

    /// The first line of the range with a `^~~~` underline below it.
    func excerpt(_ range: SourceRange, _ source: SourceFile) -> String {
        var out: [UInt8] = []
        excerpt(range, source, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func excerpt(_ range: SourceRange, _ source: SourceFile, into out: inout [UInt8]) {
        let lineNumber = range.start.line
        guard lineNumber >= 1, lineNumber <= source.lineCount else { return }
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
        let ellipsis = "…".utf8
        let gutter = String(lineNumber).utf8
        let space = UInt8(ascii: " ")
        // ` <pad> |` then ` <line> | <text>` then ` <pad> | <marker>`.
        out.append(space)
        out.append(contentsOf: repeatElement(space, count: gutter.count))
        out.append(contentsOf: " |\n ".utf8)
        out.append(contentsOf: gutter)
        out.append(contentsOf: " | ".utf8)
        if from > lineStart { out.append(contentsOf: ellipsis) }
        let line = bytes[from..<to]
        if line.allSatisfy({ $0 < 0x80 }) {
            out.append(contentsOf: line)
        } else {
            // As text: invalid UTF-8 shows as U+FFFD, as it always has.
            ByteScan.append(String(decoding: line, as: UTF8.self), to: &out)
        }
        if to < lineEnd { out.append(contentsOf: ellipsis) }
        out.append(UInt8(ascii: "\n"))
        out.append(space)
        out.append(contentsOf: repeatElement(space, count: gutter.count))
        out.append(contentsOf: " | ".utf8)
        paint(Style.underline, &out) { out in
            // Keep tabs so the underline lines up with the excerpt whatever the tab width.
            if from > lineStart { out.append(space) }
            for i in from..<min(startOffset, to) where bytes[i] & 0xC0 != 0x80 {
                out.append(bytes[i] == UInt8(ascii: "\t") ? UInt8(ascii: "\t") : space)
            }
            var width = 0
            for i in startOffset..<min(max(endOffset, startOffset), to) where bytes[i] & 0xC0 != 0x80 { width += 1 }
            out.append(UInt8(ascii: "^"))
            out.append(contentsOf: repeatElement(UInt8(ascii: "~"), count: max(1, width) - 1))
        }
        out.append(UInt8(ascii: "\n"))
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

    /// Writes what `body` writes, wrapped in the style's escape codes when colour is on.
    private func paint(_ style: String, _ out: inout [UInt8], _ body: (inout [UInt8]) -> Void) {
        guard colour else { return body(&out) }
        out.append(contentsOf: "\u{1B}[".utf8)
        ByteScan.append(style, to: &out)
        out.append(UInt8(ascii: "m"))
        body(&out)
        out.append(contentsOf: "\u{1B}[0m".utf8)
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
