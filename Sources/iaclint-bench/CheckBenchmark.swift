// `iaclint-bench check PATH...`: the `iaclint check` pipeline (CheckRunner + Linter, text report) inside the
// bench binary, so scripts/bench can time the real pipeline (`--iaclint "iaclint-bench check"`) before or apart
// from the CLI's argument parsing.
// `iaclint-bench check --phases N PATH...`: lints once, then times the phases after the front ends N times on
// that result (rules, suppressions and report building, every report format): CPU and wall medians, so the
// pipeline's own phases can be measured on a large repository without parsing it N times.

#if canImport(Glibc)
import Glibc
#endif
import IaCLintCore
import IaCLintKit
import IaCLintRules

func runCheckBenchmark(_ args: [String]) -> Int32 {
    if args.first == "--phases", args.count >= 2, let runs = Int(args[1]) {
        return runPhasesBenchmark(runs: runs, paths: Array(args.dropFirst(2)))
    }
    var options = CheckOptions()
    options.paths = args
    options.processExitsAfterRun = true
    return CheckRunner.run(options, lint: Linter.lint).rawValue
}

private func runPhasesBenchmark(runs: Int, paths: [String]) -> Int32 {
    AllocatorTuning.applyForBatchRun()  // as `iaclint check` does
    var request = LintRequest(paths: paths.isEmpty ? ["."] : paths)
    request.workingDirectory = FileSystem.currentDirectory()
    let result = Linter.lint(request)
    let cwd = request.workingDirectory ?? "."
    func time(_ label: String, _ body: () -> Int) {
        var walls: [Double] = [], cpus: [Double] = [], systems: [Double] = []
        var size = 0
        for _ in 0..<max(1, runs) {
            let w0 = BenchClock.now(), c0 = phaseCPUSeconds()
            size = body()
            walls.append(BenchClock.now() - w0)
            let c1 = phaseCPUSeconds()
            cpus.append(c1.total - c0.total)
            systems.append(c1.system - c0.system)
        }
        walls.sort(); cpus.sort(); systems.sort()
        func ms(_ values: [Double]) -> Int { Int((values[values.count / 2] * 1000).rounded()) }
        print("\(label): \(size) in \(ms(walls)) ms wall, \(ms(cpus)) ms CPU of which \(ms(systems)) ms system (medians of \(walls.count))")
    }
    time("logging model (stages)") { LoggingModel(graph: result.graph).stages.count }
    time("rules (findings)") { RuleEngine.check(result.graph).count }
    var report: Report?
    time("suppressions and report (findings)") {
        let built = CheckRunner.buildReport(result, config: Configuration(), baseline: nil, baselinePath: "",
                                            knownRules: Set(CheckRunner.allRules.map(\.id)), showSuppressed: false,
                                            tool: .current, workingDirectory: cwd, repositoryRoot: nil).0
        report = built
        return built.findings.count
    }
    guard let report else { return 1 }
    for format in ReportFormat.allCases {
        time("\(format.rawValue) report (bytes)") { format.reporter().render(report).count }
    }
    return 0
}

/// User + system time, and system time, of the whole process (all threads).
private func phaseCPUSeconds() -> (total: Double, system: Double) {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let system = Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6
    return (Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6 + system, system)
}
