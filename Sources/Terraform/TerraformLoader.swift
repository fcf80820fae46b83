// Entry point of the Terraform front end: finds the root modules among the scanned directories,
// evaluates them with their child modules, and returns every resource instance in one graph.

import IaCLintCore
import HCL
import PositionedJSON

/// A load's graph plus figures for benchmarks and reports.
public struct TerraformLoadResult: Sendable {
    public var graph: ResourceGraph
    /// The root module directories (those no scanned module calls).
    public var roots: [String]
    /// Bytes of `.tf`/`.tf.json` parsed.
    public var bytesParsed: Int
    /// Unknown leaf values in resource attributes, by reason.
    public var unknownCounts: [UnknownReason.Kind: Int]
    /// Known leaf values in resource attributes.
    public var knownCount: Int
    /// CPU seconds spent reading and parsing configuration files within the load: the first pass
    /// (a token scan on large scans) and every parse the groups of roots make.
    public var parseSeconds: Double
    /// CPU seconds of the whole load (parsing included), on the calling thread: both figures are
    /// meaningful with `maximumConcurrency` 1, as the benchmark loads. The walk that counts known
    /// and unknown values for these statistics is not part of it: a load without `countValues`
    /// (the pipeline's) does no such walk.
    public var totalSeconds: Double
}

public enum TerraformLoader {
    /// Loads the configurations in `directories` (paths as the user should see them). Directories
    /// called as local modules by another scanned directory are loaded through their caller.
    public static func load(directories: [String], options: TerraformOptions) -> ResourceGraph {
        loadWithStatistics(directories: directories, options: options, countValues: false).graph
    }

    /// `load`, plus figures; `countValues` walks every attribute to count known and unknown leaves.
    public static func loadWithStatistics(directories: [String], options: TerraformOptions, countValues: Bool = true) -> TerraformLoadResult {
        let started = ModuleReader.threadCPUSeconds()
        let normalized = Array(Set(directories.map { FastPath.normalize($0) })).sorted()
        let threads = options.maximumConcurrency > 0 ? options.maximumConcurrency : Concurrency.processorCount

        // Parse every scanned directory first, on every core: parsing is most of the work and each
        // directory is independent. Modules outside the scan are read later, when called.
        let lister = ModuleReader(readFile: options.fileReader, workingDirectory: options.workingDirectory,
                                  knownEntries: options.knownDirectoryEntries)
        lister.reserveListings(normalized.count)
        let listed = normalized.map { ($0, lister.configurationFiles(in: $0)) }
        let parseStarted = ModuleReader.threadCPUSeconds()
        // Large scans keep only each directory's local calls from this first parse, and each group
        // of roots parses its modules again as it evaluates them: the syntax trees of the whole
        // repository are never alive at once, and a tree is evaluated while still in cache.
        let reparse = normalized.count >= options.reparseFromDirectoryCount
        // Those groups parse anyway, so the first pass only lexes for `module` blocks where it can;
        // each group checks the calls against its parse (below).
        let scans = reparse && options.findsCallsByScanning
        // When the groups parse again, the first pass keeps the bytes it read for them (FirstPassFiles).
        let keepsFiles = reparse && options.keepsFirstPassFiles
        let summarize: @Sendable ((String, [String]?)) -> ScannedModule = { entry in
            let recorder = keepsFiles ? FileRecorder(readFile: options.fileReader) : nil
            let readFile: @Sendable (String) -> Result<[UInt8], FileError>
            if let recorder { readFile = { recorder.read($0) } } else { readFile = options.fileReader }
            if scans, let names = entry.1,
               let scan = ModuleCallScan.scan(directory: entry.0, names: names, readFile: readFile) {
                return ScannedModule(directory: entry.0, byteCount: scan.byteCount, calls: scan.calls, config: nil,
                                     fromScan: true, files: recorder?.files ?? [])
            }
            recorder?.forget()  // the parse reads the scan's files again
            let config = ModuleReader.read(directory: entry.0, names: entry.1, readFile: readFile,
                                           workingDirectory: options.workingDirectory)
            return ScannedModule(directory: config.directory, byteCount: config.byteCount, calls: LocalCall.calls(of: config),
                                 config: reparse ? nil : config, fromScan: false, files: recorder?.files ?? [])
        }
        var scannedModules = threads > 1 ? listed.parallelMap(summarize) : listed.map(summarize)
        let parseSeconds = ModuleReader.threadCPUSeconds() - parseStarted
        let bytes = scannedModules.reduce(0) { $0 + $1.byteCount }

        // Where each module's local calls lead, resolved once for finding roots and planning groups.
        var localCalls: [String: [LocalCall]] = [:]
        for module in scannedModules where !module.calls.isEmpty { localCalls[module.directory] = module.calls }
        let scannedCalls = Dictionary(uniqueKeysWithValues: scannedModules.filter(\.fromScan).map { ($0.directory, $0.calls) })

        // A directory is a root unless another scanned module calls it with a local source.
        var called: Set<String> = []
        for module in scannedModules {
            for call in module.calls where call.countsForRoots {
                if call.target != module.directory { called.insert(call.target) }
            }
        }
        var roots = normalized.filter { !called.contains($0) }
        // Modules that only call each other in a cycle have no root: load the first of each as one,
        // so the cycle is reported and their resources are still checked.
        var byDirectory: [String: ModuleConfiguration] = [:]
        for module in scannedModules { if let config = module.config { byDirectory[module.directory] = config } }
        let scannedSet = Set(scannedModules.map(\.directory))
        var reached = Set<String>()
        func reach(_ start: String) {
            var pending = [start]  // a worklist, not recursion: call chains can be long
            while let dir = pending.popLast() {
                guard reached.insert(dir).inserted, scannedSet.contains(dir) else { continue }
                for call in localCalls[dir] ?? [] where call.countsForRoots {
                    if scannedSet.contains(call.target) { pending.append(call.target) }
                }
            }
        }
        roots.forEach(reach)
        for dir in normalized where !reached.contains(dir) {
            roots.append(dir)
            reach(dir)
        }

        // Roots are independent configurations: evaluate groups of them in parallel, each group with
        // its own context over the parsed modules its roots call, and join in root order so the
        // output does not depend on scheduling.
        let costs = threads > 1 ? estimatedCosts(of: roots, modules: scannedModules, localCalls: localCalls) : []
        let groups = shrinkingGroups(roots, costs: costs, threads: threads)
            .map { RootGroup(roots: $0, scanned: scannedSet, modules: byDirectory, localCalls: localCalls) }
        // Every file the first pass read, for as many groups as will parse its directory.
        let firstPassFiles: FirstPassFiles? = keepsFiles ? {
            var files: [String: [(path: String, bytes: [UInt8])]] = [:]
            for module in scannedModules where !module.files.isEmpty { files[module.directory] = module.files }
            var reads: [String: Int] = [:]
            for group in groups { for directories in group.lastNeededBy { for d in directories { reads[d, default: 0] += 1 } } }
            return FirstPassFiles(files: files, readsByDirectory: reads)
        }() : nil
        // From here each group holds the only references to the modules it needs, so a module's
        // syntax trees are freed once the last root that calls it is evaluated.
        byDirectory = [:]
        scannedModules = []
        let scanned = Set(normalized)
        let listings = lister.knownListings
        let merger = GroupMerger()
        let evaluate: @Sendable ((index: Int, group: RootGroup)) -> GroupResult = { item in
            let group = item.group
            var groupOptions = options
            if let firstPassFiles { groupOptions.fileReader = firstPassFiles.reader(fallingBackTo: options.fileReader) }
            let context = LoadContext(options: groupOptions)
            context.reader.seed(group.takeModules(), bytes: 0, parseSeconds: 0, countedElsewhere: scanned)
            context.reader.adopt(listings)
            context.reader.expectedCalls = scannedCalls
            var graph = ResourceGraph()
            evaluateRoots(group, context: context, into: &graph)
            merger.add(GroupResult(graph: graph, diagnostics: context.diagnostics, bytesRead: context.reader.bytesRead),
                       at: item.index)
            // What is left is small: what the scan check below needs.
            return GroupResult(parseSeconds: context.reader.parseSeconds,
                               checkedCalls: context.reader.checkedCalls, callsDisagree: context.reader.callsDisagree)
        }
        let numbered = groups.enumerated().map { (index: $0.offset, group: $0.element) }
        var results = groups.count > 1 ? numbered.parallelMap(evaluate) : numbered.map(evaluate)

        // A scan that disagrees with a parse (a syntax error can hide a block from the parser) may have
        // planned the roots wrongly: load again with the first pass parsing. Directories no group
        // read are parsed here to check them.
        if !scannedCalls.isEmpty {
            var disagree = results.contains { $0.callsDisagree }
            if !disagree {
                var checked = Set<String>()
                for r in results { checked.formUnion(r.checkedCalls) }
                for directory in scannedCalls.keys.sorted() where !checked.contains(directory) {
                    let config = ModuleReader.read(directory: directory, names: lister.configurationFiles(in: directory),
                                                   readFile: options.fileReader, workingDirectory: options.workingDirectory)
                    if LocalCall.calls(of: config) != scannedCalls[directory] { disagree = true; break }
                }
            }
            if disagree {
                results = []
                var parsing = options
                parsing.findsCallsByScanning = false
                return loadWithStatistics(directories: directories, options: parsing, countValues: countValues)
            }
        }

        let groupParseSeconds = results.reduce(0) { $0 + $1.parseSeconds }
        let (graph, groupBytes) = merger.finish()
        let bytesRead = bytes + groupBytes
        let loadSeconds = ModuleReader.threadCPUSeconds() - started
        var unknown: [UnknownReason.Kind: Int] = [:]
        var known = 0
        if countValues {
            // Counted by reason's position in `allCases`, then put in the dictionary: a key of a
            // String-backed enum hashes its raw string, once for every unknown value.
            let kinds = UnknownReason.Kind.allCases
            var byReason = [Int](repeating: 0, count: kinds.count)
            for r in graph.resources { count(r.attributes, unknown: &byReason, known: &known, depth: 0) }
            for kind in kinds {
                let i = slot(kind)
                if i < byReason.count, byReason[i] > 0 { unknown[kind] = byReason[i] }
            }
        }
        return TerraformLoadResult(graph: graph, roots: roots, bytesParsed: bytesRead,
                                   unknownCounts: unknown, knownCount: known, parseSeconds: parseSeconds + groupParseSeconds,
                                   totalSeconds: loadSeconds)
    }

    /// Evaluates root modules one after another in one context, forgetting each module after the
    /// last root of the group that calls it.
    private static func evaluateRoots(_ group: RootGroup, context: LoadContext, into graph: inout ResourceGraph) {
        let evaluator = Evaluator(context: context)
        let empty = EmptyDeclarations()
        for (index, root) in group.roots.enumerated() {
            context.stepBudget = LoadContext.stepBudgetPerRoot
            let config = context.reader.module(at: root)
            context.diagnostics += config.diagnostics
            // Marked only when there is something to report again: a call of a module without
            // diagnostics never asks (one path hashed into a set per root, 4.8 M instructions).
            if !config.diagnostics.isEmpty { context.reportedModuleDiagnostics.insert(root) }
            let instance = ModuleInstance(config: config, address: "", rootDirectory: root, parent: nil, call: nil,
                                          callIteration: .none, moduleCalls: [], chain: [root])
            instance.rootVariables = RootVariables.values(for: instance, evaluator: evaluator)
            GraphBuilder(evaluator: evaluator, scope: root, emptyDeclarations: empty).add(instance, to: &graph)
            instance.releaseEvaluationState()
            for directory in group.lastNeededBy[index] { context.reader.evict(directory) }
        }
        // Put in once the group is done, into a table sized for all of them: inserted one by one
        // as found, the table was rehashed at every doubling (24,000 moves on tf-real).
        graph.emptyDeclarations.reserveCapacity(graph.emptyDeclarations.count + empty.list.count)
        for (address, range) in empty.list { graph.emptyDeclarations[address] = range }
    }

    /// Each root's expected work: the bytes of its directory and of every scanned module it calls
    /// locally, directly or not (each counted once). Parsing and evaluation both grow with them.
    static func estimatedCosts(of roots: [String], modules: [ScannedModule], localCalls: [String: [LocalCall]]) -> [Int] {
        var bytes: [String: Int] = [:]
        bytes.reserveCapacity(modules.count)
        for i in modules.indices { bytes[modules[i].directory] = modules[i].byteCount }
        var seen = StringsSeen()  // reused from root to root
        var pending: [String] = []  // a worklist: call chains can be long
        return roots.map { root in
            guard let calls = localCalls[root] else { return bytes[root] ?? 0 }
            var total = bytes[root] ?? 0
            seen.removeAll()
            _ = seen.insert(root)
            pending.removeAll(keepingCapacity: true)
            for call in calls where call.countsForRoots { pending.append(call.target) }
            while let directory = pending.popLast() {
                guard seen.insert(directory) else { continue }
                guard let size = bytes[directory] else { continue }
                total += size
                for call in localCalls[directory] ?? [] where call.countsForRoots { pending.append(call.target) }
            }
            return total
        }
    }

    /// `items` cut into runs, in order, whose costs shrink toward the end: each run takes about a
    /// (2 × threads)th of the cost still left, down to a floor of 1/(32 × threads) of the whole.
    /// Runs are handed to the cores in order, so the last ones to start are small and the cores
    /// finish together. Equal runs of roots left one core alone for the last 0.3-0.5 s of the
    /// 100 MB synthetic repository's load, because roots differ in size and templates load beside.
    static func shrinkingGroups(_ items: [String], costs: [Int], threads: Int) -> [[String]] {
        guard threads > 1, items.count > 1, costs.count == items.count else { return [items] }
        // A root with no bytes (an empty directory) still costs a module read and an evaluation.
        let weights = costs.map { max($0, 1) }
        var remaining = weights.reduce(0, +)
        let floor = max(1, remaining / (32 * threads))
        var groups: [[String]] = []
        var start = 0
        while start < items.count {
            let target = max(floor, remaining / (2 * threads))
            var end = start, taken = 0
            while end < items.count, taken < target {
                taken += weights[end]
                end += 1
            }
            groups.append(Array(items[start..<end]))
            remaining -= taken
            start = end
        }
        return groups
    }

    /// A reason's counter; a switch, because `==` on a String-backed enum compares raw strings.
    private static func slot(_ kind: UnknownReason.Kind) -> Int {
        switch kind {
        case .knownAfterApply: return 0
        case .unsetVariable: return 1
        case .parameter: return 2
        case .deploymentContext: return 3
        case .remoteModule: return 4
        case .external: return 5
        case .unsupportedFunction: return 6
        case .limit: return 7
        case .invalid: return 8
        }
    }

    private static func count(_ v: Value, unknown: inout [Int], known: inout Int, depth: Int) {
        guard depth < 64 else { return }
        switch v.kind {
        case .unknown(let r):
            let i = slot(r.kind)
            if i < unknown.count { unknown[i] += 1 }
        // By index: each element is read in place, where `for i in items` copied every value (a
        // retain and a release of its boxes) on the way down.
        case .list(let items): for i in items.indices { count(items[i], unknown: &unknown, known: &known, depth: depth + 1) }
        case .object(let entries): for i in entries.indices { count(entries[i].value, unknown: &unknown, known: &known, depth: depth + 1) }
        default: known += 1
        }
    }
}

/// Walks module instances and turns every resource instance into a core `Resource`.
struct GraphBuilder {
    let evaluator: Evaluator
    let scope: String
    /// Declarations without instances, in the order found (`ResourceGraph.emptyDeclarations`).
    let emptyDeclarations: EmptyDeclarations
    /// One copy of each address of this root's resources and of the targets of their dropped values'
    /// edges: a target is nearly always the address of a resource of the same root, and five
    /// resources point at the same API; sharing saved 13 MB of strings on a 100 MB scan.
    let addresses = SharedStrings()

    /// `inherited`: the `depends_on` of the module blocks leading here, which Terraform applies to
    /// every resource inside the module.
    func add(_ m: ModuleInstance, to graph: inout ResourceGraph, inherited: [Reference] = []) {
        let keep = evaluator.context.options.keepsAttributeValues
        // Read once per instance, not per resource: `options` is a variable of the context (a class),
        // so each read was a runtime exclusivity check and a copy of the whole options.
        let trim = evaluator.context.options.trimsKeptAttributeValues
        // Each declaration read in place from an array bound once: `for decl in m.config.resources`
        // copied every declaration (a retain and a release per field, 35,000 on tf-real).
        let resources = m.config.resources
        for index in resources.indices {
            let decl = resources[index]
            // Built once per declaration: every instance's address starts with it.
            let base = m.addressPrefix.isEmpty ? decl.localAddress : joined(m.addressPrefix, decl.localAddress)
            let keepsValues = keep?(decl.type) ?? true
            let declared = decl.dependsOn == nil ? [] : dependencies(decl.dependsOn, m)
            let dependsOn = inherited.isEmpty ? declared : declared + inherited
            switch evaluator.resourceExpansion(decl, m) {
            case .single:
                graph.add(resource(decl, m, base: base, key: nil, iteration: .none, dependsOn: dependsOn, keepsValues: keepsValues, trim: trim))
            case .instances(let list):
                if list.isEmpty {
                    emptyDeclarations.list.append((ScopedAddress(scope: scope, address: base), decl.headerRange))
                }
                for (key, iteration) in list {
                    graph.add(resource(decl, m, base: base, key: key, iteration: iteration, dependsOn: dependsOn, keepsValues: keepsValues, trim: trim))
                }
            case .unknown(let u):
                graph.add(resource(decl, m, base: base, key: nil, iteration: evaluator.unknownIteration(u, count: decl.count != nil),
                                   dependsOn: dependsOn, keepsValues: keepsValues, trim: trim))
            }
        }
        for call in m.config.moduleCalls {
            switch evaluator.childModules(call, m) {
            case .unavailable: continue
            case .loaded(let expansion, let instances):
                if case .instances(let list) = expansion, list.isEmpty {
                    emptyDeclarations.list.append((ScopedAddress(scope: scope, address: m.addressPrefix + "module.\(call.name)"), call.headerRange))
                }
                let callDependsOn = inherited + dependencies(call.dependsOn, m)
                for (_, child) in instances { add(child, to: &graph, inherited: callDependsOn) }
            }
        }
    }

    private func resource(_ decl: ResourceDeclaration, _ m: ModuleInstance, base: String, key: InstanceKey?, iteration: Iteration,
                          dependsOn: [Reference], keepsValues: Bool, trim: (@Sendable (inout Resource) -> Void)?) -> Resource {
        let attributes = evaluator.instanceAttributes(decl, m, key: key, iteration: iteration)
        var resource = Resource(address: addresses.shared(InstanceKey.address(base, key)), type: decl.type, mode: decl.mode,
                                origin: .terraform, scope: scope, instanceKey: key?.text, range: decl.headerRange,
                                attributes: attributes, dependsOn: dependsOn, moduleCalls: m.moduleCalls,
                                knownBaseAddress: key == nil ? nil : base)
        if !keepsValues {
            resource.dropAttributeValues(sharing: addresses.shared)
        } else if let trim {
            trim(&resource)
        }
        return resource
    }

    /// `depends_on = [aws_x.y, module.m, data.t.n]` as edges in the graph's address space.
    private func dependencies(_ attribute: Attribute?, _ m: ModuleInstance) -> [Reference] {
        guard let attribute, case .tuple(let t) = attribute.expression else { return [] }
        var out: [Reference] = []
        for element in t.elements {
            guard let ref = element.staticReference else { continue }
            let names = ref.leadingAttributeNames
            let target: String
            switch ref.root {
            case "module": guard let n = names.first else { continue }; target = "module.\(n)"
            case "data": guard names.count >= 2 else { continue }; target = "data.\(names[0]).\(names[1])"
            default: guard let n = names.first else { continue }; target = "\(ref.root).\(n)"
            }
            out.append(Reference(target: m.addressPrefix + target, kind: .dependsOn, range: ref.range))
        }
        return out
    }
}

extension TerraformLoader {
    /// The root module's outputs in `directory`, evaluated (for tests against real plans).
    static func rootOutputs(directory: String, options: TerraformOptions) -> [String: Value] {
        let context = LoadContext(options: options)
        let evaluator = Evaluator(context: context)
        let root = Path.normalize(directory)
        let instance = ModuleInstance(config: context.reader.module(at: root), address: "", rootDirectory: root, parent: nil,
                                      call: nil, callIteration: .none, moduleCalls: [], chain: [root])
        instance.rootVariables = RootVariables.values(for: instance, evaluator: evaluator)
        var out: [String: Value] = [:]
        for name in instance.config.outputIndex.names { out[name] = evaluator.outputValue(name, instance) }
        return out
    }

    /// A JSON document as a value (tests read plans with it).
    static func decodeJSON(_ bytes: [UInt8], path: String) -> Value? {
        JSONReader.parse(bytes, path: path).document?.root.toValue(ranges: false)
    }
}

/// A group's declarations without instances, collected while its roots are walked.
final class EmptyDeclarations {
    var list: [(ScopedAddress, SourceRange)] = []
}

/// A root's `StringPool` of addresses and edge targets, one per root and thread (a `GraphBuilder`),
/// so no lock.
final class SharedStrings {
    /// Room for a root's addresses and targets from the start (about 70 resources and as many
    /// edges on average): growing from empty rehashed every string several times.
    private var pool = StringPool(minimumCapacity: 256)

    func shared(_ string: String) -> String { pool.shared(string) }
}

/// What the first pass keeps of a scanned directory: its size and local calls, and its parsed
/// configuration unless the groups parse it again.
struct ScannedModule: Sendable {
    var directory: String
    var byteCount: Int
    var calls: [LocalCall]
    var config: ModuleConfiguration?
    /// The calls come from `ModuleCallScan`, not from a parse, and must be checked.
    var fromScan: Bool
    /// The files the first pass read, kept when the groups will parse them again.
    var files: [(path: String, bytes: [UInt8])]
}

/// What one group of roots gives back.
struct GroupResult: Sendable {
    var graph = ResourceGraph()
    var diagnostics: [Diagnostic] = []
    var bytesRead = 0
    var parseSeconds = 0.0
    /// Directories whose scanned calls the group's parse checked.
    var checkedCalls: Set<String> = []
    var callsDisagree = false
}
