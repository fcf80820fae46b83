// libFuzzer entry point: the positioned JSON reader and the Terraform plan/state loader on arbitrary bytes.

import PositionedJSON
import TerraformPlan

import FuzzerDriver

/// SwiftPM links executables with `main` renamed to `<module>_main`; this is it, handing over to libFuzzer.
@_cdecl("fuzz_plan_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzPlan(data, size) }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    let parsed = JSONReader.parse(bytes, path: "fuzz.json", options: JSONParseOptions(duplicateKeys: .report(.warning)))
    _ = parsed.diagnostics.count
    _ = TerraformPlanLoader.isPlan(bytes)
    let plan = TerraformPlanLoader.load(bytes, path: "fuzz.json")
    _ = plan.graph.resources.count
    return 0
}
