// The machine-readable format, schema version 1 (documented in docs/json-report.md).

import IaCLintCore

public struct JSONReporter: Reporter {
    /// Bumped only on incompatible changes; new keys may be added within a version.
    public static let schemaVersion = 1

    public init() {}

    public func render(_ report: Report) -> [UInt8] {
        let ruleFindings = report.ruleFindings
        var ruleErrors = 0
        for i in ruleFindings.indices where ruleFindings[i].severity == .error { ruleErrors += 1 }
        var root: [(String, JSONValue)] = [
            ("version", .int(JSONReporter.schemaVersion)),
            ("tool", .object([("name", .string(report.tool.name)), ("version", .string(report.tool.version))])),
            ("findings", .array(ruleFindings.map { findingObject($0, report) })),
            ("errors", .array(report.inputErrors.map(errorObject))),
        ]
        if report.showSuppressed {
            root.append(("suppressed", .array(report.suppressed.map { hidden in
                var object = findingEntries(hidden.finding, report)
                object.append(("suppression", .object([("kind", .string(hidden.kind.rawValue)), ("reason", .string(hidden.reason))])))
                return .object(object)
            })))
        }
        root.append(("summary", .object([
            ("filesChecked", .int(report.filesChecked)),
            ("findings", .int(ruleFindings.count)),
            ("errors", .int(ruleErrors)),
            ("warnings", .int(report.count(.warning))),
            ("notes", .int(report.count(.note))),
            ("inputErrors", .int(report.inputErrors.count)),
            ("suppressed", .int(report.suppressedCount)),
            ("baselined", .int(report.baselinedCount)),
        ])))
        return JSONValue.object(root).serialized()
    }

    func findingObject(_ finding: Finding, _ report: Report) -> JSONValue { .object(findingEntries(finding, report)) }

    func findingEntries(_ finding: Finding, _ report: Report) -> [(String, JSONValue)] {
        let range = finding.range
        return [
            ("rule", .string(finding.ruleID)),
            ("name", .string(finding.ruleName)),
            ("severity", .string(finding.severity.rawValue)),
            ("message", .string(finding.message)),
            ("file", range.map { .string($0.file) } ?? .null),
            ("line", range.map { .int($0.start.line) } ?? .null),
            ("column", range.map { .int($0.start.column) } ?? .null),
            ("endLine", range.map { .int($0.end.line) } ?? .null),
            ("endColumn", range.map { .int($0.end.column) } ?? .null),
            ("resource", finding.resource.map { .string($0) } ?? .null),
            ("fingerprint", .string(finding.fingerprint)),
        ]
    }

    func errorObject(_ finding: Finding) -> JSONValue {
        .object([
            ("rule", .string(finding.ruleID)),
            ("message", .string(finding.message)),
            ("file", finding.range.map { .string($0.file) } ?? .null),
            ("line", finding.range.map { .int($0.start.line) } ?? .null),
            ("column", finding.range.map { .int($0.start.column) } ?? .null),
        ])
    }
}
