// JUnit XML: one test suite per file with findings, one failing test case per finding, so CI
// systems that read test reports list every finding.

import IaCLintCore

public struct JUnitReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> [UInt8] {
        let byFile = Report.groupedByFile(report.findings, noFile: "(no file)")
        let total = report.findings.count
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"\(XML.escape(report.tool.name))\" tests=\"\(max(total, 1))\" failures=\"\(total)\">\n"
        if byFile.isEmpty {
            out += "  <testsuite name=\"\(XML.escape(report.tool.name))\" tests=\"1\" failures=\"0\" errors=\"0\">\n"
            out += "    <testcase name=\"no findings in \(report.filesChecked) files\" classname=\"\(XML.escape(report.tool.name))\"/>\n"
            out += "  </testsuite>\n"
        }
        for (file, findings) in byFile {
            out += "  <testsuite name=\"\(XML.escape(file))\" tests=\"\(findings.count)\" failures=\"\(findings.count)\" errors=\"0\">\n"
            for finding in findings {
                let location = finding.range.map { "\($0.file):\($0.start.line):\($0.start.column)" } ?? file
                let name = "\(finding.ruleID) \(finding.resource ?? location)"
                out += "    <testcase name=\"\(XML.escape(name))\" classname=\"\(XML.escape(file))\">\n"
                out += "      <failure message=\"\(XML.escape(finding.message))\" type=\"\(XML.escape(finding.severity.rawValue))\">"
                out += XML.escape("\(location): \(finding.severity.rawValue)[\(finding.ruleID)] \(finding.ruleName): \(finding.message)")
                out += "</failure>\n"
                out += "    </testcase>\n"
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return Array(out.utf8)
    }
}
