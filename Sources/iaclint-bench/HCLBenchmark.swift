// The "hcl" suite: lex + parse .tf files on one core and report MB/s.
//   swift run -c release iaclint-bench hcl [--runs N] [--check] [paths...]
// Default input: every .tf under ../shared/corpus/tf-real (or $IACLINT_CORPUS/tf-real).

import HCL
import IaCLintCore
#if canImport(Glibc)
import Glibc
#endif

func runHCLBenchmark(_ args: [String]) -> Int32 {
    var runs = 5
    var check = false
    var paths: [String] = []
    var i = 0
    while i < args.count {
        switch args[i] {
        case "--runs":
            i += 1
            runs = i < args.count ? Int(args[i]) ?? 5 : 5
        case "--check":
            check = true
        default:
            paths.append(args[i])
        }
        i += 1
    }
    if paths.isEmpty {
        let corpus = FileSystem.environment("IACLINT_CORPUS") ?? Path.normalize(Path.join(FileSystem.currentDirectory(), "../shared/corpus"))
        paths = [Path.join(corpus, "tf-real")]
    }
    var files: [(String, [UInt8])] = []
    for path in paths { collectTerraformFiles(path, into: &files) }
    files.sort { $0.0 < $1.0 }
    guard !files.isEmpty else {
        print("hcl: no .tf files found under \(paths.joined(separator: " "))")
        return 2
    }
    let totalBytes = files.reduce(0) { $0 + $1.1.count }
    if check {
        // List the files with errors and their first diagnostic (a corpus triage aid).
        var failing = 0
        for (path, bytes) in files {
            let parsed = HCLParser.parse(bytes, path: path)
            if let d = parsed.diagnostics.first {
                failing += 1
                print("\(d)")
            }
        }
        print("hcl: \(files.count - failing)/\(files.count) files parse without errors")
    }
    // Each run parses every file and keeps the results, as the linter does until it exits; freeing
    // the trees is timed separately ("+ free") since a CLI run never pays it before exit.
    var sink = 0
    var parseCPU: [Double] = [], freeCPU: [Double] = []
    let seconds = BenchClock.median(runs: runs) {
        var results: [HCLFile] = []
        results.reserveCapacity(files.count)
        let cpuStart = threadCPUSeconds()
        for (path, bytes) in files {
            results.append(HCLParser.parse(bytes, path: path))
        }
        let cpuParsed = threadCPUSeconds()
        for parsed in results { sink &+= parsed.body.attributes.count &+ parsed.body.blocks.count &+ parsed.diagnostics.count }
        results = []
        freeCPU.append(threadCPUSeconds() - cpuParsed)
        parseCPU.append(cpuParsed - cpuStart)
    }
    BenchClock.report("hcl", bytes: totalBytes, files: files.count, seconds: seconds)
    // On a shared machine wall time includes waiting for a core; this thread's CPU time does not.
    func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }
    let mb = Double(totalBytes) / 1_000_000
    let parse = median(parseCPU), free = median(freeCPU)
    func rate(_ s: Double) -> Double { s > 0 ? (mb / s * 10).rounded() / 10 : 0 }
    print("hcl: single-thread CPU time: lex+parse \((parse * 1000).rounded()) ms = \(rate(parse)) MB/s; "
          + "lex+parse+free \(((parse + free) * 1000).rounded()) ms = \(rate(parse + free)) MB/s (medians)")
    if sink == -1 { print(sink) }
    return 0
}

private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

private func collectTerraformFiles(_ path: String, into files: inout [(String, [UInt8])]) {
    switch FileSystem.kind(path, followLinks: true) {
    case .directory?:
        guard case .success(let names) = FileSystem.list(path) else { return }
        for name in names.sorted() { collectTerraformFiles(Path.join(path, name), into: &files) }
    case .regular?:
        if path.hasSuffix(".tf"), case .success(let bytes) = FileSystem.read(path) { files.append((path, bytes)) }
    default:
        return
    }
}
