// One instance of a module during evaluation (the root, or `module.api["eu"]`): lazily evaluated,
// memoised variables, locals, resources, outputs and child modules.

import IaCLintCore
import HCL

/// `count.index`, `each.key`, `each.value` for one instance of a resource or module.
/// A class, made once per instance and shared by every scope evaluated in it: as a struct of three
/// optional values, each scope made, copied or dropped (400,000 on tf-real) copied or destroyed
/// the three, where now it retains or releases one reference.
final class Iteration: Sendable {
    let countIndex: Value?
    let eachKey: Value?
    let eachValue: Value?

    init(countIndex: Value? = nil, eachKey: Value? = nil, eachValue: Value? = nil) {
        self.countIndex = countIndex
        self.eachKey = eachKey
        self.eachValue = eachValue
    }

    static let none = Iteration()
}

/// How a `count`/`for_each` declaration expands.
enum Expansion {
    /// Neither `count` nor `for_each`.
    case single
    case instances([(key: InstanceKey, iteration: Iteration)])
    /// The collection is unknown: evaluated once, keys unknown.
    case unknown(Value)
}

/// A child module call's instances.
enum ChildModules {
    case loaded(expansion: Expansion, instances: [(key: InstanceKey?, module: ModuleInstance)])
    /// Registry or git module not installed, a missing directory, or a recursion: outputs unknown.
    case unavailable(Value)
}

/// A memoised value: not asked for yet, still being evaluated (a reference back to it is a
/// cycle), or done. Not generic and not optional: an instance's caches are arrays of these, and
/// arrays of a generic enum or of optionals were destroyed (and read) through the runtime's
/// generic witnesses, element by element, about a hundred instructions each on top of the work.
enum Memo {
    case empty
    case inProgress
    case done(Value)
}

/// A variable's or local's value as read through its name: `via` extended with `origin`, the
/// value's own range. Each reference only sets its range on it.
struct FlowedName {
    var origin: SourceRange
    var value: Value
}

/// `FlowedName?` for the reason `Memo` is not optional.
enum KeptFlow {
    case none
    case kept(FlowedName)
}

/// `ChildModules?` for the reason `Memo` is not optional.
enum KeptChildren {
    case none
    case known(ChildModules)
}

/// `Expansion?` for the reason `Memo` is not optional.
enum KeptExpansion {
    case none
    case known(Expansion)
}

/// One instance of a resource declaration within a module instance.
struct ResourceInstanceID: Hashable {
    var declaration: Int
    var key: InstanceKey?
}

final class ModuleInstance {
    let config: ModuleConfiguration
    /// `""` for the root, else `module.api` or `module.api["eu"].module.logs`.
    let address: String
    /// The root module's directory as given: the graph scope and Terraform's working directory.
    let rootDirectory: String
    let parent: ModuleInstance?
    let call: ModuleCallDeclaration?
    /// `call?.argumentIndex` and the call's attributes, stored apart: every variable of the
    /// instance reads them, and binding `call` copied the whole declaration.
    let callArgumentIndex: NameIndex?
    let callAttributes: [Attribute]
    /// The iteration of the module call that created this instance, evaluated in the parent.
    let callIteration: Iteration
    /// The `module` blocks leading here, outermost first.
    let moduleCalls: [RelatedLocation]
    /// Directories from the root to here, to detect a module calling itself.
    let chain: [String]
    /// The `module` names from the root, dot-joined: the key in `.terraform/modules/modules.json`.
    var manifestKey = ""
    /// Values of the root module's variables (from tfvars, `--var`, environment, defaults).
    var rootVariables: [String: Value] = [:]

    // Each name's cache entry also marks it as being evaluated, so a cycle is found by the same
    // look-up that finds a cached value (a separate in-progress set cost three more hashes a name).
    // By the declaration's position in `config` (see `ModuleConfiguration.variableIndex`), in
    // blocks behind constants: no runtime exclusivity check per read and write (`InstanceStates`).
    let variables: NameStates
    let locals: NameStates
    let outputs: NameStates
    /// Resource caches by the declaration's index: no hashing at all.
    let resources: DeclarationStates
    var instanceAttributeCache: [ResourceInstanceID: Value] = [:]
    /// Child instances by the call's position (`ModuleCallDeclaration.index`): a table by name
    /// hashed the name twice a call and was a table to allocate and free per instance.
    var childCache: [KeptChildren] = []

    init(config: ModuleConfiguration, address: String, rootDirectory: String, parent: ModuleInstance?,
         call: ModuleCallDeclaration?, callIteration: Iteration, moduleCalls: [RelatedLocation], chain: [String]) {
        self.config = config
        self.address = address
        self.rootDirectory = rootDirectory
        self.parent = parent
        self.call = call
        self.callArgumentIndex = call?.argumentIndex
        self.callAttributes = call?.body.attributes ?? []
        self.callIteration = callIteration
        self.moduleCalls = moduleCalls
        self.chain = chain
        self.addressPrefix = address.isEmpty ? "" : joined(address, ".")
        let declarations = config.declarations
        variables = NameStates(count: declarations.variableDeclarations.count)
        locals = NameStates(count: declarations.localAttributes.count)
        outputs = NameStates(count: declarations.outputAttributes.count)
        resources = DeclarationStates(count: declarations.resources.count)
    }

    /// `module.api.` or `""`: what resource addresses in this module start with.
    let addressPrefix: String

    /// Drops the evaluation state of this instance and every child instance. A child points at its
    /// parent and the parent caches its children, so without this cut a whole root's instances (and
    /// the syntax trees they hold) would never be freed.
    func releaseEvaluationState() {
        var pending = [self]  // a worklist, not recursion: module trees can be wide
        while let m = pending.popLast() {
            for case .known(.loaded(_, let instances)) in m.childCache { pending += instances.map(\.module) }
            m.childCache = []
        }
    }

    /// `path.module`: the module directory relative to the root module directory.
    lazy var pathModule: String = {
        let cwd = "/"
        return Path.relative(Path.join(cwd, config.directory), to: Path.join(cwd, rootDirectory))
    }()
}
