// The "hcl" suite: lex + parse .tf files on one core and report MB/s.
//   swift run -c release iaclint-bench hcl [--runs N] [--check] [paths...]
// Default input: every .tf under ../shared/corpus/tf-real (or $IACLINT_CORPUS/tf-real).

import HCL
import IaCLintCore

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
    var sink = 0
    let seconds = BenchClock.median(runs: runs) {
        for (path, bytes) in files {
            let parsed = HCLParser.parse(bytes, path: path)
            sink &+= parsed.body.attributes.count &+ parsed.body.blocks.count &+ parsed.diagnostics.count
        }
    }
    BenchClock.report("hcl", bytes: totalBytes, files: files.count, seconds: seconds)
    if sink == -1 { print(sink) }
    return 0
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
