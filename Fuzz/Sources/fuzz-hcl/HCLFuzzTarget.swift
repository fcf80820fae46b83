// libFuzzer entry point: the HCL native-syntax parser on arbitrary bytes.

import HCL

import FuzzerDriver

/// SwiftPM links executables with `main` renamed to `<module>_main`; this is it, handing over to libFuzzer.
@_cdecl("fuzz_hcl_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzHCL(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHCL(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let file = HCLParser.parse(bytes, path: "fuzz.tf")
    // Touch the results so nothing is optimised away, and check the ranges stay inside the input.
    for diagnostic in file.diagnostics {
        if let range = diagnostic.range, range.start.offset > bytes.count || range.end.offset > bytes.count + 1 {
            fatalError("diagnostic range \(range.start.offset)..<\(range.end.offset) outside \(bytes.count) bytes")
        }
    }
    return 0
}
