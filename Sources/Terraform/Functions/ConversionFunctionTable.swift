// Type conversion functions (`tostring`, `tonumber`, `tobool`, `tolist`, `toset`, `tomap`) and
// identity-like functions (`sensitive`, `nonsensitive`).

import IaCLintCore

extension FunctionLibrary {
    static let conversionFunctions: [String: FunctionSpec] = [
        "tostring": FunctionSpec(1, 1) { args, ctx in
            if args[0].isNull { return args[0] }
            guard let s = args[0].terraformString else { return invalidCall("tostring", "cannot convert \(args[0].typeName) to string", ctx) }
            return .string(s)
        },
        "tonumber": FunctionSpec(1, 1) { args, ctx in
            if args[0].isNull { return args[0] }
            guard let n = args[0].terraformNumber else { return invalidCall("tonumber", "cannot convert \(args[0].typeName) to number", ctx) }
            return .number(n)
        },
        "tobool": FunctionSpec(1, 1) { args, ctx in
            if args[0].isNull { return args[0] }
            guard let b = args[0].terraformBool else { return invalidCall("tobool", "cannot convert \(args[0].typeName) to bool", ctx) }
            return .bool(b)
        },
        "tolist": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            if args[0].isNull || args[0].isUnknown { return args[0] }
            guard args[0].listValue != nil else { return invalidCall("tolist", "cannot convert \(args[0].typeName) to list", ctx) }
            return args[0]
        },
        "toset": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            if args[0].isNull || args[0].isUnknown { return args[0] }
            guard let l = args[0].listValue else { return invalidCall("toset", "cannot convert \(args[0].typeName) to set", ctx) }
            if let u = l.first(where: { $0.firstUnknown != nil }) { return u.withRange(ctx.range) }
            return Value(.list(sortedSet(distinctValues(l))), range: args[0].range)
        },
        "tomap": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            if args[0].isNull || args[0].isUnknown { return args[0] }
            guard args[0].objectEntries != nil else { return invalidCall("tomap", "cannot convert \(args[0].typeName) to map", ctx) }
            return args[0]
        },
        "sensitive": FunctionSpec(1, 1, acceptsUnknown: true) { args, _ in args[0] },
        "nonsensitive": FunctionSpec(1, 1, acceptsUnknown: true) { args, _ in args[0] },
        "type": FunctionSpec(1, 1, acceptsUnknown: true) { args, _ in .string(args[0].typeName) },
    ]
}
