// The collection and numeric functions' entries in the function table: lists, maps, sets, numbers.

import IaCLintCore

extension FunctionLibrary {
    /// Largest list a function may build (`range`, `flatten`…): beyond it the result is unknown.
    static let maximumCollection = 100_000

    static let collectionFunctions: [String: FunctionSpec] = [
        "length": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            switch args[0].kind {
            case .string(let s): return .number(Double(s.count))
            case .list(let l): return .number(Double(l.count))
            case .object(let o): return .number(Double(sortedEntries(o).count))
            case .unknown: return args[0].withRange(ctx.range)
            default: return invalidCall("length", "expected a collection or string, got \(args[0].typeName)", ctx)
            }
        },
        "concat": FunctionSpec(1, Int.max, acceptsUnknown: true) { args, ctx in
            var out: [Value] = []
            for a in args {
                if a.isUnknown { return a.withRange(ctx.range) }
                guard let l = a.listValue else { return invalidCall("concat", "expected lists, got \(a.typeName)", ctx) }
                out += l
            }
            return .list(out)
        },
        "merge": FunctionSpec(0, Int.max, acceptsUnknown: true) { args, ctx in
            var out: [ObjectEntry] = []
            // Sized once for every entry: growing by doubling copied (and retained) entries again.
            out.reserveCapacity(args.reduce(0) { $0 + ($1.objectEntries?.count ?? 0) })
            // Keys are found by scanning while the result is small (most merges): cheaper than
            // hashing every key; a `NameIndex` sized for every entry takes over past 16 keys (a
            // dictionary grown one key at a time cost four times as much per key with its rehashes).
            var index = NameIndex()
            for a in args {
                if a.isNull { continue }
                if a.isUnknown { return a.withRange(ctx.range) }
                guard let entries = a.objectEntries else { return invalidCall("merge", "expected maps or objects, got \(a.typeName)", ctx) }
                for e in entries {
                    if out.count <= 16, index.isEmpty {
                        if let i = out.firstIndex(where: { sameName($0.key, e.key) }) { out[i] = e; continue }
                        out.append(e)
                        if out.count > 16 {
                            index = NameIndex(minimumCapacity: out.capacity)
                            for i in out.indices { index.insertIfAbsent(out[i].key, position: i) }
                        }
                    } else if let i = index.insertIfAbsent(e.key, position: out.count) {
                        out[i] = e
                    } else {
                        out.append(e)
                    }
                }
            }
            return .object(out)
        },
        "lookup": FunctionSpec(2, 3, acceptsUnknown: true) { args, ctx in
            if args[0].isUnknown { return args[0].withRange(ctx.range) }
            if let u = args[1].firstUnknown { return u.withRange(ctx.range) }
            guard let key = stringArg(args[1]) else { return invalidCall("lookup", "the key must be a string", ctx) }
            guard args[0].objectEntries != nil else { return invalidCall("lookup", "expected a map, got \(args[0].typeName)", ctx) }
            if let v = args[0][key] { return v }
            if args.count == 3 { return args[2] }
            return invalidCall("lookup", "no key \"\(key)\" and no default", ctx)
        },
        "element": FunctionSpec(2, 2, acceptsUnknown: true) { args, ctx in
            if args[0].isUnknown { return args[0].withRange(ctx.range) }
            if let u = args[1].firstUnknown { return u.withRange(ctx.range) }
            guard let l = args[0].listValue, let i = intArg(args[1]) else { return invalidCall("element", "expected a list and an index", ctx) }
            guard !l.isEmpty else { return invalidCall("element", "cannot use element function with an empty list", ctx) }
            guard i >= 0 else { return invalidCall("element", "cannot use element function with a negative index", ctx) }
            return l[i % l.count]
        },
        "keys": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            if args[0].isUnknown { return args[0].withRange(ctx.range) }
            guard let o = args[0].objectEntries else { return invalidCall("keys", "expected a map or object", ctx) }
            return .list(sortedEntries(o).map { .string($0.key, range: $0.keyRange) })
        },
        "values": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            if args[0].isUnknown { return args[0].withRange(ctx.range) }
            guard let o = args[0].objectEntries else { return invalidCall("values", "expected a map or object", ctx) }
            return .list(sortedEntries(o).map(\.value))
        },
        "contains": FunctionSpec(2, 2) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("contains", "expected a list or set", ctx) }
            return .bool(l.contains { $0.sameContents(as: args[1]) })
        },
        "index": FunctionSpec(2, 2) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("index", "expected a list", ctx) }
            guard let i = l.firstIndex(where: { $0.sameContents(as: args[1]) }) else { return invalidCall("index", "item not found", ctx) }
            return .number(Double(i))
        },
        "distinct": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("distinct", "expected a list", ctx) }
            return .list(distinctValues(l))
        },
        "zipmap": FunctionSpec(2, 2) { args, ctx in
            guard let k = args[0].listValue, let v = args[1].listValue, k.count == v.count else {
                return invalidCall("zipmap", "expected two lists of the same length", ctx)
            }
            var entries: [ObjectEntry] = []
            for (key, value) in zip(k, v) {
                guard let s = key.terraformString else { return invalidCall("zipmap", "keys must be strings", ctx) }
                entries.append(ObjectEntry(s, value, keyRange: key.range))
            }
            return .object(entries)
        },
        "one": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            if args[0].isUnknown { return args[0].withRange(ctx.range) }
            guard let l = args[0].listValue else { return invalidCall("one", "expected a list or set", ctx) }
            if l.isEmpty { return Value(.null, range: ctx.range) }
            guard l.count == 1 else { return invalidCall("one", "must be a list, set, or tuple value with either zero or one elements", ctx) }
            return l[0]
        },
        "flatten": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            var out: [Value] = []
            var unknown: Value? = nil
            func walk(_ v: Value, depth: Int) {
                guard unknown == nil else { return }
                if depth > 64 || out.count > maximumCollection { unknown = Value.unknown(.limit, "flatten"); return }
                if v.isUnknown { unknown = v; return }
                if let l = v.listValue { for x in l { walk(x, depth: depth + 1) } } else { out.append(v) }
            }
            guard args[0].listValue != nil || args[0].isUnknown else { return invalidCall("flatten", "expected a list", ctx) }
            walk(args[0], depth: 0)
            if let u = unknown { return u.withRange(ctx.range) }
            return .list(out)
        },
        "compact": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("compact", "expected a list of strings", ctx) }
            return .list(l.filter { !($0.isNull || $0.stringValue == "") })
        },
        "coalesce": FunctionSpec(1, Int.max, acceptsUnknown: true) { args, ctx in
            for a in args {
                if a.isUnknown { return a.withRange(ctx.range) }
                if a.isNull || a.stringValue == "" { continue }
                return a
            }
            return invalidCall("coalesce", "no non-null, non-empty-string arguments", ctx)
        },
        "coalescelist": FunctionSpec(1, Int.max, acceptsUnknown: true) { args, ctx in
            for a in args {
                if a.isUnknown { return a.withRange(ctx.range) }
                if let l = a.listValue, !l.isEmpty { return a }
            }
            return invalidCall("coalescelist", "no non-empty lists", ctx)
        },
        "range": FunctionSpec(1, 3) { args, ctx in
            let nums = args.compactMap(\.terraformNumber)
            guard nums.count == args.count else { return invalidCall("range", "expected numbers", ctx) }
            var start = 0.0, limit = 0.0, step = 1.0
            switch nums.count {
            case 1: limit = nums[0]
            case 2: start = nums[0]; limit = nums[1]; step = start <= limit ? 1 : -1
            default: start = nums[0]; limit = nums[1]; step = nums[2]
            }
            guard step != 0 else { return invalidCall("range", "step must not be zero", ctx) }
            guard abs((limit - start) / step) <= Double(maximumCollection) else {
                return Value.unknown(.limit, range: ctx.range).detailed("range() of more than \(maximumCollection) elements")
            }
            // Counted, not accumulated: `x += step` may never reach `limit` at large magnitudes.
            let count = max(0, Int(((limit - start) / step).rounded(.up)))
            return .list((0..<count).map { .number(start + Double($0) * step) })
        },
        "reverse": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("reverse", "expected a list", ctx) }
            return .list(l.reversed())
        },
        "slice": FunctionSpec(3, 3) { args, ctx in
            guard let l = args[0].listValue, let a = intArg(args[1]), let b = intArg(args[2]), a >= 0, b <= l.count, a <= b else {
                return invalidCall("slice", "indexes out of range", ctx)
            }
            return .list(Array(l[a..<b]))
        },
        "sort": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("sort", "expected a list of strings", ctx) }
            let strings = l.compactMap(\.terraformString)
            guard strings.count == l.count else { return invalidCall("sort", "expected a list of strings", ctx) }
            return .list(strings.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { .string($0) })
        },
        "chunklist": FunctionSpec(2, 2) { args, ctx in
            guard let l = args[0].listValue, let n = intArg(args[1]), n >= 0 else { return invalidCall("chunklist", "expected a list and a size", ctx) }
            if n == 0 { return .list([.list(l)]) }
            return .list(stride(from: 0, to: l.count, by: n).map { .list(Array(l[$0..<min($0 + n, l.count)])) })
        },
        "alltrue": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("alltrue", "expected a list of bools", ctx) }
            return .bool(l.allSatisfy { $0.terraformBool == true })
        },
        "anytrue": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue else { return invalidCall("anytrue", "expected a list of bools", ctx) }
            return .bool(l.contains { $0.terraformBool == true })
        },
        "setunion": FunctionSpec(1, Int.max) { args, ctx in
            var all: [Value] = []
            for a in args { guard let l = a.listValue else { return invalidCall("setunion", "expected sets", ctx) }; all += l }
            return .list(sortedSet(distinctValues(all)))
        },
        "setintersection": FunctionSpec(1, Int.max) { args, ctx in
            guard var result = args[0].listValue else { return invalidCall("setintersection", "expected sets", ctx) }
            for a in args.dropFirst() {
                guard let l = a.listValue else { return invalidCall("setintersection", "expected sets", ctx) }
                result = result.filter { x in l.contains { $0.sameContents(as: x) } }
            }
            return .list(sortedSet(distinctValues(result)))
        },
        "setsubtract": FunctionSpec(2, 2) { args, ctx in
            guard let a = args[0].listValue, let b = args[1].listValue else { return invalidCall("setsubtract", "expected sets", ctx) }
            return .list(sortedSet(distinctValues(a.filter { x in !b.contains { $0.sameContents(as: x) } })))
        },
        "setproduct": FunctionSpec(1, Int.max) { args, ctx in
            var product: [[Value]] = [[]]
            for a in args {
                guard let l = a.listValue else { return invalidCall("setproduct", "expected lists or sets", ctx) }
                guard product.count * max(l.count, 1) <= maximumCollection else {
                    return Value.unknown(.limit, "setproduct of more than \(maximumCollection) elements", range: ctx.range)
                }
                product = product.flatMap { prefix in l.map { prefix + [$0] } }
            }
            return .list(product.map { .list($0) })
        },
        "max": numeric("max", 1, Int.max) { $0.max() ?? 0 },
        "min": numeric("min", 1, Int.max) { $0.min() ?? 0 },
        "abs": numeric("abs", 1, 1) { abs($0[0]) },
        "ceil": numeric("ceil", 1, 1) { $0[0].rounded(.up) },
        "floor": numeric("floor", 1, 1) { $0[0].rounded(.down) },
        "signum": numeric("signum", 1, 1) { $0[0] > 0 ? 1 : $0[0] < 0 ? -1 : 0 },
        "pow": numeric("pow", 2, 2) { a in
            guard a[1] == a[1].rounded(), abs(a[1]) <= 1024 else { return Double.nan }
            var r = 1.0
            for _ in 0..<Int(abs(a[1])) { r *= a[0] }
            return a[1] < 0 ? 1 / r : r
        },
        "sum": FunctionSpec(1, 1) { args, ctx in
            guard let l = args[0].listValue, !l.isEmpty else { return invalidCall("sum", "expected a non-empty list of numbers", ctx) }
            let nums = l.compactMap(\.terraformNumber)
            guard nums.count == l.count else { return invalidCall("sum", "expected numbers", ctx) }
            return .number(nums.reduce(0, +))
        },
        "parseint": FunctionSpec(2, 2) { args, ctx in
            guard let s = stringArg(args[0]), let base = intArg(args[1]), (2...62).contains(base), let n = Int64(s, radix: min(base, 36)) else {
                return invalidCall("parseint", "cannot parse the number", ctx)
            }
            return .number(Double(n))
        },
        "transpose": FunctionSpec(1, 1) { args, ctx in
            guard let o = args[0].objectEntries else { return invalidCall("transpose", "expected a map of lists", ctx) }
            var result: [String: [Value]] = [:]
            var order: [String] = []
            for e in sortedEntries(o) {
                guard let l = e.value.listValue else { return invalidCall("transpose", "expected a map of lists", ctx) }
                for v in l {
                    guard let s = v.terraformString else { return invalidCall("transpose", "expected strings", ctx) }
                    if result[s] == nil { order.append(s) }
                    result[s, default: []].append(.string(e.key))
                }
            }
            return .object(order.map { ObjectEntry($0, .list(result[$0] ?? [])) })
        },
    ]

    private static func numeric(_ name: String, _ minArgs: Int, _ maxArgs: Int, _ f: @escaping @Sendable ([Double]) -> Double) -> FunctionSpec {
        FunctionSpec(minArgs, maxArgs) { args, ctx in
            let nums = args.compactMap(\.terraformNumber)
            guard nums.count == args.count else { return invalidCall(name, "expected numbers", ctx) }
            let r = f(nums)
            guard r.isFinite else { return invalidCall(name, "result is not a finite number", ctx) }
            return .number(r)
        }
    }
}

/// Elements without repeats, first occurrence kept. Hashes a canonical form, so large sets stay fast.
func distinctValues(_ list: [Value]) -> [Value] {
    var seen: Set<String> = []
    var out: [Value] = []
    out.reserveCapacity(list.count)
    for v in list {
        guard let key = canonicalKey(v) else { out.append(v); continue }
        if seen.insert(key).inserted { out.append(v) }
    }
    return out
}

/// A string that is equal for values with the same contents (nil for unknown values).
func canonicalKey(_ v: Value) -> String? {
    switch v.kind {
    case .string(let s): return "s" + s
    case .number(let n): return "n" + TerraformNumber.format(n)
    case .bool(let b): return b ? "t" : "f"
    case .null: return "z"
    default: return TerraformJSONEncoder.encode(v).map { "j" + $0 }
    }
}

/// Terraform iterates sets of strings in lexical (bytewise) order and sets of numbers in numeric order.
func sortedSet(_ list: [Value]) -> [Value] {
    if list.allSatisfy({ $0.stringValue != nil }) {
        let keyed = list.map { (Array(($0.stringValue ?? "").utf8), $0) }
        return keyed.sorted { $0.0.lexicographicallyPrecedes($1.0) }.map(\.1)
    }
    if list.allSatisfy({ $0.numberValue != nil }) {
        return list.sorted { ($0.numberValue ?? 0) < ($1.numberValue ?? 0) }
    }
    return list
}
