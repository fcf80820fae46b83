// GitLab Code Quality JSON: an array of issues with description, check_name, fingerprint,
// severity and location (path and begin line), shown in merge request widgets.

import IaCLintCore

public struct GitLabReporter: Reporter {
    public init() {}

    public func render(_ report: Report) -> [UInt8] {
        var seen: [String: Int] = [:]
        let paths = report.repositoryPaths()
        let issues: [JSONValue] = report.findings.map { finding in
            // GitLab needs a unique fingerprint per issue; repeat findings get a counter.
            let count = seen[finding.fingerprint, default: 0]
            seen[finding.fingerprint] = count + 1
            let fingerprint = count == 0 ? finding.fingerprint : "\(finding.fingerprint)-\(count)"
            var location: [(String, JSONValue)] = [("path", .string(finding.range.map { paths[$0.file] ?? $0.file } ?? ""))]
            location.append(("lines", .object([("begin", .int(finding.range?.start.line ?? 1))])))
            return .object([
                ("type", .string("issue")),
                ("description", .string(finding.message)),
                ("check_name", .string("\(finding.ruleID) \(finding.ruleName)")),
                ("fingerprint", .string(fingerprint)),
                ("severity", .string(GitLabReporter.severity(finding))),
                ("categories", .array([.string(finding.ruleID == Report.inputErrorRuleID ? "Bug Risk" : "Security")])),
                ("location", .object(location)),
            ])
        }
        return JSONValue.array(issues).serialized()
    }

    /// GitLab's scale: info, minor, major, critical, blocker. Input errors are critical: nothing
    /// in the file was checked.
    static func severity(_ finding: Finding) -> String {
        if finding.ruleID == Report.inputErrorRuleID { return "critical" }
        switch finding.severity {
        case .error: return "major"
        case .warning: return "minor"
        case .note: return "info"
        }
    }
}
