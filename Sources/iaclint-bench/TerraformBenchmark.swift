// The "terraform" suite: load every module directory (modules, variables, evaluation) from memory
// and compare with parsing alone; prints MB/s, the evaluation/parse ratio and unknowns by reason.
//   swift run -c release iaclint-bench terraform [--runs N] [--keep-trees] [--only parse|load] [paths...]
// (`scripts/eval-ratio` runs `--only parse` and `--only load` in alternating processes: issue #3's figure.)
// Default input: every directory with .tf/.tf.json files under ../shared/corpus/tf-real.

import HCL
import IaCLintCore
import Terraform
#if canImport(Glibc)
import Glibc
#endif

/// CPU seconds of this thread: the machine is shared, so wall time alone is noisy.
private func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Minor page faults of this thread so far: memory that grows instead of being reused costs a
/// fault (kernel time, counted in the thread's CPU time) per new page.
private func threadPageFaults() -> Int {
    var usage = rusage()
    getrusage(1, &usage)  // RUSAGE_THREAD (Linux), which Glibc does not export to Swift
    return usage.ru_minflt
}

/// Median CPU seconds of `runs` runs, and the median page faults.
private func medianCPU(runs: Int, _ body: () -> Void) -> (seconds: Double, faults: Int) {
    var times: [Double] = []
    var faults: [Int] = []
    for _ in 0..<max(1, runs) {
        let f0 = threadPageFaults()
        let t0 = threadCPUSeconds()
        body()
        times.append(threadCPUSeconds() - t0)
        faults.append(threadPageFaults() - f0)
    }
    times.sort()
    faults.sort()
    return (times[times.count / 2], faults[faults.count / 2])
}

/// Module directories (with .tf or .tf.json files) under `path`, skipping hidden directories, with
/// their listings by absolute path: the pipeline's discovery walk hands the Terraform front end the
/// listings of the directories holding Terraform files (`DiscoveryResult.terraformListings`), so
/// the load lists nothing again; the benchmark does the same (it listed 2,699 directories inside
/// the timed load, 3.5% of the evaluation figure, which the pipeline never pays there).
private func collectModuleDirectories(_ path: String, into dirs: inout [String], files: inout [String: [UInt8]],
                                      listings: inout [String: [DirectoryEntry]], depth: Int = 0) {
    guard depth < 64, case .success(let entries) = FileSystem.entries(path) else { return }
    var isModule = false
    for entry in entries where !entry.name.hasPrefix(".") {
        let name = entry.name
        let full = Path.join(path, name)
        switch entry.kind ?? FileSystem.kind(full) {
        case .directory?: collectModuleDirectories(full, into: &dirs, files: &files, listings: &listings, depth: depth + 1)
        case .regular?:
            if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") { isModule = true }
            if name.hasSuffix(".tf") || name.hasSuffix(".tf.json") || name.hasSuffix(".tfvars") || name.hasSuffix(".tfvars.json")
                || name.hasSuffix(".tpl") || name.hasSuffix(".json") || name.hasSuffix(".yaml") || name.hasSuffix(".tmpl") {
                if case .success(let bytes) = FileSystem.read(full) { files[full] = bytes }
            }
        default: break
        }
    }
    if isModule {
        dirs.append(path)
        listings[path] = entries
    }
}

private func ms(_ s: Double) -> Double { (s * 10000).rounded() / 10 }

func runTerraformBenchmark(_ args: [String]) -> Int32 {
    var runs = 3
    var showErrors = false
    var keepTrees = false  // keep every syntax tree from the first parse instead of parsing per group again
    var detailKind: String? = nil
    // `--only parse` or `--only load`: one half of the comparison in this process, printed as one
    // `ratio-input` line; `scripts/eval-ratio` runs the halves in alternating processes, so each
    // pair meets the same machine and each half a fresh heap.
    var only: String? = nil
    var paths: [String] = []
    var i = 0
    while i < args.count {
        if args[i] == "--runs", i + 1 < args.count { runs = Int(args[i + 1]) ?? 3; i += 2; continue }
        if args[i] == "--errors" { showErrors = true; i += 1; continue }
        if args[i] == "--keep-trees" { keepTrees = true; i += 1; continue }
        if args[i] == "--details", i + 1 < args.count { detailKind = args[i + 1]; i += 2; continue }
        if args[i] == "--only", i + 1 < args.count, ["parse", "load"].contains(args[i + 1]) { only = args[i + 1]; i += 2; continue }
        paths.append(args[i])
        i += 1
    }
    if paths.isEmpty {
        let corpus = FileSystem.environment("IACLINT_CORPUS") ?? Path.normalize(Path.join(FileSystem.currentDirectory(), "../shared/corpus"))
        paths = [Path.join(corpus, "tf-real")]
    }
    var dirs: [String] = []
    var files: [String: [UInt8]] = [:]
    var listings: [String: [DirectoryEntry]] = [:]
    for p in paths { collectModuleDirectories(Path.normalize(p), into: &dirs, files: &files, listings: &listings) }
    dirs.sort()
    let configFiles = files.filter { $0.key.hasSuffix(".tf") || $0.key.hasSuffix(".tf.json") }.sorted { $0.key < $1.key }
    let configBytes = configFiles.reduce(0) { $0 + $1.value.count }
    guard !dirs.isEmpty else { print("terraform: no module directories under \(paths.joined(separator: " "))"); return 2 }
    let snapshot = files
    let reader: @Sendable (String) -> Result<[UInt8], FileError> = { path in
        if let bytes = snapshot[path] { return .success(bytes) }
        return FileSystem.read(path)
    }
    let scanRoot = paths.count == 1 ? Path.normalize(paths[0]) : "/"
    var sink = 0
    let (parseSeconds, parseFaults) = only == "load" ? (0, 0) : medianCPU(runs: runs) {
        for (path, bytes) in configFiles where path.hasSuffix(".tf") {
            sink &+= HCLParser.parse(bytes, path: path).body.blocks.count
        }
    }
    if only == "parse" {
        print("ratio-input parse_ms=\(ms(parseSeconds))")
        return sink == -1 ? 1 : 0
    }
    var last: TerraformLoadResult? = nil
    // Each run's split, for medians: one run's figures alone moved by a third on a busy machine.
    var loadParseSeconds: [Double] = []
    var loadEvaluationSeconds: [Double] = []
    let (loadSeconds, loadFaults) = medianCPU(runs: runs) {
        // One thread, so the thread's CPU time measures the whole load (parse vs evaluation).
        var options = TerraformOptions(scanRoot: scanRoot, fileReader: reader)
        options.maximumConcurrency = 1
        options.knownDirectoryEntries = listings
        if keepTrees { options.reparseFromDirectoryCount = .max }
        last = TerraformLoader.loadWithStatistics(directories: dirs, options: options)
        if let result = last {
            loadParseSeconds.append(result.parseSeconds)
            loadEvaluationSeconds.append(result.totalSeconds - result.parseSeconds)
        }
    }
    if only == "load", !loadEvaluationSeconds.isEmpty {
        let parse = loadParseSeconds.sorted()[loadParseSeconds.count / 2]
        let eval = loadEvaluationSeconds.sorted()[loadEvaluationSeconds.count / 2]
        print("ratio-input evaluation_ms=\(ms(eval)) load_parse_ms=\(ms(parse)) load_ms=\(ms(loadSeconds))")
        return 0
    }
    let reparsed = !keepTrees && dirs.count >= TerraformOptions().reparseFromDirectoryCount
    print("(times are CPU seconds of one thread; the load \(reparsed ? "parses each module again per group of roots, so it includes a second parse (--keep-trees: keep the first)" : "keeps the trees of its first parse"))")
    BenchClock.report("terraform parse only", bytes: configBytes, files: configFiles.count, seconds: parseSeconds)
    BenchClock.report("terraform load+evaluate", bytes: configBytes, files: configFiles.count, seconds: loadSeconds)
    let ratio = parseSeconds > 0 ? loadSeconds / parseSeconds : 0
    print("terraform: page faults (median): parse only \(parseFaults), load \(loadFaults)")
    print("terraform: \(dirs.count) module directories, load/parse = \((ratio * 100).rounded() / 100)x, evaluation alone = \(((ratio - 1) * 100).rounded() / 100)x parsing")
    if let result = last {
        let evaluation = result.totalSeconds - result.parseSeconds
        print("terraform: within the load, parsing \(ms(result.parseSeconds)) ms, evaluation and graph \(ms(evaluation)) ms = \(((evaluation / max(result.parseSeconds, 1e-9)) * 100).rounded() / 100)x parsing")
        if loadEvaluationSeconds.count > 1 {
            let parse = loadParseSeconds.sorted()[loadParseSeconds.count / 2]
            let eval = loadEvaluationSeconds.sorted()[loadEvaluationSeconds.count / 2]
            print("terraform: medians of \(loadEvaluationSeconds.count) loads: parsing \(ms(parse)) ms, evaluation and graph \(ms(eval)) ms = \(((eval / max(parseSeconds, 1e-9)) * 100).rounded() / 100)x the bare parse")
        }
        let errors = result.graph.diagnostics.filter { $0.severity == .error }.count
        if showErrors {
            for d in result.graph.diagnostics where d.severity == .error { print("  \(d)") }
        }
        if let kind = detailKind {
            // The most frequent details of one unknown reason, to find what evaluation misses.
            var details: [String: Int] = [:]
            func walk(_ v: Value, _ depth: Int) {
                guard depth < 64 else { return }
                switch v.kind {
                case .unknown(let r) where r.kind.rawValue.hasPrefix(kind):
                    let d = r.detail.split(separator: " ").prefix(6).joined(separator: " ")
                    details[d, default: 0] += 1
                    if FileSystem.environment("IACLINT_BENCH_WHERE") == d { print("    at \(v.range?.description ?? "?")") }
                case .list(let items): items.forEach { walk($0, depth + 1) }
                case .object(let entries): entries.forEach { walk($0.value, depth + 1) }
                default: break
                }
            }
            for r in result.graph.resources { walk(r.attributes, 0) }
            for (d, n) in details.sorted(by: { $0.value > $1.value }).prefix(40) { print("  \(n)\t\(d)") }
        }
        print("terraform: \(result.roots.count) roots, \(result.graph.resources.count) resource instances, \(errors) error diagnostics, \(result.knownCount) known leaf values")
        for (kind, count) in result.unknownCounts.sorted(by: { $0.value > $1.value }) {
            print("  unknown (\(kind.rawValue)): \(count)")
        }
    }
    if sink == -1 { print(sink) }
    return 0
}
