// `iaclint-bench census PATH`: what the graph of a scan holds after the pipeline (resources, values, edges,
// string bytes), by resource type family, to see where the memory of a large scan goes.

import IaCLintCore
import IaCLintKit

func runGraphCensus(_ args: [String]) -> Int32 {
    let result = Linter.lint(LintRequest(paths: args))
    struct Tally { var resources = 0, dropped = 0, values = 0, entries = 0, refs = 0, refTargetBytes = 0, stringBytes = 0, withMeta = 0, via = 0, addressBytes = 0, keyed = 0 }
    var byType: [String: Tally] = [:]
    func walk(_ v: Value, _ t: inout Tally) {
        t.values += 1
        if !v.references.isEmpty || !v.via.isEmpty { t.withMeta += 1 }
        t.via += v.via.count
        for r in v.references { t.refs += 1; t.refTargetBytes += r.target.utf8.count > 15 ? r.target.utf8.count : 0 }
        switch v.kind {
        case .string(let s): t.stringBytes += s.utf8.count > 15 ? s.utf8.count : 0
        case .list(let l): for x in l { walk(x, &t) }
        case .object(let e): for x in e { t.entries += 1; walk(x.value, &t) }
        case .conditional(_, let a, let b): walk(a, &t); walk(b, &t)
        default: break
        }
    }
    for r in result.graph.resources {
        var t = byType[r.type, default: Tally()]
        t.resources += 1
        if r.attributes.objectEntries?.isEmpty ?? false { t.dropped += 1 }
        t.addressBytes += r.address.utf8.count
        if r.instanceKey != nil { t.keyed += 1 }
        walk(r.attributes, &t)
        for d in r.dependsOn { t.refs += 1; t.refTargetBytes += d.target.utf8.count }
        byType[r.type] = t
    }
    var total = Tally()
    print("type resources dropped keyed values entries withMeta via refs refTargetBytes stringBytes addressBytes")
    for (type, t) in byType.sorted(by: { $0.value.values > $1.value.values }) {
        print(type, t.resources, t.dropped, t.keyed, t.values, t.entries, t.withMeta, t.via, t.refs, t.refTargetBytes, t.stringBytes, t.addressBytes)
        total.resources += t.resources; total.dropped += t.dropped; total.values += t.values; total.entries += t.entries
        total.withMeta += t.withMeta; total.via += t.via; total.refs += t.refs; total.refTargetBytes += t.refTargetBytes
        total.stringBytes += t.stringBytes; total.addressBytes += t.addressBytes; total.keyed += t.keyed
    }
    print("TOTAL", total.resources, total.dropped, total.keyed, total.values, total.entries, total.withMeta, total.via, total.refs, total.refTargetBytes, total.stringBytes, total.addressBytes)
    return 0
}
