// One provider-neutral view of API Gateway logging, built from the resource graph: stages with
// their API type and settings, destinations, account settings, roles and dependencies.

import IaCLintCore
import Synchronization

public struct LoggingModel: Sendable {
    public let graph: ResourceGraph
    /// The graph's look-ups, built on every core (see `ResourceLookup`).
    let lookup: ResourceLookup
    public private(set) var stages: [Stage] = []
    public private(set) var accountSettings: [AccountSetting] = []
    /// Worked out by the first rule that asks, so it runs beside the other rules instead of before them all.
    private let usages = UsagesOnce()

    public init(graph: ResourceGraph) {
        self.graph = graph
        lookup = ResourceLookup(graph: graph, types: LoggingModel.listedTypes)
        let builder = StageBuilder(lookup: lookup)
        stages = builder.buildStages()
        accountSettings = lookup.resources(ofTypes: ResourceTypes.accounts).compactMap { resource in
            guard resource.mode == .managed else { return nil }
            let key = resource.type == ResourceTypes.tfAccount ? "cloudwatch_role_arn" : "CloudWatchRoleArn"
            return AccountSetting(resource: resource, roleArnEntry: resource.attributes.entry(key))
        }
    }

    /// The types the model lists by type: stages, method settings, account settings.
    static let listedTypes: Set<String> = StageBuilder.stageTypes.union(ResourceTypes.accounts)
        .union([ResourceTypes.tfMethodSettings]).union(RolePermissionsReader.attachmentTypes)

    /// Where a stage's access logs go (one entry per branch of a conditional destination).
    public func destinations(of stage: Stage) -> [LogDestination] { stage.destinations }

    /// True when the stage certainly sends something to CloudWatch Logs through the account role:
    /// access logs to a log group, or execution logs.
    public func logsToCloudWatch(_ stage: Stage) -> Bool {
        if stage.executionLogging.logsToCloudWatch { return true }
        if case .present = stage.accessLog, destinations(of: stage).contains(where: \.isCloudWatch) { return true }
        return false
    }

    /// True when the stage may log through the account role: execution logs, or access logs that do
    /// not go to Firehose only (an unknown destination counts: it is most likely a log group).
    public func logsAnything(_ stage: Stage) -> Bool {
        if stage.executionLogging.logsToCloudWatch { return true }
        guard case .present = stage.accessLog else { return false }
        return stage.destinations.isEmpty || !stage.destinations.allSatisfy(\.isFirehose)
    }

    /// Every resource of one configuration scope.
    func resources(inScope scope: String) -> [Resource] {
        // Relations (policies of a role, method settings of a stage) are looked up within one scope,
        // never across the whole scan.
        lookup.indices(inScope: scope).map { graph.resources[$0] }
    }

    /// The role the account setting names, when it is a role in the configuration.
    public func role(of account: AccountSetting) -> Resource? {
        guard let value = account.roleArnEntry?.value else { return nil }
        for reference in value.allReferences where reference.kind != .dependsOn {
            if let role = lookup.resolve(reference.target, scope: account.resource.scope)
                .first(where: { ResourceTypes.roles.contains($0.type) }) {
                return role
            }
        }
        return nil
    }

    public func permissions(of role: Resource) -> RolePermissions {
        // Only the scope's policies and attachments: the reader ignores every other type, and copying the
        // whole scope out of the graph for each account read thousands of resources to skip them.
        let attachments = lookup.positions(ofTypes: RolePermissionsReader.attachmentTypes, inScope: role.scope)
        return RolePermissionsReader(lookup: lookup, scopeResources: attachments.map { graph.resources[$0] }).read(role)
    }

    /// True when `from` depends on `to`, directly or through other resources (references and
    /// `depends_on`/`DependsOn`, including a module's `depends_on` as the front end records it).
    public func dependsOn(_ from: Resource, _ to: Resource, limit: Int = 100_000) -> Bool {
        // Most stages name the account directly (depends_on): answer without a search, looking at the
        // edges in place rather than gathering them into one array first.
        let address = to.address, base = to.baseAddress
        if from.dependsOn.contains(where: { $0.target == address || $0.target == base })
            || Self.anyReference(in: from.attributes, where: { $0.target == address || $0.target == base }) { return true }
        // Every resource the search reaches is in `from`'s scope: its number is found once.
        let scope = lookup.scopeNumber(from.scope)
        var seen = StringsSeen(from.address)
        var queue: [Resource] = [from]
        var steps = 0
        while let next = queue.popLast() {
            steps += 1
            if steps > limit { return true }   // too large to decide: do not report
            for reference in next.allReferences {
                for target in targets(of: reference, scopeNumber: scope) {
                    if target.address == to.address || target.baseAddress == to.address { return true }
                    if seen.insert(target.address) { queue.append(target) }
                }
            }
        }
        return false
    }

    /// True when some reference in `value` or inside it satisfies `test` (what `allReferences.contains`
    /// answers, without the array).
    static func anyReference(in value: Value, where test: (Reference) -> Bool) -> Bool {
        if value.references.contains(where: test) { return true }
        switch value.kind {
        case .list(let items): return items.contains { anyReference(in: $0, where: test) }
        case .object(let entries): return entries.contains { anyReference(in: $0.value, where: test) }
        case .conditional(_, let t, let f): return anyReference(in: t, where: test) || anyReference(in: f, where: test)
        default: return false
        }
    }

    /// The resources a reference names; `module.m` (in `depends_on`) names everything inside the module.
    private func targets(of reference: Reference, scopeNumber scope: Int?) -> [Resource] {
        guard let scope else { return [] }
        let direct = lookup.resolve(reference.target, scopeNumber: scope)
        guard direct.isEmpty, reference.target.hasPrefix("module.") || reference.target.contains(".module.") else { return direct }
        let dotted = reference.target + ".", indexed = reference.target + "["
        // Addresses read in place; only the module's resources are copied out (copying the whole scope
        // for every module reference of every searched resource was most of APIGW006's work).
        let resources = graph.resources
        return lookup.indices(inScopeNumber: scope).compactMap { i in
            resources[i].address.hasPrefix(dotted) || resources[i].address.hasPrefix(indexed) ? resources[i] : nil
        }
    }

    /// Log groups in the graph that receive access logs, with the stages that log there.
    public func logGroupUsages() -> [(logGroup: Resource, stages: [Stage])] {
        usages.value { Self.usages(of: stages) }
    }

    static func usages(of stages: [Stage]) -> [(logGroup: Resource, stages: [Stage])] {
        // Sized up front: growing them rehashed every scope, address and stage name at each doubling,
        // a third of the work on a large repository.
        var index: [ScopedAddress: Int] = Dictionary(minimumCapacity: stages.count)
        var groups: [Resource] = []
        var members: [[Stage]] = []
        /// Per group with many stages, their addresses: a group's first few stages are compared in
        /// place (nearly every group has one), hashing each stage's address cost more.
        var seen: [Int: Set<String>] = [:]
        // A stage has destinations only when its access-log block is present (or conditional), as
        // `accessLogObject` says; reading that copied the block out of every stage.
        for stage in stages where !stage.destinations.isEmpty {
            for destination in stage.destinations {
                guard case .logGroup(let group) = destination.kind else { continue }
                let key = ScopedAddress(scope: group.scope, address: group.address)
                let position: Int
                if let known = index[key] {
                    position = known
                } else {
                    position = groups.count
                    index[key] = position
                    groups.append(group)
                    members.append([])
                }
                let address = stage.address
                if members[position].count < 8 {
                    if !members[position].contains(where: { $0.address == address }) { members[position].append(stage) }
                    if members[position].count == 8 { seen[position] = Set(members[position].map(\.address)) }
                } else if seen[position, default: []].insert(address).inserted {
                    members[position].append(stage)
                }
            }
        }
        return groups.indices.map { (logGroup: groups[$0], stages: members[$0]) }
    }
}


/// The log-group usages, computed once by whichever thread asks first (others wait for it).
private final class UsagesOnce: Sendable {
    private let computed = Mutex<[(logGroup: Resource, stages: [Stage])]?>(nil)

    func value(_ compute: () -> [(logGroup: Resource, stages: [Stage])]) -> [(logGroup: Resource, stages: [Stage])] {
        computed.withLock { known in
            if let known { return known }
            let value = compute()
            known = value
            return value
        }
    }
}
