// Checkstyle XML, read by many CI dashboards and review bots (reviewdog, Jenkins warnings).

import IaCLintCore

public struct CheckstyleReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> [UInt8] {
        let byFile = Report.groupedByFile(report.findings, noFile: "")
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n"
        for (file, findings) in byFile {
            out += "  <file name=\"\(XML.escape(file))\">\n"
            for finding in findings {
                let severity = finding.severity == .note ? "info" : finding.severity.rawValue
                var attributes = ""
                if let range = finding.range { attributes += "line=\"\(range.start.line)\" column=\"\(range.start.column)\" " }
                attributes += "severity=\"\(severity)\" message=\"\(XML.escape(finding.message))\" source=\"iaclint.\(XML.escape(finding.ruleID))\""
                out += "    <error \(attributes)/>\n"
            }
            out += "  </file>\n"
        }
        out += "</checkstyle>\n"
        return Array(out.utf8)
    }
}
