// Applies suppressions to findings: `iaclint:ignore` comments before a statement, `ignore-file`
// comments, and CloudFormation `Metadata.iaclint.ignore` entries. Reports suppressions that match
// nothing (IAC002) and ones without a reason or with an unknown rule (IAC003).

import IaCLintCore
import IaCLintRules

public struct SuppressionOutcome: Sendable {
    /// Findings still reported.
    public var findings: [Finding]
    public var suppressed: [SuppressedFinding]
    /// Notes about the suppressions themselves (IAC002, IAC003).
    public var notes: [Finding]
}

public enum Suppressor {
    /// One usable suppression and which of its rules matched something.
    struct Active {
        var rules: [String]
        var reason: String
        var kind: SuppressedFinding.Kind
        var file: String?
        /// For inline comments: the statement's first and last lines.
        var lines: ClosedRange<Int>?
        /// For metadata: the resource carrying it.
        var resource: String?
        var range: SourceRange?
        var used: Set<String> = []
    }

    /// `knownRules` lets a suppression naming an unknown id be reported (empty: accept any);
    /// suppressions for `disabledRules` are never reported as unused.
    public static func apply(_ findings: [Finding], sources: [String: SourceFile], graph: ResourceGraph,
                             knownRules: Set<String> = [], disabledRules: Set<String> = []) -> SuppressionOutcome {
        var notes: [Finding] = []
        var active: [Active] = []

        for path in sources.keys.sorted() {
            guard let source = sources[path] else { continue }
            for comment in SuppressionComment.scan(source) {
                let how = comment.scope == .file ? "iaclint:ignore-file" : "iaclint:ignore"
                guard let rules = validate(comment.rules, reason: comment.reason, how: how, at: comment.range,
                                           knownRules: knownRules, notes: &notes) else { continue }
                switch comment.scope {
                case .file:
                    active.append(Active(rules: rules, reason: comment.reason ?? "", kind: .file, file: path, range: comment.range))
                case .lines(let target, let last):
                    active.append(Active(rules: rules, reason: comment.reason ?? "", kind: .inline, file: path,
                                         lines: target...max(target, last), range: comment.range))
                case .nothing:
                    for rule in rules where !disabledRules.contains(rule) {
                        notes.append(SuppressionRules.unusedFinding(rule, at: comment.range, how: how))
                    }
                }
            }
        }
        for position in ignoreMetadataPositions(graph.resources) {
            let resource = graph.resources[position]
            guard let entries = resource.metadata?["iaclint"]?["ignore"] else { continue }
            guard let list = entries.listValue else {
                notes.append(SuppressionRules.invalidFinding("Metadata iaclint.ignore on \(resource.address) must be a list of {rule, reason}",
                                                             at: entries.range ?? resource.range, discriminator: resource.address))
                continue
            }
            for entry in list {
                let rule = entry["rule"]?.stringValue
                let reason = entry["reason"]?.stringValue.map(SuppressionComment.trim)
                let range = entry.range ?? resource.range
                guard let rules = validate(rule.map { [$0.uppercased()] } ?? [], reason: reason?.isEmpty == true ? nil : reason,
                                           how: "Metadata iaclint.ignore on \(resource.address)", at: range,
                                           knownRules: knownRules, notes: &notes) else { continue }
                active.append(Active(rules: rules, reason: reason ?? "", kind: .metadata, file: resource.range?.file,
                                     resource: resource.address, range: range))
            }
        }

        guard !active.isEmpty else { return SuppressionOutcome(findings: findings, suppressed: [], notes: notes.sortedInReportOrder()) }

        // Where each resource is declared: an ignore before the header covers the resource's findings.
        // Only the resources findings name are ever looked up: a set of those, rather than a table of
        // every resource in the graph (an array per address).
        var named = Set<String>()
        for finding in findings { if let resource = finding.resource { named.insert(resource) } }
        var headers: [String: [SourceRange]] = [:]
        for resource in graph.resources where named.contains(resource.address) {
            if let range = resource.range { headers[resource.address, default: []].append(range) }
        }

        // Candidate suppressions per file and per resource, so each finding looks at a few, not all.
        var byFile: [String: [Int]] = [:]
        var byResource: [String: [Int]] = [:]
        for (i, s) in active.enumerated() {
            if s.kind == .metadata, let resource = s.resource { byResource[resource, default: []].append(i) }
            else if let file = s.file { byFile[file, default: []].append(i) }
        }

        var kept: [Finding] = []
        var suppressed: [SuppressedFinding] = []
        for finding in findings {
            guard finding.ruleID != Report.inputErrorRuleID else { kept.append(finding); continue }
            var candidates: [Int] = []
            if let file = finding.range?.file { candidates += byFile[file] ?? [] }
            if let resource = finding.resource {
                candidates += byResource[resource] ?? []
                for header in headers[resource] ?? [] where header.file != finding.range?.file { candidates += byFile[header.file] ?? [] }
            }
            // The first suppression in declaration order wins, as if all were scanned in order.
            guard let index = candidates.sorted().first(where: { matches(active[$0], finding, headers) }) else {
                kept.append(finding)
                continue
            }
            active[index].used.insert(finding.ruleID)
            suppressed.append(SuppressedFinding(finding, kind: active[index].kind, reason: active[index].reason))
        }
        for suppression in active {
            for rule in suppression.rules where !suppression.used.contains(rule) && !disabledRules.contains(rule) {
                let how: String
                switch suppression.kind {
                case .file: how = "iaclint:ignore-file"
                case .metadata: how = "Metadata iaclint.ignore on \(suppression.resource ?? "")"
                default: how = "iaclint:ignore"
                }
                notes.append(SuppressionRules.unusedFinding(rule, at: suppression.range, how: how))
            }
        }
        return SuppressionOutcome(findings: kept, suppressed: suppressed, notes: notes.sortedInReportOrder())
    }

    /// Positions of the resources with `Metadata.iaclint.ignore`, in graph order. Every resource is
    /// looked at, in place and on every core: copying each of a large graph's 320,000 resources out
    /// of the array to ask for metadata (which only a few CloudFormation resources have) was most of
    /// this phase.
    static func ignoreMetadataPositions(_ resources: [Resource]) -> [Int] {
        let chunkCount = resources.count < 8192 ? 1 : Concurrency.processorCount * 4
        let size = (resources.count + chunkCount - 1) / max(1, chunkCount)
        let chunks = (0..<chunkCount).map { c in (c * size)..<min(resources.count, (c + 1) * size) }.filter { !$0.isEmpty }
        let found = chunks.parallelMap { range in
            resources.withUnsafeBufferPointer { resources in
                range.filter { resources[$0].metadata?["iaclint"]?["ignore"] != nil }
            }
        }
        return found.flatMap { $0 }
    }

    static func matches(_ s: Active, _ finding: Finding, _ headers: [String: [SourceRange]]) -> Bool {
        guard s.rules.contains(finding.ruleID) else { return false }
        switch s.kind {
        case .file:
            return finding.range?.file == s.file
        case .metadata:
            guard finding.resource == s.resource else { return false }
            return s.file == nil || finding.range == nil || finding.range?.file == s.file
        case .inline:
            guard let lines = s.lines else { return false }
            if let range = finding.range, range.file == s.file, lines.contains(range.start.line) { return true }
            if let resource = finding.resource,
               headers[resource]?.contains(where: { $0.file == s.file && $0.start.line == lines.lowerBound }) == true {
                return true
            }
            return false
        case .baseline:
            return false
        }
    }

    /// The rule ids to apply, or nil (with a note) when the suppression cannot be applied.
    static func validate(_ rules: [String], reason: String?, how: String, at range: SourceRange?,
                         knownRules: Set<String>, notes: inout [Finding]) -> [String]? {
        if rules.isEmpty {
            notes.append(SuppressionRules.invalidFinding("\(how) names no rule; write the rule id, e.g. `iaclint:ignore APIGW001 -- reason`",
                                                         at: range, discriminator: "no-rule"))
            return nil
        }
        guard reason != nil else {
            notes.append(SuppressionRules.invalidFinding("\(how) \(rules.joined(separator: ",")) has no reason, so it is not applied; add `-- why this is acceptable`",
                                                         at: range, discriminator: "no-reason"))
            return nil
        }
        var valid: [String] = []
        for rule in rules {
            if !knownRules.isEmpty, !knownRules.contains(rule) {
                notes.append(SuppressionRules.invalidFinding("\(how) names unknown rule \(rule); run `iaclint rules` for the list",
                                                             at: range, discriminator: rule))
            } else {
                valid.append(rule)
            }
        }
        return valid.isEmpty ? nil : valid
    }
}
