// `iaclint-bench check PATH...`: the `iaclint check` pipeline (CheckRunner + Linter, text report) inside the
// bench binary, so scripts/bench can time the real pipeline (`--iaclint "iaclint-bench check"`) before or apart
// from the CLI's argument parsing.

import IaCLintKit

func runCheckBenchmark(_ args: [String]) -> Int32 {
    var options = CheckOptions()
    options.paths = args
    options.processExitsAfterRun = true
    return CheckRunner.run(options, lint: Linter.lint).rawValue
}
