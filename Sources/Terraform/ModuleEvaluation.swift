// Lazily evaluated module contents: variables (from the caller or tfvars, with types applied),
// locals, outputs, `count`/`for_each` expansion, resource instances and child module instances.

import IaCLintCore
import HCL

/// `resourceMetaArguments.contains(name)` without hashing: attribute names are short, and four
/// short-string comparisons cost a fraction of one string hash. By length first: a comparison of
/// two different strings is a runtime call (about 40 instructions), the length a field read.
@inline(__always)
func isResourceMetaArgument(_ name: String) -> Bool {
    switch name.utf8.count {
    case 5: return name == "count"
    case 8: return name == "for_each" || name == "provider"
    case 10: return name == "depends_on"
    default: return false
    }
}

/// `resourceMetaBlocks.contains(type)` without hashing (see `isResourceMetaArgument`).
@inline(__always)
func isResourceMetaBlock(_ type: String) -> Bool {
    switch type.utf8.count {
    case 9: return type == "lifecycle"
    case 10: return type == "connection"
    case 11: return type == "provisioner"
    case 12: return type == "precondition"
    case 13: return type == "postcondition"
    default: return false
    }
}

/// `a == b`, by length first (see `isResourceMetaArgument`): most names compared differ in length.
@inline(__always)
func sameName(_ a: String, _ b: String) -> Bool {
    a.utf8.count == b.utf8.count && a == b
}

extension Evaluator {
    /// Largest `count` or `for_each` expanded; beyond it the instances are unknown.
    static let maximumInstances = 10_000
    /// Deepest module nesting followed.
    static let maximumModuleDepth = 32

    // MARK: Variables, locals, outputs

    func variableValue(_ name: String, _ m: ModuleInstance) -> Value {
        guard let index = m.config.declarations.variableIndex[name] else {
            return Value.unknown(.invalid, "reference to undeclared variable var.\(name)")
        }
        return variableValue(at: index, name, m)
    }

    /// The variable at `index` in `m.config` (named `name`).
    private func variableValue(at index: Int, _ name: String, _ m: ModuleInstance) -> Value {
        let config = m.config
        let states = m.variables
        guard index < states.count else { return Value.unknown(.invalid, "reference to undeclared variable var.\(name)") }
        switch states[memo: index] {
        case .done(let cached): return cached
        case .inProgress: return Value.unknown(.invalid, "var.\(name) depends on itself")
        case .empty: break
        }
        states[memo: index] = .inProgress
        // Fields read in place: binding the declaration copied it (a retain per field).
        let defaultValue = config.variableDeclarations[index].defaultValue
        var v: Value
        let constantScope = EvalScope(module: m)
        // The call's arguments are read from the instance: binding `m.call` copied the whole
        // declaration for every variable.
        if let parent = m.parent, let arguments = m.callArgumentIndex {
            if let i = arguments[name], i < m.callAttributes.count {
                v = evaluate(m.callAttributes[i].expression, EvalScope(module: parent, iteration: m.callIteration))
            } else if let d = evaluate(ifPresent: defaultValue, constantScope) {  // not `if let`: see `evaluate(ifPresent:)`
                v = d
            } else {
                v = Value.unknown(.unsetVariable, "var.\(name) (required by module \(m.call?.name ?? "") but not passed)", range: m.call?.headerRange)
            }
        } else if let given = m.rootVariables[name] {
            v = given
        } else if let d = evaluate(ifPresent: defaultValue, constantScope) {
            v = d
        } else {
            v = Value.unknown(.unsetVariable, "var.\(name)", range: config.variableDeclarations[index].range)
        }
        if v.isNull, !config.variableDeclarations[index].nullable, let d = evaluate(ifPresent: defaultValue, constantScope) { v = d }
        if let constraint = config.variableDeclarations[index].constraint {
            // Captures the module, not the scope: the closure's context was copied, scope and all
            // (a retain per field), at every level of the conversion.
            // `consume`: the value moves into the conversion (see `TypeConstraint.convert`).
            v = constraint.convert(consume v, evaluateDefault: { self.evaluate($0, EvalScope(module: m)) })
        }
        states[memo: index] = .done(v)
        return v
    }

    func localValue(_ name: String, _ m: ModuleInstance) -> Value {
        guard let index = m.config.declarations.localIndex[name] else { return Value.unknown(.invalid, "reference to undeclared local.\(name)") }
        return localValue(at: index, name, m)
    }

    /// The local at `index` in `m.config` (named `name`).
    private func localValue(at index: Int, _ name: String, _ m: ModuleInstance) -> Value {
        let config = m.config
        let states = m.locals
        guard index < states.count else { return Value.unknown(.invalid, "reference to undeclared local.\(name)") }
        switch states[memo: index] {
        case .done(let cached): return cached
        case .inProgress: return Value.unknown(.invalid, "local.\(name) depends on itself", range: config.localAttributes[index].range)
        case .empty: break
        }
        states[memo: index] = .inProgress
        let v = evaluate(config.localAttributes[index].expression, EvalScope(module: m))
        states[memo: index] = .done(v)
        return v
    }

    /// `var.name` read whole: `flowed(variableValue(name, m), to: range)`. The flowed value is kept
    /// per variable, so a second reference only sets its range: `flowed` allocated a via array and
    /// a metadata box for every reference.
    func flowedVariable(_ name: String, _ m: ModuleInstance, to range: SourceRange) -> Value {
        guard let index = m.config.declarations.variableIndex[name] else { return flowed(variableValue(name, m), to: range) }
        return flowedName(at: index, m.variables, to: range) {
            variableValue(at: index, name, m)
        }
    }

    /// `local.name` read whole; see `flowedVariable`.
    func flowedLocal(_ name: String, _ m: ModuleInstance, to range: SourceRange) -> Value {
        guard let index = m.config.declarations.localIndex[name] else { return flowed(localValue(name, m), to: range) }
        return flowedName(at: index, m.locals, to: range) {
            localValue(at: index, name, m)
        }
    }

    /// The flowed value of the name at `index`, kept in `states` when a reference flowed it before.
    private func flowedName(at index: Int, _ states: NameStates, to range: SourceRange, value: () -> Value) -> Value {
        let known = index < states.count
        if known, case .kept(let flow) = states[flow: index] {
            return flow.origin == range ? value() : flow.value.withRange(range)
        }
        let v = value()
        guard let origin = v.range, origin != range else { return flowed(v, to: range) }
        let out = flowed(v, to: range)
        // Kept only once the name is evaluated: a value made while it is in progress is a cycle error.
        if known, case .done = states[memo: index] {
            states[flow: index] = .kept(FlowedName(origin: origin, value: out))
        }
        return out
    }

    func outputValue(_ name: String, _ m: ModuleInstance) -> Value {
        let config = m.config
        guard let index = config.declarations.outputIndex[name] else {
            return Value.unknown(.invalid, "module \(m.address) has no output \"\(name)\"")
        }
        let states = m.outputs
        guard index < states.count else { return Value.unknown(.invalid, "module \(m.address) has no output \"\(name)\"") }
        switch states[memo: index] {
        case .done(let cached): return cached
        case .inProgress: return Value.unknown(.invalid, "output \(name) depends on itself", range: config.outputAttributes[index].range)
        case .empty: break
        }
        states[memo: index] = .inProgress
        let v = evaluate(config.outputAttributes[index].expression, EvalScope(module: m))
        states[memo: index] = .done(v)
        return v
    }

    func allOutputs(_ m: ModuleInstance) -> Value {
        .object(m.config.outputIndex.names.sorted().map { ObjectEntry($0, outputValue($0, m)) })
    }

    // MARK: count and for_each

    /// How `count`/`for_each` expand, evaluated in `scope` (the module holding the declaration).
    /// `what` names the declaration in notes; an autoclosure, so the address is only built when a
    /// note is written (it was built for every declaration, 20,000 string appends on tf-real).
    func expand(count: Attribute?, forEach: Attribute?, _ scope: EvalScope, what: @autoclosure () -> String) -> Expansion {
        if let count {
            let v = evaluate(count.expression, scope)
            if v.isUnknown {
                context.note("count of \(what()) is unknown (\(v.unknownReason?.description ?? "")); evaluated once", at: count.expression.range)
                return .unknown(v)
            }
            guard let n = v.terraformNumber, n == n.rounded(), n >= 0 else {
                return .unknown(Value.unknown(.invalid, "count must be a whole number", range: count.expression.range))
            }
            guard n <= Double(Evaluator.maximumInstances) else {
                context.note("count of \(what()) is \(TerraformNumber.format(n)), over the \(Evaluator.maximumInstances)-instance limit; treated as unknown", at: count.expression.range)
                return .unknown(Value.unknown(.limit, "count over \(Evaluator.maximumInstances)", range: count.expression.range))
            }
            return .instances((0..<Int(n)).map { i in
                (InstanceKey.index(i), Iteration(countIndex: Value(Evaluator.numberKind(Double(i)), range: count.expression.range)))
            })
        }
        if let forEach {
            let v = evaluate(forEach.expression, scope)
            if v.isUnknown {
                context.note("for_each of \(what()) is unknown (\(v.unknownReason?.description ?? "")); evaluated once", at: forEach.expression.range)
                return .unknown(v)
            }
            var pairs: [(InstanceKey, Iteration)] = []
            switch v.kind {
            case .object(let entries):
                guard entries.count <= Evaluator.maximumInstances else { return overLimit(forEach, what()) }
                for e in sortedEntries(entries) {
                    pairs.append((.key(e.key), Iteration(eachKey: .string(e.key, range: e.keyRange ?? forEach.expression.range), eachValue: e.value)))
                }
            case .list(let items):
                guard items.count <= Evaluator.maximumInstances else { return overLimit(forEach, what()) }
                if let u = items.first(where: { $0.firstUnknown != nil }) {
                    context.note("for_each of \(what()) has unknown elements; evaluated once", at: forEach.expression.range)
                    return .unknown(u.firstUnknown ?? u)
                }
                var seen: Set<String> = []
                for item in sortedSet(items) {
                    guard let key = item.stringValue else {
                        return .unknown(Value.unknown(.invalid, "for_each over a list needs strings (a set)", range: forEach.expression.range))
                    }
                    if seen.insert(key).inserted { pairs.append((.key(key), Iteration(eachKey: item, eachValue: item))) }
                }
            default:
                return .unknown(Value.unknown(.invalid, "for_each needs a map or a set of strings, got \(v.typeName)", range: forEach.expression.range))
            }
            return .instances(pairs.map { (key: $0.0, iteration: $0.1) })
        }
        return .single
    }

    private func overLimit(_ attr: Attribute, _ what: String) -> Expansion {
        context.note("for_each of \(what) has more than \(Evaluator.maximumInstances) elements; treated as unknown", at: attr.expression.range)
        return .unknown(Value.unknown(.limit, "for_each over \(Evaluator.maximumInstances)", range: attr.expression.range))
    }

    /// The unknown iteration used when `count`/`for_each` is unknown: the body is evaluated once.
    func unknownIteration(_ u: Value, count: Bool) -> Iteration {
        let unknown = Value(u.kind, references: u.references)
        return count ? Iteration(countIndex: unknown) : Iteration(eachKey: unknown, eachValue: unknown)
    }

    func resourceExpansion(_ decl: ResourceDeclaration, _ m: ModuleInstance) -> Expansion {
        let states = m.resources
        let cacheable = decl.index < states.count
        if cacheable, case .known(let cached) = states[expansion: decl.index] { return cached }
        // Most declarations have neither argument: tested in place, where passing them to `expand`
        // copied both optional attributes (about 100 bytes each) for every declaration.
        let e = decl.count == nil && decl.forEach == nil ? .single
            : expand(count: decl.count, forEach: decl.forEach, EvalScope(module: m), what: m.addressPrefix + decl.localAddress)
        if cacheable { states[expansion: decl.index] = .known(e) }
        return e
    }

    // MARK: Resources

    /// The evaluated arguments of one instance (what the graph holds).
    func instanceAttributes(_ decl: ResourceDeclaration, _ m: ModuleInstance, key: InstanceKey?, iteration: Iteration) -> Value {
        // A resource without count or for_each (most of them) is cached in an array, unhashed.
        let states = m.resources
        let single = key == nil && decl.index < states.count
        let id = ResourceInstanceID(declaration: decl.index, key: key)
        if single {
            if case .done(let cached) = states[singleAttributes: decl.index] { return cached }
        } else if let cached = m.instanceAttributeCache[id] {
            return cached
        }
        var attributes = evaluateBody(decl.body, EvalScope(module: m, iteration: iteration), topLevel: true)
        if decl.mode == .data, decl.type == "aws_iam_policy_document", case .object(var entries) = attributes.kind {
            let json = IAMPolicyDocument.render(attributes, range: decl.headerRange)
            entries.append(ObjectEntry("json", json))
            attributes = Value(.object(entries), range: attributes.range)
        }
        if single { states[singleAttributes: decl.index] = .done(attributes) } else { m.instanceAttributeCache[id] = attributes }
        return attributes
    }

    /// The value `aws_x.y` has in expressions: an instance object, a list (count) or map (for_each)
    /// of them; each instance object carries an edge to itself.
    func resourceValue(_ decl: ResourceDeclaration, _ m: ModuleInstance) -> Value {
        // The array is sized from `m.config`, which every declaration evaluated here comes from.
        let states = m.resources
        guard decl.index < states.count else {
            return Value.unknown(.invalid, "\(decl.localAddress) is not declared in \(m.config.directory)")
        }
        switch states[value: decl.index] {
        case .done(let cached): return cached
        case .inProgress:
            let base = m.addressPrefix + decl.localAddress
            return Value.unknown(.invalid, "\(base) refers to itself", references: [Reference(target: base)])
        case .empty: states[value: decl.index] = .inProgress
        }
        let base = joined(m.addressPrefix, decl.localAddress)
        func instance(_ key: InstanceKey?, _ iteration: Iteration) -> Value {
            let attrs = instanceAttributes(decl, m, key: key, iteration: iteration)
            return Value(attrs.kind, range: decl.headerRange, references: [Reference(target: InstanceKey.address(base, key), range: decl.headerRange)])
        }
        let value: Value
        switch resourceExpansion(decl, m) {
        case .single:
            value = instance(nil, .none)
        case .instances(let list):
            if decl.count != nil {
                value = Value(.list(list.map { instance($0.key, $0.iteration) }), range: decl.headerRange, references: [Reference(target: base)])
            } else {
                value = Value(.object(list.map { ObjectEntry(stringKey($0.key), instance($0.key, $0.iteration)) }), range: decl.headerRange, references: [Reference(target: base)])
            }
        case .unknown(let u):
            value = Value(u.kind, range: decl.headerRange, references: [Reference(target: base)])
        }
        states[value: decl.index] = .done(value)
        return value
    }

    private func stringKey(_ key: InstanceKey) -> String {
        switch key {
        case .key(let s): return s
        case .index(let i): return String(i)
        }
    }

    // MARK: Bodies and dynamic blocks

    /// Arguments as an object; nested blocks as lists of objects under their type, like
    /// `terraform show -json`; `dynamic` blocks expanded.
    /// `range`: the result's range when not the body's (a nested block's value spans the whole block).
    func evaluateBody(_ body: Body, _ s: EvalScope, topLevel: Bool, depth: Int = 0, range: SourceRange? = nil) -> Value {
        guard depth < 32 else { return Value.unknown(.limit, "blocks nested deeper than 32", range: range ?? body.range) }
        var entries: [ObjectEntry] = []
        // Block types and their entry: a body has a few, so a scan beats allocating a dictionary.
        var blockIndex: [(type: String, entry: Int)] = []
        func appendBlocks(_ type: String, _ values: Value, keyRange: SourceRange) {
            if let i = blockIndex.first(where: { $0.type == type })?.entry {
                if case .list(let existing) = entries[i].value.kind, case .list(let more) = values.kind {
                    entries[i].value = Value(.list(existing + more), range: entries[i].value.range)
                } else if values.isUnknown {
                    entries[i].value = values
                }
            } else {
                blockIndex.append((type, entries.count))
                entries.append(ObjectEntry(type, values, keyRange: keyRange))
            }
        }
        // Attributes and blocks in source order, merged without building `body.items`.
        // Each element is read in place, not wrapped in a `Body.Item` (which copied the whole
        // attribute or block, a retain per field, and released it again).
        var ai = 0, bi = 0
        // Bound once as local constants: reading `body.attributes[i].expression` for a call copied
        // the expression (a retain and release of everything it holds) at each attribute.
        let attributes = body.attributes, blocks = body.blocks
        let attributeCount = attributes.count, blockCount = blocks.count
        if attributeCount + blockCount > 0 { entries.reserveCapacity(attributeCount + blockCount) }
        while ai < attributeCount || bi < blockCount {
            let takeAttribute = bi >= blockCount
                || (ai < attributeCount && attributes[ai].range.start.offset < blocks[bi].range.start.offset)
            if takeAttribute {
                let index = ai
                ai += 1
                if topLevel, isResourceMetaArgument(attributes[index].name) { continue }
                entries.append(ObjectEntry(attributes[index].name, evaluate(attributes[index].expression, s),
                                           keyRange: attributes[index].nameRange))
            } else {
                let b = blocks[bi]
                bi += 1
                if topLevel, isResourceMetaBlock(b.type) { continue }
                if sameName(b.type, "dynamic") {
                    guard let type = b.labels.first?.value else { continue }
                    appendBlocks(type, expandDynamic(b, s, depth: depth), keyRange: b.typeRange)
                } else {
                    let obj = evaluateBody(b.body, s, topLevel: false, depth: depth + 1, range: b.range)
                    appendBlocks(b.type, Value(.list([obj]), range: b.range), keyRange: b.typeRange)
                }
            }
        }
        return .object(entries, range: range ?? body.range)
    }

    private func expandDynamic(_ b: Block, _ s: EvalScope, depth: Int) -> Value {
        guard let label = b.labels.first?.value else { return .list([]) }
        guard let forEach = b.body.attribute("for_each") else {
            return Value.unknown(.invalid, "dynamic block without for_each", range: b.headerRange)
        }
        var iteratorName = label
        if let it = b.body.attribute("iterator"), case .scopeTraversal(let t) = it.expression, t.steps.isEmpty { iteratorName = t.root.name }
        let collection = evaluate(forEach.expression, s)
        if collection.isUnknown {
            return Value(collection.kind, range: forEach.expression.range, references: collection.references)
        }
        if collection.isNull { return Value(.list([]), range: b.range) }
        guard let pairs = iterationPairs(collection) else {
            return Value.unknown(.invalid, "dynamic \(label): for_each needs a collection, got \(collection.typeName)", range: forEach.expression.range)
        }
        guard pairs.count <= Evaluator.maximumInstances else {
            return Value.unknown(.limit, "dynamic \(label) over more than \(Evaluator.maximumInstances) elements", range: forEach.expression.range)
        }
        guard let content = b.body.blocks(ofType: "content").first else {
            return Value.unknown(.invalid, "dynamic \(label) has no content block", range: b.headerRange)
        }
        var out: [Value] = []
        var inner = s
        for i in 0..<pairs.count {
            // Lists and tuples are keyed by index (sets cannot be told apart from lists here).
            inner.bound[iteratorName] = .object([ObjectEntry("key", pairs.key(i)), ObjectEntry("value", pairs.value(i))])
            out.append(evaluateBody(content.body, inner, topLevel: false, depth: depth + 1, range: content.range))
        }
        return Value(.list(out), range: b.range, references: collection.references)
    }

    // MARK: Child modules

    func childModules(_ call: ModuleCallDeclaration, _ parent: ModuleInstance) -> ChildModules {
        let calls = parent.config.declarations.moduleCalls
        let index = call.index
        // Cached only for the parent's own declaration at that position (as every caller passes).
        let cacheable = index < calls.count && calls[index] === call
        if cacheable, index < parent.childCache.count, case .known(let cached) = parent.childCache[index] { return cached }
        let result = loadChildModules(call, parent)
        if cacheable {
            if parent.childCache.isEmpty { parent.childCache = .filled(calls.count) { .none } }
            parent.childCache[index] = .known(result)
        }
        return result
    }

    /// A call of a module that is not installed: a note (once) and unknown outputs. Kept per call
    /// declaration, as neither depends on the instance: four in five calls on tf-real are remote,
    /// and each built the note's text and the unknown's detail again only to find the note reported.
    private func notInstalled(_ call: ModuleCallDeclaration, source: String) -> ChildModules {
        if let known = context.notInstalledModules[ObjectIdentifier(call)], known.call === call { return known.result }
        context.note("module \(call.name) uses source \"\(source)\", which is not installed locally (run terraform init); its outputs are unknown", at: call.sourceRange ?? call.headerRange)
        let result = ChildModules.unavailable(Value.unknown(.remoteModule, "module.\(call.name) (\(source))", range: call.headerRange))
        context.notInstalledModules[ObjectIdentifier(call)] = (call, result)
        return result
    }

    private func loadChildModules(_ call: ModuleCallDeclaration, _ parent: ModuleInstance) -> ChildModules {
        // Made only where it is read (a manifest's look-up, the children): most calls need neither.
        func makeManifestKey() -> String { parent.manifestKey.isEmpty ? call.name : joined(parent.manifestKey, ".", call.name) }
        guard let source = call.source else {
            return .unavailable(Value.unknown(.invalid, "module \(call.name) has no literal source", range: call.headerRange))
        }
        var directory: String? = nil
        if let local = call.localDirectory {  // a local source, resolved when the call was read
            directory = local
        } else if let manifest = context.manifest(forRoot: parent.rootDirectory), let dir = manifest.directories[makeManifestKey()] {
            directory = Path.normalize(Path.join(parent.rootDirectory, dir))
        } else {
            return notInstalled(call, source: source)
        }
        guard let dir = directory else { return .unavailable(Value.unknown(.invalid, "module \(call.name)")) }
        guard context.isInsideScanRoot(dir) else {
            // An error: the module's stages would otherwise go unchecked without a word.
            context.diagnostics.append(.error("module \(call.name): source \(source) is outside the scanned directory, so its resources are not checked; check a directory that contains both (such as the repository root)",
                                              at: call.sourceRange ?? call.headerRange))
            return .unavailable(Value.unknown(.external, "module.\(call.name) outside the scanned directory", range: call.headerRange))
        }
        guard context.reader.configurationFiles(in: dir) != nil else {
            // An error, not a note: the module's resources cannot be checked, and Terraform fails the same way.
            context.diagnostics.append(.error("module \(call.name): no .tf files in \(dir); its resources are not checked",
                                              at: call.sourceRange ?? call.headerRange))
            return .unavailable(Value.unknown(.invalid, "module.\(call.name): directory \(dir) not found", range: call.headerRange))
        }
        if parent.chain.contains(dir) {
            context.diagnostics.append(.error("module \(call.name) calls the module it is in (\(dir)); recursion is not allowed", at: call.headerRange))
            return .unavailable(Value.unknown(.invalid, "module.\(call.name) is recursive", range: call.headerRange))
        }
        guard parent.chain.count < Evaluator.maximumModuleDepth else {
            context.diagnostics.append(.error("modules nested deeper than \(Evaluator.maximumModuleDepth)", at: call.headerRange))
            return .unavailable(Value.unknown(.limit, "module nesting", range: call.headerRange))
        }
        let config = context.reader.module(at: dir)
        if !config.diagnostics.isEmpty, !context.reportedModuleDiagnostics.contains(dir) {
            context.reportedModuleDiagnostics.insert(dir)
            context.diagnostics += config.diagnostics
        }
        // Built here, once the module is known to load: a remote or missing module never needs it.
        let callAddress = joined(parent.addressPrefix, "module.", call.name)
        let expansion = expand(count: call.count, forEach: call.forEach, EvalScope(module: parent), what: callAddress)
        let manifestKey = makeManifestKey()
        let calls = parent.moduleCalls + [RelatedLocation(joined("module \"", call.name, "\" is called here"), at: call.headerRange)]
        func make(_ key: InstanceKey?, _ iteration: Iteration) -> ModuleInstance {
            let child = ModuleInstance(config: config, address: InstanceKey.address(callAddress, key), rootDirectory: parent.rootDirectory,
                                       parent: parent, call: call, callIteration: iteration, moduleCalls: calls,
                                       chain: parent.chain + [dir])
            child.manifestKey = manifestKey
            return child
        }
        switch expansion {
        case .single: return .loaded(expansion: expansion, instances: [(nil, make(nil, .none))])
        case .instances(let list): return .loaded(expansion: expansion, instances: list.map { ($0.key, make($0.key, $0.iteration)) })
        case .unknown(let u): return .loaded(expansion: expansion, instances: [(nil, make(nil, unknownIteration(u, count: call.count != nil)))])
        }
    }
}
