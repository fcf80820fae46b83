// The declarations of one Terraform module (a directory): variables, locals, outputs, resources,
// data sources and module calls, read from its merged HCL and JSON bodies.

import IaCLintCore
import HCL

/// A `variable` block.
struct VariableDeclaration {
    var name: String
    var defaultValue: Expression?
    var type: Expression?
    var nullable: Bool
    var range: SourceRange
    /// `type`, read once here rather than for every module instance that evaluates the variable.
    let constraint: TypeConstraint?

    init(name: String, defaultValue: Expression?, type: Expression?, nullable: Bool, range: SourceRange) {
        self.name = name
        self.defaultValue = defaultValue
        self.type = type
        self.nullable = nullable
        self.range = range
        self.constraint = type.map { TypeConstraint.parse($0) }
    }
}

/// A `resource` or `data` block. A class: evaluation hands declarations around by the ten
/// thousand, and a copy of the struct retained and released each of its dozen fields.
final class ResourceDeclaration: Sendable {
    let mode: Resource.Mode
    let type: String
    let name: String
    let body: Body
    /// The block header: type and labels.
    let headerRange: SourceRange
    let count: Attribute?
    let forEach: Attribute?
    let dependsOn: Attribute?
    /// `aws_x.y` or `data.aws_x.y`; stored because every reference and cache lookup needs it.
    let localAddress: String
    /// The position in `ModuleConfiguration.resources`: what evaluation caches are keyed by.
    let index: Int

    init(mode: Resource.Mode, type: String, name: String, body: Body, headerRange: SourceRange,
         count: Attribute?, forEach: Attribute?, dependsOn: Attribute?, index: Int) {
        self.index = index
        self.mode = mode
        self.type = type
        self.name = name
        self.body = body
        self.headerRange = headerRange
        self.count = count
        self.forEach = forEach
        self.dependsOn = dependsOn
        // Sized once (`joined`): interpolation appended part by part, about 650 instructions a
        // part (31 M on the 10 MB synthetic repository's declarations).
        self.localAddress = mode == .data ? joined("data.", type, ".", name) : joined(type, ".", name)
    }
}

/// A `module` block; a class for the reason `ResourceDeclaration` is one.
final class ModuleCallDeclaration: Sendable {
    let name: String
    let source: String?
    let sourceRange: SourceRange?
    let version: String?
    let body: Body
    let headerRange: SourceRange
    let count: Attribute?
    let forEach: Attribute?
    let dependsOn: Attribute?
    /// For a local source (`./x`, `../x`, `.`, `..`): the module's directory, resolved against the
    /// calling module's directory once here instead of for every instance of the call.
    let localDirectory: String?
    /// The position in `body.attributes` of each attribute by name (the first of each, like
    /// `Body.attribute`): every variable of every instance of the module looks its argument up here.
    let argumentIndex: NameIndex
    /// The position in `ModuleConfiguration.moduleCalls`: what an instance's child cache is keyed by.
    let index: Int

    init(name: String, source: String?, sourceRange: SourceRange?, version: String?, body: Body, headerRange: SourceRange,
         count: Attribute?, forEach: Attribute?, dependsOn: Attribute?, localDirectory: String?, index: Int) {
        self.localDirectory = localDirectory
        self.index = index
        self.name = name
        self.source = source
        self.sourceRange = sourceRange
        self.version = version
        self.body = body
        self.headerRange = headerRange
        self.count = count
        self.forEach = forEach
        self.dependsOn = dependsOn
        var index = NameIndex(minimumCapacity: body.attributes.count)
        for i in body.attributes.indices { index.insertIfAbsent(body.attributes[i].name, position: i) }
        self.argumentIndex = index
    }
}

/// Arguments of a `module` block that are not input variables.
let moduleMetaArguments: Set<String> = ["source", "version", "count", "for_each", "depends_on", "providers"]
/// Arguments of a resource block that are not resource arguments.
let resourceMetaArguments: Set<String> = ["count", "for_each", "depends_on", "provider"]
/// Nested blocks of a resource that are not resource arguments.
let resourceMetaBlocks: Set<String> = ["lifecycle", "provisioner", "connection", "precondition", "postcondition"]

/// Everything a module declares.
final class ModuleConfiguration: @unchecked Sendable {
    /// The directory as the user sees it (relative to the working directory, '/'-separated).
    let directory: String
    /// A constant: evaluation reads its arrays and name indexes for every reference, and a `let`
    /// of a class is read in place, where each read of a `var` was a runtime exclusivity check
    /// (about 60 instructions) and a copy of what was read.
    let declarations: ModuleDeclarations
    /// Problems reading the files, then problems in the declarations.
    var diagnostics: [Diagnostic]
    /// Number of source bytes read for this module (for benchmarks).
    var byteCount: Int

    init(directory: String, declarations: ModuleDeclarations, diagnostics: [Diagnostic] = [], byteCount: Int = 0) {
        self.directory = directory
        self.declarations = declarations
        self.diagnostics = diagnostics + declarations.diagnostics
        self.byteCount = byteCount
    }

    var variableDeclarations: [VariableDeclaration] { declarations.variableDeclarations }
    var variableIndex: NameIndex { declarations.variableIndex }
    var localAttributes: [Attribute] { declarations.localAttributes }
    var outputAttributes: [Attribute] { declarations.outputAttributes }
    var outputIndex: NameIndex { declarations.outputIndex }
    var resources: [ResourceDeclaration] { declarations.resources }
    var moduleCalls: [ModuleCallDeclaration] { declarations.moduleCalls }

    /// The variable declared with this name.
    func variable(_ name: String) -> VariableDeclaration? {
        declarations.variableIndex[name].map { declarations.variableDeclarations[$0] }
    }

    /// The `value` of the output with this name.
    func output(_ name: String) -> Attribute? {
        declarations.outputIndex[name].map { declarations.outputAttributes[$0] }
    }

    func resource(_ localAddress: String) -> ResourceDeclaration? {
        declarations.resourceIndex[localAddress].map { declarations.resources[$0] }
    }

    func moduleCall(_ name: String) -> ModuleCallDeclaration? {
        declarations.moduleCallIndex[name].map { declarations.moduleCalls[$0] }
    }
}

/// A module's declarations, read from its top-level bodies; built once, then held by its
/// `ModuleConfiguration` as a constant.
struct ModuleDeclarations {
    /// The module's directory: local module sources are resolved against it.
    let directory: String
    // Variables, locals and outputs are stored in arrays with a name index: each module instance
    // caches their values in arrays by position, so a cached `var.x` costs one hash instead of
    // four (cache look-up, declaration look-up, two cache stores), and a module's caches are
    // arrays to free, not dictionaries. A name declared twice keeps its first position and its
    // last declaration, as the dictionaries these replace did.
    private(set) var variableDeclarations: [VariableDeclaration] = []
    private(set) var variableIndex = NameIndex()
    private(set) var localAttributes: [Attribute] = []
    private(set) var localIndex = NameIndex()
    private(set) var outputAttributes: [Attribute] = []
    private(set) var outputIndex = NameIndex()
    private(set) var resources: [ResourceDeclaration] = []
    private(set) var resourceIndex = NameIndex()
    private(set) var moduleCalls: [ModuleCallDeclaration] = []
    private(set) var moduleCallIndex = NameIndex()
    /// Labels missing, duplicate declarations.
    private(set) var diagnostics: [Diagnostic] = []

    init(directory: String) { self.directory = directory }

    /// Reads declarations from the merged top-level bodies (overrides already applied).
    mutating func add(_ body: Body) {
        add([body])
    }

    /// Reads declarations from several top-level bodies in order: what `add` reads from their
    /// blocks merged into one body, without building that body (only blocks declare anything).
    mutating func add(_ bodies: [Body]) {
        presizeIndexes(for: bodies)
        for body in bodies { addBlocks(of: body) }
    }

    private mutating func addBlocks(of body: Body) {
        // Blocks, labels and attributes read in place by index, and the meta-arguments found as
        // positions: `for block in body.blocks` copied every block (a retain per field),
        // `labels[0].value` each label, and five optional attributes (about 100 bytes each) were
        // copied in and out of the scan's result for every resource (about 45 M instructions on
        // the 10 MB synthetic repository's 24,000 declarations). Each block's arguments are still
        // found in one pass over its attributes.
        let blocks = body.blocks
        for bi in blocks.indices {
            let type = blocks[bi].type
            switch type {
            case "variable":
                guard blocks[bi].labels.count == 1 else { labelError(blocks[bi], "a variable block needs one label"); continue }
                let name = blocks[bi].labels[0].value
                var nullableAt = -1, defaultAt = -1, typeAt = -1
                let attributes = blocks[bi].body.attributes
                for i in attributes.indices {
                    switch attributes[i].name.utf8.count {
                    case 8: if nullableAt < 0, attributes[i].name == "nullable" { nullableAt = i }
                    case 7: if defaultAt < 0, attributes[i].name == "default" { defaultAt = i }
                    case 4: if typeAt < 0, attributes[i].name == "type" { typeAt = i }
                    default: break
                    }
                }
                var nullable = true
                if nullableAt >= 0, case .literal(let lit) = attributes[nullableAt].expression, case .bool(let b) = lit.value { nullable = b }
                let decl = VariableDeclaration(name: name, defaultValue: defaultAt >= 0 ? attributes[defaultAt].expression : nil,
                                               type: typeAt >= 0 ? attributes[typeAt].expression : nil, nullable: nullable,
                                               range: blocks[bi].headerRange)
                // One hash: `insertIfAbsent` inserts or says where the name already is.
                if let i = variableIndex.insertIfAbsent(name, position: variableDeclarations.count) {
                    variableDeclarations[i] = decl
                } else {
                    variableDeclarations.append(decl)
                }
            case "locals":
                let attributes = blocks[bi].body.attributes
                for a in attributes.indices {
                    if let i = localIndex.insertIfAbsent(attributes[a].name, position: localAttributes.count) {
                        localAttributes[i] = attributes[a]
                    } else {
                        localAttributes.append(attributes[a])
                    }
                }
            case "output":
                guard blocks[bi].labels.count == 1 else { labelError(blocks[bi], "an output block needs one label"); continue }
                let attributes = blocks[bi].body.attributes
                // The first `value`, as `Body.attribute` finds it.
                var valueAt = -1
                for i in attributes.indices where attributes[i].name == "value" { valueAt = i; break }
                if valueAt >= 0 {
                    let name = blocks[bi].labels[0].value
                    if let i = outputIndex.insertIfAbsent(name, position: outputAttributes.count) {
                        outputAttributes[i] = attributes[valueAt]
                    } else {
                        outputAttributes.append(attributes[valueAt])
                    }
                }
            case "resource", "data":
                guard blocks[bi].labels.count == 2 else { labelError(blocks[bi], "a \(type) block needs two labels"); continue }
                let attributes = blocks[bi].body.attributes
                let meta = MetaArguments(attributes)
                let resourceType = blocks[bi].labels[0].value, name = blocks[bi].labels[1].value
                let decl = ResourceDeclaration(mode: type == "data" ? .data : .managed, type: resourceType, name: name,
                                               body: blocks[bi].body, headerRange: blocks[bi].headerRange,
                                               count: meta.attribute(meta.count, attributes), forEach: meta.attribute(meta.forEach, attributes),
                                               dependsOn: meta.attribute(meta.dependsOn, attributes), index: resources.count)
                if let existing = resourceIndex.insertIfAbsent(decl.localAddress, position: resources.count) {  // the first stays
                    diagnostics.append(.error("duplicate \(type) \"\(resourceType)\" \"\(name)\"", at: blocks[bi].headerRange,
                                              related: [RelatedLocation("first declared here", at: resources[existing].headerRange)]))
                    continue
                }
                resources.append(decl)
            case "module":
                guard blocks[bi].labels.count == 1 else { labelError(blocks[bi], "a module block needs one label"); continue }
                let name = blocks[bi].labels[0].value
                let attributes = blocks[bi].body.attributes
                let meta = MetaArguments(attributes, module: true)
                var source: String? = nil
                if meta.source >= 0, case .template(let t) = attributes[meta.source].expression { source = t.literalValue }
                var version: String? = nil
                if meta.version >= 0, case .template(let t) = attributes[meta.version].expression { version = t.literalValue }
                if moduleCallIndex.insertIfAbsent(name, position: moduleCalls.count) != nil {  // the first call stays
                    diagnostics.append(.error("duplicate module call \"\(name)\"", at: blocks[bi].headerRange))
                    continue
                }
                var localDirectory: String? = nil
                if let source, LocalCall.isLocal(source) {
                    localDirectory = Path.normalize(Path.join(directory, source))
                }
                moduleCalls.append(ModuleCallDeclaration(name: name, source: source,
                                                         sourceRange: meta.source >= 0 ? attributes[meta.source].expression.range : nil,
                                                         version: version, body: blocks[bi].body, headerRange: blocks[bi].headerRange,
                                                         count: meta.attribute(meta.count, attributes), forEach: meta.attribute(meta.forEach, attributes),
                                                         dependsOn: meta.attribute(meta.dependsOn, attributes),
                                                         localDirectory: localDirectory, index: moduleCalls.count))
            default:
                continue
            }
        }
    }

    /// Sizes each empty name index for the blocks of its kind in `bodies`: grown one insert at a
    /// time, an index rehashed every name at each doubling. Counted by a pass over the block types
    /// (by length first), so no index is made larger than its declarations need.
    private mutating func presizeIndexes(for bodies: [Body]) {
        var variables = 0, resources = 0, calls = 0, outputs = 0
        for body in bodies {
            for i in body.blocks.indices {
                let type = body.blocks[i].type
                switch type.utf8.count {
                case 8:
                    if type == "variable" { variables += 1 } else if type == "resource" { resources += 1 }
                case 4: if type == "data" { resources += 1 }
                case 6:
                    if type == "module" { calls += 1 } else if type == "output" { outputs += 1 }
                default: break
                }
            }
        }
        if variableIndex.isEmpty, variables > 1 { variableIndex = NameIndex(minimumCapacity: variables) }
        if resourceIndex.isEmpty, resources > 1 { resourceIndex = NameIndex(minimumCapacity: resources) }
        if moduleCallIndex.isEmpty, calls > 1 { moduleCallIndex = NameIndex(minimumCapacity: calls) }
        if outputIndex.isEmpty, outputs > 1 { outputIndex = NameIndex(minimumCapacity: outputs) }
        if variableDeclarations.isEmpty { variableDeclarations.reserveCapacity(variables) }
        if resources > 0, self.resources.isEmpty { self.resources.reserveCapacity(resources) }
    }

    /// The positions of the first `count`, `for_each` and `depends_on` of a body's attributes (and
    /// `source` and `version` of a module block), as `Body.attribute` finds them, in one pass; -1
    /// for none.
    private struct MetaArguments {
        var count = -1
        var forEach = -1
        var dependsOn = -1
        var source = -1
        var version = -1

        init(_ attributes: [Attribute], module: Bool = false) {
            for i in attributes.indices {
                // By length first: most names are none of these and differ in length from all five.
                switch attributes[i].name.utf8.count {
                case 5: if count < 0, attributes[i].name == "count" { count = i }
                case 8: if forEach < 0, attributes[i].name == "for_each" { forEach = i }
                case 10: if dependsOn < 0, attributes[i].name == "depends_on" { dependsOn = i }
                case 6: if module, source < 0, attributes[i].name == "source" { source = i }
                case 7: if module, version < 0, attributes[i].name == "version" { version = i }
                default: break
                }
            }
        }

        /// The attribute at `position` when there is one.
        func attribute(_ position: Int, _ attributes: [Attribute]) -> Attribute? {
            position >= 0 && position < attributes.count ? attributes[position] : nil
        }
    }

    private mutating func labelError(_ block: Block, _ message: String) {
        diagnostics.append(.error(message, at: block.headerRange))
    }

}
