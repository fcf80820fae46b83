// The string functions' entries in the function table.

import IaCLintCore

extension FunctionLibrary {
    static let stringFunctions: [String: FunctionSpec] = [
        "lower": unaryString { .string($0.lowercased()) },
        "upper": unaryString { .string($0.uppercased()) },
        "title": unaryString { .string(StringFunctions.title($0)) },
        "trimspace": unaryString { .string(StringFunctions.trimSpace($0)) },
        "chomp": unaryString { .string(StringFunctions.chomp($0)) },
        "strrev": unaryString { .string(String($0.reversed())) },
        "urlencode": unaryString { .string(urlEncode($0)) },
        "trim": binaryString { .string(StringFunctions.trim($0, cutset: $1)) },
        "trimprefix": binaryString { .string($0.hasPrefix($1) ? String(decoding: Array($0.utf8).dropFirst($1.utf8.count), as: UTF8.self) : $0) },
        "trimsuffix": binaryString { .string($0.hasSuffix($1) ? String(decoding: Array($0.utf8).dropLast($1.utf8.count), as: UTF8.self) : $0) },
        "startswith": binaryString { .bool(Array($0.utf8).starts(with: Array($1.utf8))) },
        "endswith": binaryString { .bool(Array($0.utf8).reversed().starts(with: Array($1.utf8).reversed())) },
        "strcontains": binaryString { .bool(StringFunctions.contains($0, $1)) },
        "split": binaryString { sep, s in .list(StringFunctions.split(s, separator: sep).map { .string($0) }) },
        "indent": FunctionSpec(2, 2) { args, ctx in
            guard let n = intArg(args[0]), let s = stringArg(args[1]) else { return invalidCall("indent", "expected a number and a string", ctx) }
            return .string(StringFunctions.indent(s, spaces: n))
        },
        "substr": FunctionSpec(3, 3) { args, ctx in
            guard let s = stringArg(args[0]), let offset = intArg(args[1]), let length = intArg(args[2]) else {
                return invalidCall("substr", "expected a string and two numbers", ctx)
            }
            guard let r = StringFunctions.substr(s, offset: offset, length: length) else { return invalidCall("substr", "offset or length out of range", ctx) }
            return .string(r)
        },
        "replace": FunctionSpec(3, 3) { args, ctx in
            guard let s = stringArg(args[0]), let sub = stringArg(args[1]), let repl = stringArg(args[2]) else {
                return invalidCall("replace", "expected three strings", ctx)
            }
            if sub.utf8.count >= 2, sub.hasPrefix("/"), sub.hasSuffix("/") {
                let pattern = String(decoding: Array(sub.utf8).dropFirst().dropLast(), as: UTF8.self)
                switch RegexFunctions.replace(s, pattern: pattern, with: repl) {
                case .success(let r): return .string(r)
                case .failure(.message(let m)): return invalidCall("replace", m, ctx)
                }
            }
            return .string(StringFunctions.replaceAll(s, sub, repl))
        },
        "regex": FunctionSpec(2, 2) { args, ctx in
            guard let pattern = stringArg(args[0]), let s = stringArg(args[1]) else { return invalidCall("regex", "expected two strings", ctx) }
            switch RegexFunctions.firstMatch(pattern, in: s) {
            case .success(let v?): return v
            case .success(nil): return invalidCall("regex", "pattern did not match", ctx)
            case .failure(.message(let m)): return invalidCall("regex", m, ctx)
            }
        },
        "regexall": FunctionSpec(2, 2) { args, ctx in
            guard let pattern = stringArg(args[0]), let s = stringArg(args[1]) else { return invalidCall("regexall", "expected two strings", ctx) }
            switch RegexFunctions.allMatches(pattern, in: s) {
            case .success(let v): return .list(v)
            case .failure(.message(let m)): return invalidCall("regexall", m, ctx)
            }
        },
        "format": FunctionSpec(1, Int.max) { args, ctx in
            guard let spec = stringArg(args[0]) else { return invalidCall("format", "the format must be a string", ctx) }
            switch FormatFunction.format(spec, Array(args.dropFirst())) {
            case .success(let s): return .string(s)
            case .failure(.message(let m)): return invalidCall("format", m, ctx)
            }
        },
        "formatlist": FunctionSpec(1, Int.max) { args, ctx in
            guard let spec = stringArg(args[0]) else { return invalidCall("formatlist", "the format must be a string", ctx) }
            let rest = Array(args.dropFirst())
            var count: Int? = nil
            for a in rest {
                if let l = a.listValue {
                    if let c = count, c != l.count { return invalidCall("formatlist", "lists must have the same length", ctx) }
                    count = l.count
                }
            }
            let n = count ?? 1
            var out: [Value] = []
            for i in 0..<n {
                let row = rest.map { a -> Value in a.listValue.map { $0[i] } ?? a }
                switch FormatFunction.format(spec, row) {
                case .success(let s): out.append(.string(s))
                case .failure(.message(let m)): return invalidCall("formatlist", m, ctx)
                }
            }
            return .list(out)
        },
        "join": FunctionSpec(2, Int.max) { args, ctx in
            guard let sep = stringArg(args[0]) else { return invalidCall("join", "the separator must be a string", ctx) }
            var parts: [String] = []
            for list in args.dropFirst() {
                guard let items = list.listValue else { return invalidCall("join", "expected a list of strings", ctx) }
                for item in items {
                    guard let s = item.terraformString else { return invalidCall("join", "list elements must be strings", ctx) }
                    parts.append(s)
                }
            }
            return .string(parts.joined(separator: sep))
        },
    ]

    private static func unaryString(_ f: @escaping @Sendable (String) -> Value) -> FunctionSpec {
        FunctionSpec(1, 1) { args, ctx in
            guard let s = stringArg(args[0]) else { return invalidCall("function", "expected a string, got \(args[0].typeName)", ctx) }
            return f(s)
        }
    }

    private static func binaryString(_ f: @escaping @Sendable (String, String) -> Value) -> FunctionSpec {
        FunctionSpec(2, 2) { args, ctx in
            guard let a = stringArg(args[0]), let b = stringArg(args[1]) else { return invalidCall("function", "expected two strings", ctx) }
            return f(a, b)
        }
    }

    /// Go's `url.QueryEscape`.
    static func urlEncode(_ s: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "~"):
                out.append(b)
            case UInt8(ascii: " "): out.append(UInt8(ascii: "+"))
            default: out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
