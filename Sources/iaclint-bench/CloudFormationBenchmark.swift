// Benchmark suite "cfn": CloudFormation/SAM template bytes -> resource graph (YAML and JSON), MB/s.

#if canImport(Glibc)
import Glibc
#endif
import CloudFormation
import IaCLintCore
import YAML
import IaCLintKit

/// `iaclint-bench cfn [paths...]`: every YAML template under the paths (default: the cfn and sam
/// corpora), read once; times parse + resolve + graph, and separately the JSON templates, the
/// YAML parse into a node tree and into the flat node table loading uses, so the front end's own
/// cost is visible.
/// `--once` loads each YAML template a single time and prints nothing else: for profilers
/// (`valgrind --tool=callgrind`), whose instruction counts do not depend on machine load.
func runCloudFormationBenchmark(_ arguments: [String]) -> Int32 {
    // The same glibc malloc settings as `iaclint check`, so the figure is the product's.
    AllocatorTuning.applyForBatchRun()
    let once = arguments.first == "--once"
    let args = once ? Array(arguments.dropFirst()) : arguments
    let roots = args.isEmpty ? ["../shared/corpus/cfn", "../shared/corpus/sam"] : args
    var yaml: [(String, [UInt8])] = [], json: [(String, [UInt8])] = []
    for root in roots {
        for path in BenchFiles.under(root) {
            guard case .success(let bytes) = FileSystem.read(path), CloudFormationLoader.isTemplate(bytes, path: path) else { continue }
            if path.hasSuffix(".json") { json.append((path, bytes)) } else { yaml.append((path, bytes)) }
        }
    }
    guard !yaml.isEmpty else {
        print("cfn: no templates found under \(roots.joined(separator: " "))")
        return 1
    }
    if once {
        var resources = 0
        for (path, data) in yaml { resources += CloudFormationLoader.load(data, path: path).resources.count }
        print("cfn --once: \(yaml.count) YAML templates, \(resources) resources")
        return 0
    }
    for (label, set) in [("cfn yaml file->graph", yaml), ("cfn json file->graph", json)] where !set.isEmpty {
        let bytes = set.reduce(0) { $0 + $1.1.count }
        var resources = 0
        let seconds = BenchClock.median(runs: 5) {
            resources = 0
            for (path, data) in set { resources += CloudFormationLoader.load(data, path: path).resources.count }
        }
        BenchClock.report(label, bytes: bytes, files: set.count, seconds: seconds)
        let cpu = medianCPUSeconds {
            for (path, data) in set { _ = CloudFormationLoader.load(data, path: path) }
        }
        print("  \(resources) resources; CPU time of this thread \(Int(cpu * 1000)) ms = \(Int(Double(bytes) / 1e6 / cpu)) MB/s per core")
    }
    let yamlBytes = yaml.reduce(0) { $0 + $1.1.count }
    let parseOnly = BenchClock.median(runs: 5) {
        for (path, data) in yaml { _ = YAMLReader.parse(data, path: path) }
    }
    BenchClock.report("cfn yaml parse only", bytes: yamlBytes, files: yaml.count, seconds: parseOnly)
    let parseCPU = medianCPUSeconds { for (path, data) in yaml { _ = YAMLReader.parse(data, path: path) } }
    print("  CPU time of this thread \(Int(parseCPU * 1000)) ms = \(Int(Double(yamlBytes) / 1e6 / parseCPU)) MB/s per core")
    // What loading parses into: the flat node table, without the YAMLNode tree built from it.
    let tableCPU = medianCPUSeconds { for (path, data) in yaml { _ = YAMLReader.parseTable(data, path: path) } }
    print("cfn yaml node table only: CPU time of this thread \(Int(tableCPU * 1000)) ms = \(Int(Double(yamlBytes) / 1e6 / tableCPU)) MB/s per core")
    // JSON: libyaml (JSON is YAML) against PositionedJSON + conversion, the reader `load` uses.
    let jsonBytes = json.reduce(0) { $0 + $1.1.count }
    if jsonBytes > 0 {
        let viaLibyaml = medianCPUSeconds { for (path, data) in json { _ = YAMLReader.parse(data, path: path) } }
        let viaPositioned = medianCPUSeconds { for (path, data) in json { _ = CloudFormationLoader.parse(data, path: path) } }
        print("cfn json parse: libyaml \(Int(Double(jsonBytes) / 1e6 / viaLibyaml)) MB/s per core, PositionedJSON \(Int(Double(jsonBytes) / 1e6 / viaPositioned)) MB/s per core")
    }
    return 0
}


/// Median CPU time of the calling thread over 5 runs: on a shared machine, wall time measures the
/// other tenants too, while "MB/s on one core" is about the CPU this work needs.
private func medianCPUSeconds(_ body: () -> Void) -> Double {
    func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    var times: [Double] = []
    for _ in 0..<5 {
        let t0 = now()
        body()
        times.append(now() - t0)
    }
    times.sort()
    return times[2]
}
