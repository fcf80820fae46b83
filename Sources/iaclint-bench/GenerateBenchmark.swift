// `iaclint-bench generate`: writes a deterministic synthetic repository for the whole-process benchmarks.

#if canImport(Glibc)
import Glibc
#endif

func runGenerateBenchmark(_ args: [String]) -> Int32 {
    let usage = "usage: iaclint-bench generate (--size 1MB|10MB|100MB | --files N) --out DIR [--seed N]  |  generate --version"
    var size: Int?
    var files: Int?
    var out: String?
    var seed: UInt64 = 1
    var index = 0
    while index < args.count {
        let flag = args[index]
        let value = index + 1 < args.count ? args[index + 1] : nil
        switch flag {
        case "--size": size = value.flatMap(parseSize)
        case "--files": files = value.flatMap { Int($0) }
        case "--out": out = value
        case "--seed": seed = value.flatMap { UInt64($0) } ?? 0
        case "--help", "-h": print(usage); return 0
        case "--version": print(SyntheticRepository.generatorVersion); return 0
        default:
            printToStandardError("unknown argument \(flag)\n\(usage)\n")
            return 2
        }
        if value == nil || (flag == "--size" && size == nil) || (flag == "--files" && (files ?? 0) <= 0) {
            printToStandardError("\(flag) needs a valid value\n\(usage)\n")
            return 2
        }
        index += 2
    }
    guard let out, size != nil || files != nil else {
        printToStandardError("\(usage)\n")
        return 2
    }
    // Refuse to mix a new repository into an old one: output must be byte-identical for a seed.
    if let directory = opendir(out) {
        var empty = true
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self) }
            if name != "." && name != ".." { empty = false; break }
        }
        closedir(directory)
        if !empty {
            printToStandardError("\(out) is not empty; remove it first\n")
            return 1
        }
    }
    let start = BenchClock.now()
    do {
        let output = try SyntheticOutput(root: out)
        try SyntheticRepository(targetBytes: size, targetFiles: files, seed: seed).generate(into: output)
        let seconds = BenchClock.now() - start
        var line = "generated \(output.totalFiles) files, \(output.totalBytes) bytes in \(out) ("
        line += SyntheticKind.allCases.map { "\($0.label) \(output.bytes[$0.rawValue] * 100 / max(1, output.totalBytes))%" }.joined(separator: ", ")
        line += ") in \(Int(seconds * 1000)) ms"
        print(line)
        return 0
    } catch {
        printToStandardError("generate: \(error)\n")
        return 1
    }
}

/// Parses `1MB`, `10MB`, `500KB`, `1GB` or a plain byte count (decimal units, as the issue states sizes).
func parseSize(_ text: String) -> Int? {
    let upper = text.uppercased()
    let units: [(String, Int)] = [("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000), ("B", 1)]
    for (suffix, factor) in units where upper.hasSuffix(suffix) {
        guard let number = Int(upper.dropLast(suffix.count)), number > 0 else { return nil }
        return number * factor
    }
    guard let number = Int(upper), number > 0 else { return nil }
    return number
}

/// Writes a line to standard error (the C `stderr` global is not concurrency-safe in Swift 6).
func printToStandardError(_ message: String) {
    var text = message.hasSuffix("\n") ? message : message + "\n"
    text.withUTF8 { buffer in _ = write(2, buffer.baseAddress, buffer.count) }
}
