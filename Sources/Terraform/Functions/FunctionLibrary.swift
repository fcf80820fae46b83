// The table of Terraform functions iaclint evaluates, and the call protocol: arity checks,
// unknown propagation and failures as unknown values, never crashes.

import IaCLintCore

typealias FunctionImplementation = @Sendable (_ args: [Value], _ ctx: FunctionContext) -> Value

struct FunctionSpec: Sendable {
    /// Allowed argument counts; `Int.max` as the upper bound means variadic.
    var minArgs: Int
    var maxArgs: Int
    /// True when the implementation handles unknown arguments itself (e.g. `length` of a list
    /// whose elements are unknown is still known).
    var acceptsUnknown: Bool
    var run: FunctionImplementation

    init(_ minArgs: Int, _ maxArgs: Int, acceptsUnknown: Bool = false, _ run: @escaping FunctionImplementation) {
        self.minArgs = minArgs
        self.maxArgs = maxArgs
        self.acceptsUnknown = acceptsUnknown
        self.run = run
    }
}

enum FunctionLibrary {
    static let table: [String: FunctionSpec] = {
        var t: [String: FunctionSpec] = [:]
        for (name, spec) in stringFunctions { t[name] = spec }
        for (name, spec) in collectionFunctions { t[name] = spec }
        for (name, spec) in conversionFunctions { t[name] = spec }
        for (name, spec) in encodingFunctions { t[name] = spec }
        return t
    }()

    /// Functions whose value differs per run or needs the provider: unknown at plan time.
    static let unknownAtPlan: Set<String> = ["timestamp", "uuid", "uuidv5", "bcrypt", "plantimestamp", "rsadecrypt"]

    /// Functions whose result is made of argument elements (which keep their own edges).
    static let preservesStructure: Set<String> = [
        "lookup", "merge", "concat", "element", "flatten", "keys", "values", "tolist", "toset", "tomap",
        "coalesce", "coalescelist", "compact", "distinct", "reverse", "slice", "one", "zipmap", "setunion",
        "setintersection", "setsubtract", "chunklist", "transpose", "contains", "length", "index", "sort",
        "sensitive", "nonsensitive", "alltrue", "anytrue", "range",
    ]

    /// What a function name means: `table`, `unknownAtPlan` and `preservesStructure` answered by
    /// one hash of the name instead of three.
    struct Resolution {
        var spec: FunctionSpec?
        var unknownAtPlan = false
        var preservesStructure = false
    }

    static let resolutions: [String: Resolution] = {
        var r: [String: Resolution] = [:]
        for (name, spec) in table { r[name, default: Resolution()].spec = spec }
        for name in unknownAtPlan { r[name, default: Resolution()].unknownAtPlan = true }
        for name in preservesStructure { r[name, default: Resolution()].preservesStructure = true }
        return r
    }()

    /// `resolutions` by position behind a `NameIndex`: a call looks its function up this way,
    /// about a quarter of a dictionary look-up's instructions.
    private static let resolutionTable: (index: NameIndex, resolutions: [Resolution]) = {
        var index = NameIndex(minimumCapacity: resolutions.count)
        var list: [Resolution] = []
        for (name, resolution) in resolutions {
            index.insertIfAbsent(name, position: list.count)
            list.append(resolution)
        }
        return (index, list)
    }()

    /// `resolutions[name]`.
    static func resolution(_ name: String) -> Resolution? {
        guard let i = resolutionTable.index[name], i < resolutionTable.resolutions.count else { return nil }
        return resolutionTable.resolutions[i]
    }

    static func call(_ name: String, _ args: [Value], _ ctx: FunctionContext) -> Value {
        let bare = name.hasPrefix("core::") ? String(name.dropFirst(6)) : name
        return call(bare, resolution(bare), args, ctx)
    }

    /// `call` for a name without its `core::` prefix, already resolved.
    static func call(_ bare: String, _ resolution: Resolution?, _ args: [Value], _ ctx: FunctionContext) -> Value {
        if resolution?.unknownAtPlan == true {
            return Value.unknown(.knownAfterApply, range: ctx.range).detailed("\(bare)()")
        }
        guard let spec = resolution?.spec else {
            return Value.unknown(.unsupportedFunction, range: ctx.range).detailed(bare)
        }
        guard args.count >= spec.minArgs, args.count <= spec.maxArgs else {
            let expected = spec.minArgs == spec.maxArgs ? "\(spec.minArgs)" : spec.maxArgs == Int.max ? "at least \(spec.minArgs)" : "\(spec.minArgs) to \(spec.maxArgs)"
            return invalidCall(bare, "expected \(expected) arguments, got \(args.count)", ctx)
        }
        if !spec.acceptsUnknown {
            // By index, primitives passed over by their case: `for a in args` copied every
            // argument (its kind's and metadata's boxes) to ask it.
            for i in args.indices where !args[i].isPrimitive {
                if let u = args[i].firstUnknown { return u.withRange(ctx.range) }
            }
        }
        var result = spec.run(args, ctx)
        if result.range == nil { result.range = ctx.range }
        return result
    }
}

extension Value {
    /// Replaces the detail of an unknown's reason.
    func detailed(_ detail: String) -> Value {
        guard case .unknown(let reason) = kind else { return self }
        // The kind replaced in a copy: its references and `via` places stay in their box.
        var out = self
        out.kind = .unknown(UnknownReason(reason.kind, detail))
        return out
    }
}

// MARK: Argument helpers

func stringArg(_ v: Value) -> String? { v.terraformString }

func intArg(_ v: Value) -> Int? {
    guard let n = v.terraformNumber, n == n.rounded(), abs(n) < 1e15 else { return nil }
    return Int(n)
}
