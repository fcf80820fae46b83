// Assembles graph resources from what PlanDocumentReader found: planned resources with their
// `after` values and unknowns, minus deletions, plus references recovered from the configuration.

import IaCLintCore
import PositionedJSON

struct PlanGraphBuilder {
    var document: PlanDocumentReader
    let path: String
    let fileID: SourceFileID
    let lines: LineIndex

    /// Consumes the values read (they move into the graph without copies).
    mutating func build(into result: inout PlanLoadResult) {
        let configuration = PlanConfiguration(document.configuration)
        result.modules = configuration.sources

        // Changes read before their planned_values entry (documents with reordered keys).
        var matched = Set<Int>()
        for i in document.declared.indices where document.declared[i].change >= 0 { matched.insert(Int(document.declared[i].change)) }
        for (c, change) in document.changes.enumerated() where !matched.contains(c) {
            if let i = document.declaredIndex[change.address], document.declared[i].change < 0 {
                document.declared[i].change = Int32(c)
                matched.insert(c)
            }
        }
        let expected = document.declared.count + document.changes.count - matched.count
        result.sources.reserveCapacity(expected)
        result.graph.reserveCapacity(expected)  // a 100 MB plan otherwise regrows both indexes step by step
        var configAddresses: [String: String] = [:]
        var moduleCallsByPath: [String: [RelatedLocation]] = [:]

        /// The `module` calls (in the plan's configuration) that instantiate a module, outermost first.
        func moduleCalls(_ steps: [PlanModuleStep], path modulePath: String) -> [RelatedLocation] {
            if let known = moduleCallsByPath[modulePath] { return known }
            var calls: [RelatedLocation] = []
            var parent = ""
            for step in steps {
                if let range = configuration.modules[parent]?.calls[step.name]?.range {
                    calls.append(RelatedLocation("module \"\(step.name)\" is called here", at: range))
                }
                parent = PlanAddress.prefix(parent, "module.\(step.name)")
            }
            moduleCallsByPath[modulePath] = calls
            return calls
        }
        // Addresses emitted besides planned_values ones (those are unique by construction).
        var emittedExtra: Set<String> = []
        var moduleInstances: Set<String> = [""]

        func emit(address: String, mode: String, type: String, range: Range<Int>, values: inout Value?) {
            let parsed = PlanAddress.parse(address)
            var attributes = values ?? .object([])
            // `values` was moved out of the document; dropping the caller's copy keeps edits in place.
            values = nil
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
                                    instanceKey: parsed?.key, range: lines.range(file: fileID, range.lowerBound, range.upperBound),
                                    attributes: attributes, dependsOn: dependsOn,
                                    moduleCalls: parsed.map { moduleCalls($0.modules, path: $0.modulePath) } ?? [])
            result.graph.add(resource)
            let modulePath = parsed?.modulePath ?? ""
            // Instances of one declaration share one configAddress string.
            var configAddress = parsed?.configAddress ?? address
            if let shared = configAddresses[configAddress] { configAddress = shared } else { configAddresses[configAddress] = configAddress }
            result.sources.append(PlanResourceSource(address: address, configAddress: configAddress,
                                                     modulePath: modulePath,
                                                     moduleDirectory: document.configuration == nil ? nil
                                                        : configuration.directory(ofModule: modulePath)))
        }

        for i in document.declared.indices {
            // Fields are taken one by one: a copy of the whole entry would keep a second
            // reference to its values and force copies when references are attached.
            let address = document.declared[i].address, mode = document.declared[i].mode
            let type = document.declared[i].type
            let c = Int(document.declared[i].change)
            if c >= 0 {
                guard !document.changes[c].isRemoval else { continue }
                var values = document.changes[c].after
                document.changes[c].after = nil
                emit(address: address, mode: mode, type: type, range: document.changes[c].range, values: &values)
            } else {
                var values = document.declared[i].values
                document.declared[i].values = nil
                if values == nil, let range = document.declared[i].valuesRange { values = document.values(at: range) }
                emit(address: address, mode: mode, type: type, range: document.declared[i].range, values: &values)
            }
        }
        // Changes with no planned_values entry (documents that omit it).
        for c in document.changes.indices where !matched.contains(c) && !document.changes[c].isRemoval {
            guard document.declaredIndex[document.changes[c].address] == nil,
                  emittedExtra.insert(document.changes[c].address).inserted else { continue }
            var values = document.changes[c].after
            document.changes[c].after = nil
            let address = document.changes[c].address, mode = document.changes[c].mode, type = document.changes[c].type
            emit(address: address, mode: mode, type: type, range: document.changes[c].range, values: &values)
        }
        // Data sources read during planning are in prior_state only; resources refer to them.
        for i in document.priorDataSources.indices {
            let source = document.priorDataSources[i]
            guard document.declaredIndex[source.address] == nil, emittedExtra.insert(source.address).inserted else { continue }
            document.priorDataSources[i].values = nil
            var values = source.values
            emit(address: source.address, mode: source.mode, type: source.type, range: source.range, values: &values)
        }
        recordEmptyDeclarations(configuration, moduleInstances: moduleInstances, into: &result.graph)
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
