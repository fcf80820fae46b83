// Encoding, hashing and file functions: `jsonencode`, `jsondecode`, `yamlencode`, Base64, digests,
// `file`, `templatefile`, `fileexists` and path helpers.

import IaCLintCore

extension FunctionLibrary {
    static let encodingFunctions: [String: FunctionSpec] = [
        "jsonencode": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            guard let text = TerraformJSONEncoder.encode(args[0]) else {
                return (args[0].firstUnknown ?? Value.unknown(.limit, "jsonencode nesting")).withRange(ctx.range)
            }
            return .string(text)
        },
        "jsondecode": FunctionSpec(1, 1) { args, ctx in
            guard let s = stringArg(args[0]) else { return invalidCall("jsondecode", "expected a string", ctx) }
            guard let decode = ctx.decodeJSON else { return Value.unknown(.unsupportedFunction, range: ctx.range).detailed("jsondecode") }
            return decode(s, ctx.range)
        },
        "yamlencode": FunctionSpec(1, 1, acceptsUnknown: true) { args, ctx in
            guard let text = TerraformYAMLEncoder.encode(args[0]) else {
                return (args[0].firstUnknown ?? Value.unknown(.invalid, "yamlencode")).withRange(ctx.range)
            }
            return .string(text)
        },
        "base64encode": unaryBytes { .string(Digests.base64Encode($0)) },
        "base64decode": FunctionSpec(1, 1) { args, ctx in
            guard let s = stringArg(args[0]), let bytes = Digests.base64Decode(s) else { return invalidCall("base64decode", "invalid Base64", ctx) }
            return .string(String(decoding: bytes, as: UTF8.self))
        },
        "md5": unaryBytes { .string(Digests.hex(Digests.md5($0))) },
        "sha1": unaryBytes { .string(Digests.hex(Digests.sha1($0))) },
        "sha256": unaryBytes { .string(Digests.hex(Digests.sha256($0))) },
        "base64sha256": unaryBytes { .string(Digests.base64Encode(Digests.sha256($0))) },
        "file": FunctionSpec(1, 1) { args, ctx in
            switch readConfinedFile(args[0], "file", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, _)): return .string(String(decoding: bytes, as: UTF8.self))
            }
        },
        "filebase64": FunctionSpec(1, 1) { args, ctx in
            switch readConfinedFile(args[0], "filebase64", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, _)): return .string(Digests.base64Encode(bytes))
            }
        },
        "filemd5": FunctionSpec(1, 1) { args, ctx in
            switch readConfinedFile(args[0], "filemd5", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, _)): return .string(Digests.hex(Digests.md5(bytes)))
            }
        },
        "filesha256": FunctionSpec(1, 1) { args, ctx in
            switch readConfinedFile(args[0], "filesha256", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, _)): return .string(Digests.hex(Digests.sha256(bytes)))
            }
        },
        "filebase64sha256": FunctionSpec(1, 1) { args, ctx in
            switch readConfinedFile(args[0], "filebase64sha256", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, _)): return .string(Digests.base64Encode(Digests.sha256(bytes)))
            }
        },
        "filesha1": FunctionSpec(1, 1) { args, ctx in
            switch readConfinedFile(args[0], "filesha1", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, _)): return .string(Digests.hex(Digests.sha1(bytes)))
            }
        },
        "fileexists": FunctionSpec(1, 1) { args, ctx in
            guard let p = stringArg(args[0]) else { return invalidCall("fileexists", "expected a string", ctx) }
            let full = Path.normalize(Path.join(ctx.moduleDirectory, p))
            let absolute = Path.normalize(Path.join(ctx.workingDirectory, full))
            guard FastPath.isInside(absolute, normalizedRoot: Path.normalize(ctx.scanRoot)) else {
                return Value.unknown(.external, range: ctx.range).detailed("fileexists(\"\(p)\") outside the scanned directory")
            }
            return .bool(FileSystem.kind(absolute, followLinks: true) == .regular)
        },
        "templatefile": FunctionSpec(2, 2, acceptsUnknown: true) { args, ctx in
            if let u = args[0].firstUnknown { return u.withRange(ctx.range) }
            switch readConfinedFile(args[0], "templatefile", ctx) {
            case .failure(let failure): return failure.value
            case .success(let (bytes, path)):
                guard let render = ctx.renderTemplate else { return Value.unknown(.unsupportedFunction, range: ctx.range).detailed("templatefile") }
                guard args[1].objectEntries != nil || args[1].isUnknown else { return invalidCall("templatefile", "the variables must be a map or object", ctx) }
                return render(bytes, path, args[1])
            }
        },
        "basename": unaryString { .string(Path.fileName($0)) },
        "dirname": unaryString { .string(Path.directory(of: $0)) },
        "pathexpand": unaryString { .string($0) },
        "abspath": FunctionSpec(1, 1) { args, ctx in
            Value.unknown(.deploymentContext, range: ctx.range).detailed("abspath() depends on where terraform runs")
        },
        "cidrsubnet": FunctionSpec(3, 3) { _, ctx in Value.unknown(.unsupportedFunction, range: ctx.range).detailed("cidrsubnet") },
    ]

    private static func unaryBytes(_ f: @escaping @Sendable ([UInt8]) -> Value) -> FunctionSpec {
        FunctionSpec(1, 1) { args, ctx in
            guard let s = stringArg(args[0]) else { return invalidCall("function", "expected a string", ctx) }
            return f(Array(s.utf8))
        }
    }

    private static func unaryString(_ f: @escaping @Sendable (String) -> Value) -> FunctionSpec {
        FunctionSpec(1, 1) { args, ctx in
            guard let s = stringArg(args[0]) else { return invalidCall("function", "expected a string", ctx) }
            return f(s)
        }
    }
}

struct UnknownFailure: Error { var value: Value }

/// Reads a file named by a function argument, relative to the directory Terraform runs in, only
/// when it stays inside the scan root and is a regular file. Fails with an unknown value otherwise.
func readConfinedFile(_ arg: Value, _ name: String, _ ctx: FunctionContext) -> Result<([UInt8], String), UnknownFailure> {
    guard let p = stringArg(arg) else { return .failure(UnknownFailure(value: invalidCall(name, "the path must be a string", ctx))) }
    let full = p.hasPrefix("/") ? Path.normalize(p) : Path.normalize(Path.join(ctx.moduleDirectory, p))
    let absolute = Path.normalize(Path.join(ctx.workingDirectory, full))
    let resolved = FileSystem.realPath(absolute) ?? absolute
    let root = Path.normalize(ctx.scanRoot)
    guard FastPath.isInside(absolute, normalizedRoot: root), FastPath.isInside(resolved, normalizedRoot: root) else {
        ctx.note?("\(name)(\"\(p)\") is outside the scanned directory; not read, its value is unknown", ctx.range)
        return .failure(UnknownFailure(value: Value.unknown(.external, range: ctx.range).detailed("\(name)(\"\(p)\") is outside the scanned directory; not read")))
    }
    guard FileSystem.kind(resolved, followLinks: true) == .regular else {
        ctx.note?("\(name)(\"\(p)\") is not a regular file; not read, its value is unknown", ctx.range)
        return .failure(UnknownFailure(value: Value.unknown(.external, range: ctx.range).detailed("\(name)(\"\(p)\") is not a regular file; not read")))
    }
    switch ctx.readFile(full) {
    case .success(let bytes): return .success((bytes, full))
    case .failure(let e): return .failure(UnknownFailure(value: Value.unknown(.external, range: ctx.range).detailed("\(name): \(e.message)")))
    }
}
