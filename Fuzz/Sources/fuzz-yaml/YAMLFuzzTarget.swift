// libFuzzer entry point: the YAML reader and the CloudFormation/SAM loader on arbitrary bytes.

import CloudFormation
import YAML

import FuzzerDriver

/// SwiftPM links executables with `main` renamed to `<module>_main`; this is it, handing over to libFuzzer.
@_cdecl("fuzz_yaml_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzYAML(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parsed = YAMLReader.parse(bytes, path: "fuzz.yaml")
    _ = parsed.documents.count
    let graph = CloudFormationLoader.load(bytes, path: "fuzz.yaml")
    _ = graph.resources.count
    // The detection path the pipeline uses (JSON extension exercises the JSON-looking branch).
    _ = CloudFormationLoader.loadIfTemplate(bytes, path: "fuzz.json")
    return 0
}
