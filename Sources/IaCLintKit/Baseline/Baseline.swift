// A baseline: the findings a repository already had when it adopted iaclint, identified by
// line-independent fingerprints, so only new findings are reported and fail the run.

import IaCLintCore
import PositionedJSON

public struct BaselineEntry: Hashable, Sendable {
    public var fingerprint: String
    public var rule: String
    public var resource: String?
    public var file: String?

    public init(fingerprint: String, rule: String, resource: String?, file: String?) {
        self.fingerprint = fingerprint
        self.rule = rule
        self.resource = resource
        self.file = file
    }
}

public struct Baseline: Sendable {
    public static let formatVersion = 1
    public var entries: [BaselineEntry]

    public init(entries: [BaselineEntry]) { self.entries = entries }

    /// A baseline of these findings; input errors (IAC001) are never baselined.
    public init(findings: [Finding]) {
        entries = findings.filter { $0.ruleID != Report.inputErrorRuleID }.map {
            BaselineEntry(fingerprint: $0.fingerprint, rule: $0.ruleID, resource: $0.resource, file: $0.range?.file)
        }
        entries.sort { ($0.file ?? "", $0.rule, $0.resource ?? "", $0.fingerprint) < ($1.file ?? "", $1.rule, $1.resource ?? "", $1.fingerprint) }
    }

    /// Splits findings into new ones and ones the baseline knows. Each entry absorbs one finding,
    /// so a second identical finding added later is still new.
    public func partition(_ findings: [Finding], baselinePath: String) -> (new: [Finding], known: [SuppressedFinding]) {
        var remaining: [String: Int] = [:]
        for entry in entries { remaining[entry.fingerprint, default: 0] += 1 }
        var new: [Finding] = []
        var known: [SuppressedFinding] = []
        for finding in findings {
            if finding.ruleID != Report.inputErrorRuleID, let n = remaining[finding.fingerprint], n > 0 {
                remaining[finding.fingerprint] = n - 1
                known.append(SuppressedFinding(finding, kind: .baseline, reason: "in baseline \(baselinePath)"))
            } else {
                new.append(finding)
            }
        }
        return (new, known)
    }

    public func serialized() -> [UInt8] {
        JSONValue.object([
            ("version", .int(Baseline.formatVersion)),
            ("tool", .string("iaclint")),
            ("findings", .array(entries.map { entry in
                .object([
                    ("fingerprint", .string(entry.fingerprint)),
                    ("rule", .string(entry.rule)),
                    ("resource", entry.resource.map { .string($0) } ?? .null),
                    ("file", entry.file.map { .string($0) } ?? .null),
                ])
            })),
        ]).serialized()
    }

    public static func parse(_ bytes: [UInt8], path: String) -> Result<Baseline, FileError> {
        let parsed = JSONReader.parse(bytes, path: path)
        guard let root = parsed.document?.root else {
            let error = parsed.diagnostics.first
            let location = error?.range.map { "\($0.start.line):\($0.start.column): " } ?? ""
            return .failure(FileError(path: path, message: "\(location)not a baseline file: \(error?.message ?? "not JSON")"))
        }
        guard root["version"]?.numberValue == Double(formatVersion) else {
            return .failure(FileError(path: path, message: "not an iaclint baseline of version \(formatVersion) (missing or different \"version\")"))
        }
        guard let list = root["findings"], list.kind == .array else {
            return .failure(FileError(path: path, message: "baseline has no \"findings\" list"))
        }
        var entries: [BaselineEntry] = []
        for (i, item) in list.elements.enumerated() {
            guard let fingerprint = item["fingerprint"]?.stringValue, let rule = item["rule"]?.stringValue else {
                return .failure(FileError(path: path, message: "baseline entry \(i + 1) lacks \"fingerprint\" or \"rule\""))
            }
            entries.append(BaselineEntry(fingerprint: fingerprint, rule: rule, resource: item["resource"]?.stringValue,
                                         file: item["file"]?.stringValue))
        }
        return .success(Baseline(entries: entries))
    }

    public static func read(_ path: String) -> Result<Baseline, FileError> {
        switch FileSystem.read(path) {
        case .failure(let error): return .failure(error)
        case .success(let bytes): return parse(bytes, path: path)
        }
    }
}
