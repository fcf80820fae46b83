// Assembles graph resources from what PlanDocumentReader found: planned resources with their
// `after` values and unknowns, minus deletions, plus references recovered from the configuration.

import IaCLintCore
import PositionedJSON

struct PlanGraphBuilder {
    let document: PlanDocumentReader
    let path: String
    let lines: LineIndex

    func build(into result: inout PlanLoadResult) {
        let configuration = PlanConfiguration(document.configuration)
        result.modules = configuration.sources

        // The live change per address; deposed objects (old instances being replaced) are not.
        var changeIndex: [String: Int] = [:]
        for (i, change) in document.changes.enumerated() where !change.deposed {
            changeIndex[change.address] = i
        }
        var emitted: Set<String> = []
        var moduleInstances: Set<String> = [""]

        func emit(address: String, mode: String, type: String, range: Range<Int>, values: Value?) {
            guard emitted.insert(address).inserted else { return }
            let parsed = PlanAddress.parse(address)
            var attributes = values ?? .object([])
            var dependsOn: [Reference] = []
            if let parsed {
                moduleInstances.insert(parsed.moduleInstance)
                if let declaration = configuration.resource(parsed) {
                    if let expressions = declaration["expressions"] {
                        configuration.attach(expressions, to: &attributes, module: parsed.modules, key: parsed.key)
                    }
                    for entry in declaration["depends_on"]?.listValue ?? [] {
                        guard let target = entry.stringValue else { continue }
                        dependsOn.append(Reference(target: PlanAddress.prefix(parsed.moduleInstance, target),
                                                   kind: .dependsOn, range: entry.range))
                    }
                }
            }
            let resource = Resource(address: address, type: type.isEmpty ? (parsed?.type ?? "") : type,
                                    mode: mode == "data" ? .data : .managed, origin: .terraformPlan, scope: path,
                                    instanceKey: parsed?.key, range: lines.range(file: path, range.lowerBound, range.upperBound),
                                    attributes: attributes, dependsOn: dependsOn)
            result.graph.add(resource)
            let modulePath = parsed?.modulePath ?? ""
            result.sources.append(PlanResourceSource(address: address, configAddress: parsed?.configAddress ?? address,
                                                     modulePath: modulePath,
                                                     moduleDirectory: document.configuration == nil ? nil
                                                        : configuration.directory(ofModule: modulePath)))
        }

        for declared in document.declared {
            if let i = changeIndex[declared.address] {
                let change = document.changes[i]
                guard !PlanGraphBuilder.isRemoval(change.actions) else { continue }
                emit(address: declared.address, mode: declared.mode, type: declared.type, range: change.range,
                     values: PlanValueMerge.merge(change.after, change.afterUnknown, resource: change.address))
            } else {
                let values = declared.values ?? declared.valuesRange.flatMap { document.values(at: $0) }
                emit(address: declared.address, mode: declared.mode, type: declared.type, range: declared.range, values: values)
            }
        }
        // Changes with no planned_values entry (documents that omit it).
        for change in document.changes where !change.deposed && !PlanGraphBuilder.isRemoval(change.actions) {
            emit(address: change.address, mode: change.mode, type: change.type, range: change.range,
                 values: PlanValueMerge.merge(change.after, change.afterUnknown, resource: change.address))
        }
        recordEmptyDeclarations(configuration, moduleInstances: moduleInstances, into: &result.graph)
    }

    /// `delete` and `forget` remove the object; `delete`+`create` replaces it (kept).
    static func isRemoval(_ actions: [String]) -> Bool {
        !actions.isEmpty && actions.allSatisfy { $0 == "delete" || $0 == "forget" }
    }

    /// Declarations with `count`/`for_each` and no instance in a module instance that exists.
    private func recordEmptyDeclarations(_ configuration: PlanConfiguration, moduleInstances: Set<String>, into graph: inout ResourceGraph) {
        for instance in moduleInstances.sorted() {
            guard let steps = PlanAddress.parseModule(instance) else { continue }
            let modulePath = PlanAddress.join(steps.map { "module.\($0.name)" })
            guard let module = configuration.modules[modulePath] else { continue }
            for local in module.resourceOrder {
                guard let declaration = module.resources[local],
                      declaration["count_expression"] != nil || declaration["for_each_expression"] != nil else { continue }
                let base = PlanAddress.prefix(instance, local)
                guard graph.resolve(base, scope: path).isEmpty else { continue }
                if let range = declaration.range { graph.emptyDeclarations[ScopedAddress(scope: path, address: base)] = range }
            }
        }
    }
}
