// SARIF 2.1.0 as GitHub code scanning reads it: rule metadata with help and security-severity,
// results with repository-relative locations and partial fingerprints.

import IaCLintCore
import IaCLintRules

public struct SARIFReporter: Reporter {
    public static let fingerprintKey = "iaclintFingerprint/v1"

    public init() {}

    public func render(_ report: Report) -> [UInt8] {
        var rules = report.rules
        // A finding whose rule is missing from the catalog still needs a descriptor to point at.
        // In the order of findings then suppressed findings, each read in place (no concatenated copy).
        func describeMissingRule(_ finding: Finding) {
            guard !rules.contains(where: { $0.id == finding.ruleID }) else { return }
            rules.append(RuleDescription(id: finding.ruleID, name: finding.ruleName, severity: finding.severity,
                                         summary: finding.ruleName, rationale: "", fix: "", tags: [], securitySeverity: 0))
        }
        for i in report.findings.indices { describeMissingRule(report.findings[i]) }
        for i in report.suppressed.indices { describeMissingRule(report.suppressed[i].finding) }
        var index: [String: Int] = [:]
        for (i, rule) in rules.enumerated() where index[rule.id] == nil { index[rule.id] = i }

        let paths = report.repositoryPaths()
        var results = report.findings.map { result($0, ruleIndex: index[$0.ruleID], suppression: nil, paths) }
        if report.showSuppressed {
            results += report.suppressed.map { result($0.finding, ruleIndex: index[$0.finding.ruleID], suppression: $0, paths) }
        }
        let run: JSONValue = .object([
            ("tool", .object([("driver", .object([
                ("name", .string(report.tool.name)),
                ("version", .string(report.tool.version)),
                ("semanticVersion", .string(report.tool.version)),
                ("informationUri", .string(report.tool.informationURI)),
                ("rules", .array(rules.map { descriptor($0, report) })),
            ]))])),
            ("columnKind", .string("unicodeCodePoints")),
            ("invocations", .array([.object([("executionSuccessful", .bool(report.inputErrors.isEmpty))])])),
            ("results", .array(results)),
        ])
        return JSONValue.object([
            ("$schema", .string("https://json.schemastore.org/sarif-2.1.0.json")),
            ("version", .string("2.1.0")),
            ("runs", .array([run])),
        ]).serialized()
    }

    func descriptor(_ rule: RuleDescription, _ report: Report) -> JSONValue {
        let full = rule.rationale.isEmpty ? rule.summary : rule.rationale
        var properties: [(String, JSONValue)] = [
            ("tags", .array(rule.tags.map { .string($0) })),
            ("precision", .string("high")),
            ("problem.severity", .string(rule.severity == .note ? "recommendation" : rule.severity.rawValue)),
        ]
        if rule.securitySeverity > 0 {
            properties.append(("security-severity", .string(SARIFReporter.decimal(rule.securitySeverity))))
        }
        return .object([
            ("id", .string(rule.id)),
            ("name", .string(rule.name)),
            ("shortDescription", .object([("text", .string(rule.summary))])),
            ("fullDescription", .object([("text", .string(full))])),
            ("help", .object([("text", .string(RuleHelp.plainText(rule))), ("markdown", .string(RuleHelp.markdown(rule)))])),
            ("helpUri", .string(report.tool.informationURI + "/blob/main/rules/\(rule.id).md")),
            ("defaultConfiguration", .object([("level", .string(SARIFReporter.level(rule.severity)))])),
            ("properties", .object(properties)),
        ])
    }

    func result(_ finding: Finding, ruleIndex: Int?, suppression: SuppressedFinding?, _ paths: [String: String]) -> JSONValue {
        var entries: [(String, JSONValue)] = [("ruleId", .string(finding.ruleID))]
        if let ruleIndex { entries.append(("ruleIndex", .int(ruleIndex))) }
        entries.append(("level", .string(SARIFReporter.level(finding.severity))))
        entries.append(("message", .object([("text", .string(finding.message))])))
        if let range = finding.range {
            entries.append(("locations", .array([.object([("physicalLocation", physicalLocation(range, paths))])])))
        }
        if !finding.related.isEmpty {
            entries.append(("relatedLocations", .array(finding.related.enumerated().map { i, related in
                .object([
                    ("id", .int(i)),
                    ("physicalLocation", physicalLocation(related.range, paths)),
                    ("message", .object([("text", .string(related.message))])),
                ])
            })))
        }
        entries.append(("partialFingerprints", .object([(SARIFReporter.fingerprintKey, .string(finding.fingerprint))])))
        if let suppression {
            entries.append(("suppressions", .array([.object([
                ("kind", .string(suppression.kind == .baseline ? "external" : "inSource")),
                ("justification", .string(suppression.reason)),
            ])])))
        }
        if let resource = finding.resource {
            entries.append(("properties", .object([("resource", .string(resource))])))
        }
        return .object(entries)
    }

    func physicalLocation(_ range: SourceRange, _ paths: [String: String]) -> JSONValue {
        var region: [(String, JSONValue)] = [("startLine", .int(max(1, range.start.line))), ("startColumn", .int(max(1, range.start.column)))]
        // An empty range has no end; SARIF then means "to the end of the line", which reads better
        // than a zero-width region.
        if !range.isEmpty {
            region.append(("endLine", .int(max(1, range.end.line))))
            region.append(("endColumn", .int(max(1, range.end.column))))
        }
        return .object([
            ("artifactLocation", .object([
                ("uri", .string(SARIFReporter.uri(paths[range.file] ?? range.file))),
                ("uriBaseId", .string("%SRCROOT%")),
            ])),
            ("region", .object(region)),
        ])
    }

    static func level(_ severity: Severity) -> String {
        switch severity {
        case .error: return "error"
        case .warning: return "warning"
        case .note: return "note"
        }
    }

    /// One decimal place, as GitHub expects `security-severity` ("7.5").
    static func decimal(_ value: Double) -> String {
        let tenths = Int((min(max(value, 0), 10) * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Percent-encodes a relative path for a URI reference, keeping `/`.
    static func uri(_ path: String) -> String {
        func kept(_ byte: UInt8) -> Bool {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                return true
            default:
                return false
            }
        }
        // Most paths need no encoding: one byte scan instead of a rebuild per location.
        if !ByteScan.contains(path, where: { !kept($0) }) { return path }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
