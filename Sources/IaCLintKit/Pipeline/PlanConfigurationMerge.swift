// Joins a plan with the Terraform configuration it was made from, so each resource is reported once,
// at its line in the .tf file, with the plan's concrete values where the plan knows them.

import IaCLintCore

enum PlanConfigurationMerge {
    /// Merges `plan` (resources scoped to the plan file) into `configuration` (resources of the root
    /// module `configurationScope`). Returns the merged resources, scoped to the configuration.
    static func merge(plan: [Resource], into configuration: [Resource], configurationScope: String) -> [Resource] {
        var byAddress: [String: Int] = [:]
        var byBase: [String: Int] = [:]
        for (i, r) in configuration.enumerated() {
            byAddress[r.address] = i
            if byBase[r.baseAddress] == nil { byBase[r.baseAddress] = i }
        }
        var merged = configuration
        var planBases = Set<String>()
        var replaced = Set<Int>()
        var added: [Resource] = []
        for p in plan {
            planBases.insert(p.baseAddress)
            if let i = byAddress[p.address] {
                merged[i].attributes = mergeValue(plan: p.attributes, config: merged[i].attributes)
                merged[i].dependsOn = unique(merged[i].dependsOn + p.dependsOn)
                replaced.insert(i)
            } else {
                // An instance the configuration could not expand (count or for_each known only to the
                // plan): keep the plan's values, but point at the declaration in the .tf file.
                var r = p
                r.scope = configurationScope
                if let i = byBase[p.baseAddress] {
                    let declaration = configuration[i]
                    r.range = declaration.range
                    r.moduleCalls = declaration.moduleCalls
                    r.attributes = mergeValue(plan: p.attributes, config: stripKnown(declaration.attributes))
                }
                added.append(r)
            }
        }
        // Configuration instances the plan does not have, where the plan has the resource at all, are
        // guesses the plan overrides (e.g. an unknown count the evaluator expanded differently).
        let kept = merged.enumerated().filter { i, r in
            replaced.contains(i) || !planBases.contains(r.baseAddress)
        }.map(\.element)
        return kept + added
    }

    /// The plan's known leaves win; the configuration keeps ranges and references, and fills in what
    /// the plan leaves unknown.
    static func mergeValue(plan: Value, config: Value) -> Value {
        var out: Value
        switch (plan.kind, config.kind) {
        case (.unknown, _):
            out = config.isUnknown || config.isNull ? plan : config
            if config.isNull { out.range = config.range }
        case (.object(let pe), .object(let ce)):
            var entries: [ObjectEntry] = []
            var seen = Set<String>()
            for p in pe {
                seen.insert(p.key)
                if let c = ce.last(where: { $0.key == p.key }) {
                    entries.append(ObjectEntry(p.key, mergeValue(plan: p.value, config: c.value), keyRange: c.keyRange))
                } else {
                    entries.append(p)
                }
            }
            for c in ce where !seen.contains(c.key) { entries.append(c) }
            out = Value(.object(entries))
        case (.list(let pl), .list(let cl)) where pl.count == cl.count:
            out = Value(.list(zip(pl, cl).map { mergeValue(plan: $0, config: $1) }))
        case (.null, .conditional), (.null, .unknown):
            out = config
        default:
            out = Value(plan.kind)
        }
        out.range = config.range ?? plan.range
        out.references = unique(config.references + plan.references)
        out.via = config.via
        return out
    }

    /// A declaration's values as a template for an instance the evaluator did not produce: ranges and
    /// references stay, values become unknown so the plan's fill them.
    private static func stripKnown(_ value: Value) -> Value {
        switch value.kind {
        case .object(let entries):
            var v = value
            v.kind = .object(entries.map { ObjectEntry($0.key, stripKnown($0.value), keyRange: $0.keyRange) })
            return v
        default:
            var v = value
            v.kind = .unknown(UnknownReason(.knownAfterApply))
            return v
        }
    }

    private static func unique(_ refs: [Reference]) -> [Reference] {
        var seen = Set<Reference>()
        return refs.filter { seen.insert($0).inserted }
    }
}
