// Small helpers to build resource graphs in code, as the front ends would, for model and rule tests.

import IaCLintCore
@testable import IaCLintRules

enum G {
    static func range(_ file: String, _ line: Int, _ column: Int = 1, length: Int = 1) -> SourceRange {
        let offset = line * 100 + column
        return SourceRange(file: file, start: SourcePosition(line: line, column: column, offset: offset),
                           end: SourcePosition(line: line, column: column + length, offset: offset + length))
    }

    static func entry(_ key: String, _ value: Value, line: Int, file: String = "main.tf") -> ObjectEntry {
        var v = value
        if v.range == nil { v.range = range(file, line, 20, length: 10) }
        return ObjectEntry(key, v, keyRange: range(file, line, 3, length: key.count))
    }

    static func object(_ entries: [ObjectEntry]) -> Value { .object(entries) }

    static func resource(_ type: String, _ address: String, line: Int, file: String = "main.tf",
                         origin: Resource.Origin = .terraform, scope: String = ".", _ entries: [ObjectEntry] = [],
                         dependsOn: [Reference] = [], moduleCalls: [RelatedLocation] = [], metadata: Value? = nil) -> Resource {
        Resource(address: address, type: type, origin: origin, scope: scope, range: range(file, line, 1, length: 8),
                 attributes: .object(entries), dependsOn: dependsOn, moduleCalls: moduleCalls, metadata: metadata)
    }

    /// An unknown value that references `target.attribute`, as a Terraform traversal gives it.
    static func ref(_ target: String, _ attribute: String?, kind: Reference.Kind = .attribute, line: Int,
                    file: String = "main.tf", column: Int = 20, length: Int = 30) -> Value {
        let r = range(file, line, column, length: length)
        return Value(.unknown(UnknownReason(.knownAfterApply, "\(target).\(attribute ?? "")")), range: r,
                     references: [Reference(target: target, attribute: attribute, kind: kind, range: r)])
    }

    static func findings(_ resources: [Resource], options: RuleOptions = .init(), empty: [ScopedAddress: SourceRange] = [:]) -> [Finding] {
        var graph = ResourceGraph(resources: resources)
        graph.emptyDeclarations = empty
        return RuleEngine.check(graph, options: options)
    }

    /// A REST stage with access-log settings (Terraform shape: a list of one object).
    static func restStage(_ name: String = "prod", line: Int = 10, destination: Value?, format: Value?,
                          extra: [ObjectEntry] = [], dependsOn: [Reference] = []) -> Resource {
        var block: [ObjectEntry] = []
        if let destination { block.append(entry("destination_arn", destination, line: line + 5)) }
        if let format { block.append(entry("format", format, line: line + 6)) }
        var entries = [entry("rest_api_id", .string("abc"), line: line + 1),
                       entry("stage_name", .string(name), line: line + 2)]
        entries.append(entry("access_log_settings", .list([.object(block)]), line: line + 4))
        return resource("aws_api_gateway_stage", "aws_api_gateway_stage.\(name)", line: line, entries + extra,
                        dependsOn: dependsOn)
    }
}

extension Array where Element == Finding {
    func rule(_ id: String) -> [Finding] { filter { $0.ruleID == id } }
}
