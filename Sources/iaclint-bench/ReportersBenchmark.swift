// Reporter and suppression throughput: a synthetic report of N findings over generated files,
// rendered in every format, and suppression comments scanned and applied.
//   swift run -c release iaclint-bench reporters [findings]

import IaCLintCore
import IaCLintKit

func runReportersBenchmark(_ args: [String]) -> Int32 {
    let count = args.first.flatMap(Int.init) ?? 20_000
    let perFile = 50
    var sources: [String: SourceFile] = [:]
    var findings: [Finding] = []
    var graph = ResourceGraph()
    for fileIndex in 0..<max(1, count / perFile) {
        let path = "modules/m\(fileIndex)/main.tf"
        var text = ""
        for i in 0..<perFile {
            if i % 10 == 0 { text += "# iaclint:ignore APIGW001 -- benchmark suppression \(i)\n" }
            text += "resource \"aws_api_gateway_stage\" \"s\(i)\" {\n  stage_name = \"prod\"\n  description = \"100% , : <&>\"\n}\n"
        }
        let source = SourceFile(path: path, text: text)
        sources[path] = source
        var line = 1
        for i in 0..<perFile {
            if i % 10 == 0 { line += 1 }
            let start = SourcePosition(line: line, column: 1, offset: source.lineStarts[line - 1])
            let range = SourceRange(file: path, start: start, end: SourcePosition(line: line, column: 40, offset: start.offset + 39))
            let address = "module.m\(fileIndex).aws_api_gateway_stage.s\(i)"
            graph.add(Resource(address: address, type: "aws_api_gateway_stage", origin: .terraform, scope: "m\(fileIndex)", range: range))
            findings.append(Finding(ruleID: i % 2 == 0 ? "APIGW001" : "APIGW007", ruleName: "r", severity: i % 3 == 0 ? .warning : .error,
                                    message: "stage s\(i) has no access_log_settings; add one: 100%, a:b", range: range, resource: address))
            line += 4
        }
    }
    findings.sort()
    let totalBytes = sources.values.reduce(0) { $0 + $1.bytes.count }

    var kept: [Finding] = []
    let suppressSeconds = BenchClock.median(runs: 5) {
        kept = Suppressor.apply(findings, sources: sources, graph: graph).findings
    }
    BenchClock.report("suppressions (\(findings.count) findings, \(findings.count - kept.count) suppressed)",
                      bytes: totalBytes, files: sources.count, seconds: suppressSeconds)

    let report = Report(tool: .current, findings: kept, rules: CheckRunner.allRules, sources: sources,
                        filesChecked: sources.count, workingDirectory: "/repo", repositoryRoot: "/repo")
    for format in ReportFormat.allCases {
        var size = 0
        let seconds = BenchClock.median(runs: 5) { size = format.reporter().render(report).count }
        BenchClock.report("\(format.rawValue) (\(kept.count) findings, output)", bytes: size, files: 1, seconds: seconds)
    }
    return 0
}
