// Every rule iaclint knows, in report order, including the parse-error pseudo-rule.

import Dispatch
import IaCLintCore

public enum RuleCatalog {
    /// The rules' checks, in id order.
    static let rules: [any Rule] = [
        StageAccessLoggingRule(), AccessLogDestinationRule(), AccessLogFormatRule(), AccountCloudWatchRoleRule(),
        AccountRolePermissionsRule(), StageWaitsForAccountRule(), AccessLogRetentionRule(), ExecutionLoggingRule(),
        DataTraceLoggingRule(), AccessLogGroupNameRule(),
    ]

    /// Where a rule goes in the parallel schedule: measured costliest first on a large repository
    /// (dependency searches, log-group usages, formats, role policies), the rest in catalog order.
    static func costRank(_ index: Int) -> Int {
        let costliest = ["APIGW006", "APIGW010", "APIGW007", "APIGW003", "APIGW005"]
        return costliest.firstIndex(of: type(of: rules[index]).description.id) ?? (costliest.count + index)
    }

    /// Every rule's description (APIGW001–APIGW010, then IAC001).
    public static let all: [RuleDescription] = rules.map { type(of: $0).description } + [ParseErrorRule.description]

    /// The description for an id (`APIGW003`) or name (`access-log-format`), case-insensitive.
    public static func rule(_ idOrName: String) -> RuleDescription? {
        let key = idOrName.lowercased()
        return all.first { $0.id.lowercased() == key || $0.name == key }
    }
}

public enum RuleEngine {
    /// False for resource types whose attribute values no rule reads. Front ends may drop those
    /// values (keeping addresses, types, ranges and references) to save memory on large scans;
    /// the findings are the same either way.
    public static func readsAttributes(ofType type: String) -> Bool {
        ResourceTypes.attributesMayBeRead(type: type)
    }

    /// Drops the attribute values of `resource` that no rule reads (keeping their edges): all of
    /// them for a type `readsAttributes` rejects, tags of the others, and more of a few types whose
    /// values decide what is read. The findings are the same either way.
    public static func dropUnreadAttributeValues(_ resource: inout Resource) {
        if !readsAttributes(ofType: resource.type) {
            resource.dropAttributeValues()
        } else {
            resource.dropAttributeValues(where: ResourceTypes.unreadAttributes(of: resource))
        }
    }

    /// Graphs with fewer resources are checked on the calling thread.
    static let parallelFromResourceCount = 512

    /// Runs every rule over the graph. Pure: same graph and options, same findings, sorted.
    public static func check(_ graph: ResourceGraph, options: RuleOptions = .init()) -> [Finding] {
        let model = LoggingModel(graph: graph)
        // Rules only read the model, so they run side by side; the sort makes the order theirs no more.
        // Costliest first, so the two cores finish together rather than one waiting on a long last rule;
        // the findings go back in catalog order (the sort is stable, so the order stays the same).
        let schedule = RuleCatalog.rules.indices.sorted { RuleCatalog.costRank($0) < RuleCatalog.costRank($1) }
        let run: @Sendable (Int) -> [Finding] = { index in
            let rule = RuleCatalog.rules[index]
            var collector = FindingCollector(rule: type(of: rule).description, options: options)
            rule.check(model, &collector)
            return collector.findings
        }
        // A small graph (a pre-commit run) is checked in well under a millisecond: starting worker
        // threads for it would cost more than the rules.
        let large = graph.resources.count >= RuleEngine.parallelFromResourceCount
        var ran = large ? schedule.parallelMap(run) : schedule.map(run)
        var perRule = [[Finding]](repeating: [], count: RuleCatalog.rules.count)
        for (position, index) in schedule.enumerated() { swap(&perRule[index], &ran[position]) }
        // Freeing the model (stages, address tables) node by node took a tenth of a second on a large
        // repository; the next phases do not need it, so it is freed beside them on another core.
        if large { DispatchQueue.global(qos: .utility).async { [model = consume model] in withExtendedLifetime(model) {} } }
        // The findings moved one after another rather than copied (`flatMap` retained each finding's
        // strings, written by the other core, and freeing the rules' arrays released them again).
        var all: [Finding] = []
        all.reserveCapacity(perRule.reduce(0) { $0 + $1.count })
        for i in perRule.indices {
            var part: [Finding] = []
            swap(&part, &perRule[i])
            part.reverse()
            while let finding = part.popLast() { all.append(finding) }
        }
        return all.sortedInReportOrder()
    }
}
