// iaclint-bench: throughput benchmarks for each front end, run as a release build.
//   swift run -c release iaclint-bench <suite> [paths...]
// Each suite reads its inputs once, then times the work in-process and prints MB/s.
// Whole-process figures (start-up, peak RSS) come from scripts/bench, not from here.

#if canImport(Glibc)
import Glibc
#endif

let suites: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    // Each front end registers its suite here: ("hcl", "lex + parse .tf files", runHCLBenchmark),
    ("hcl", "lex + parse .tf files (default: ../shared/corpus/tf-real)", runHCLBenchmark),
    ("terraform", "load + evaluate every module directory (default: ../shared/corpus/tf-real)", runTerraformBenchmark),
    ("cfn", "CloudFormation/SAM templates file -> graph (YAML, JSON)", runCloudFormationBenchmark),
    ("reporters", "suppressions and every report format over N synthetic findings", runReportersBenchmark),
    ("json", "parse JSON into the positioned document (default: synthetic 10 MB plan)", runJSONBenchmark),
    ("plan", "load terraform show -json plans into the graph; --generate PATH MB writes a synthetic plan", runPlanBenchmark),
    ("rules", "logging model + rules over the cfn/sam corpora and a synthetic graph ([stages] [paths...])", runRulesBenchmark),
    ("generate", "write a deterministic synthetic repository (--size 1MB|10MB|100MB | --files N) --out DIR [--seed N]", runGenerateBenchmark),
    ("check", "the `iaclint check` pipeline with a text report: check [PATH...]", runCheckBenchmark),
    ("census", "what the graph of a scan holds, by resource type (census PATH...)", runGraphCensus),
    ("measure", "run a command N times: median wall, user+sys CPU, peak RSS ([--runs N] [--warmup N] -- CMD ARGS)", runMeasureBenchmark),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let suite = suites.first(where: { $0.name == name }) else {
    print("usage: iaclint-bench <suite> [paths...]\nsuites:")
    for s in suites { print("  \(s.name)\t\(s.summary)") }
    exit(2)
}
exit(suite.run(Array(arguments.dropFirst())))
