// Benchmark suite "json": parses JSON files (default: a synthetic 10 MB plan) into the positioned
// document (flat node tree), and separately validates them with the pull reader's skip.

import IaCLintCore
import PositionedJSON

func runJSONBenchmark(_ args: [String]) -> Int32 {
    var runs = 5
    var paths: [String] = []
    var iterator = args.makeIterator()
    while let arg = iterator.next() {
        if arg == "--runs", let n = iterator.next().flatMap({ Int($0) }) { runs = n } else { paths.append(arg) }
    }
    var inputs: [(String, [UInt8])] = []
    if paths.isEmpty { inputs = [("synthetic-10MB.json", LargePlanGenerator.generate(targetBytes: 10_000_000))] }
    for path in paths {
        switch FileSystem.read(path) {
        case .success(let bytes): inputs.append((path, bytes))
        case .failure(let error): print(error); return 1
        }
    }
    let total = inputs.reduce(0) { $0 + $1.1.count }
    var nodes = 0, errors = 0
    let tree = BenchClock.median(runs: runs) {
        nodes = 0
        errors = 0
        for (path, bytes) in inputs {
            let result = JSONReader.parse(bytes, path: path)
            nodes += result.document?.nodeCount ?? 0
            errors += result.diagnostics.count
        }
    }
    print("json: \(nodes) nodes, \(errors) diagnostics")
    BenchClock.report("json (document)", bytes: total, files: inputs.count, seconds: tree)
    let skip = BenchClock.median(runs: runs) {
        for (_, bytes) in inputs {
            var reader = JSONPullReader(text: bytes)
            _ = try? reader.skipValue()
        }
    }
    BenchClock.report("json (validate only)", bytes: total, files: inputs.count, seconds: skip)
    return errors == 0 ? 0 : 1
}
