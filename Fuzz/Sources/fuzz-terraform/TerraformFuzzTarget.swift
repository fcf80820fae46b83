// libFuzzer entry point: the Terraform evaluator on arbitrary configuration. The input is every
// `.tf` file of a small fixed tree (root and a local module), served through an injected file
// reader, so an iteration does no disk reads and the configuration may call itself as a module.

import Glibc
import IaCLintCore
import Terraform

/// Created once; libFuzzer calls the entry point from one thread.
nonisolated(unsafe) private var tree: String?

/// A temporary root with `main.tf` and `m/main.tf`, so directory listings find the files; their
/// content on disk is never read.
private func makeTree() -> String {
    if let tree { return tree }
    var template = Array("/tmp/iaclint-fuzz-tf-XXXXXX".utf8CString)
    let root = template.withUnsafeMutableBufferPointer { buffer -> String in
        guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return "/tmp/iaclint-fuzz-tf" }
        return String(cString: base)
    }
    mkdir(root + "/m", 0o755)
    for file in [root + "/main.tf", root + "/m/main.tf", root + "/m/variables.tf"] {
        if let f = fopen(file, "w") { fclose(f) }
    }
    tree = root
    return root
}

import FuzzerDriver

/// SwiftPM links executables with `main` renamed to `<module>_main`; this is it, handing over to libFuzzer.
@_cdecl("fuzz_terraform_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzTerraform(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTerraform(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let root = makeTree()
    let input = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let options = TerraformOptions(
        variables: ["region": "eu-west-1"], environment: [:], scanRoot: root,
        fileReader: { path in
            // Inside the tree every file (configuration, templatefile target) holds the input.
            guard path.hasPrefix(root) else { return .failure(FileError(path: path, message: "outside the fuzz tree")) }
            if path.hasSuffix("/m/variables.tf") { return .success([]) }
            return .success(input)
        })
    let graph = TerraformLoader.load(directories: [root], options: options)
    _ = graph.resources.count
    return 0
}
