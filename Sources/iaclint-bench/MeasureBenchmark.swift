// `iaclint-bench measure`: runs a command several times and reports whole-process wall time, user and system
// CPU time and peak RSS. Wall and CPU time come from timed runs spawned directly (GNU time's %e has only 10 ms
// resolution and its own start adds milliseconds). Peak RSS comes from extra runs under `/usr/bin/time -f %M`
// when it exists: a child's ru_maxrss is never below the peak RSS of the process that spawned it, and GNU time
// (about 1 MB) is a much lower floor than this Swift process.

#if canImport(Glibc)
import Glibc
#endif

struct ProcessMeasurement {
    var wallSeconds: Double
    var userSeconds: Double
    var systemSeconds: Double
    var peakRSSKilobytes: Int
    /// Exit status, or 128 + signal number when the process was killed.
    var exitStatus: Int32
}

func runMeasureBenchmark(_ args: [String]) -> Int32 {
    let usage = "usage: iaclint-bench measure [--runs N] [--warmup N] [--stdout FILE] [--stderr FILE] [--rss-runs N] -- COMMAND [ARGS...]"
    var runs = 5
    var warmups = 1
    var standardOutput = "/dev/null"
    var standardError = "/dev/null"
    var rssRuns = access("/usr/bin/time", X_OK) == 0 ? 1 : 0
    var index = 0
    while index < args.count, args[index] != "--" {
        let value = index + 1 < args.count ? args[index + 1] : ""
        switch args[index] {
        case "--runs": runs = Int(value) ?? 0
        case "--warmup": warmups = Int(value) ?? -1
        case "--stdout": standardOutput = value
        case "--stderr": standardError = value
        case "--rss-runs": rssRuns = Int(value) ?? -1
        default:
            printToStandardError("unknown argument \(args[index])\n\(usage)")
            return 2
        }
        index += 2
    }
    let command = Array(args.dropFirst(index + 1))
    guard !command.isEmpty, runs > 0, warmups >= 0, rssRuns >= 0 else {
        printToStandardError(usage)
        return 2
    }
    var results: [ProcessMeasurement] = []
    for run in 0..<(warmups + runs) {
        guard let result = measureProcess(command, standardOutput: standardOutput, standardError: standardError,
                                          gnuTime: false) else {
            printToStandardError("measure: cannot start \(command[0]): \(String(cString: strerror(errno)))")
            return 1
        }
        if run >= warmups {
            results.append(result)
            print("run \(run - warmups + 1): " + measurementLine(result))
        }
    }
    var peaks = results.map { Double($0.peakRSSKilobytes) }
    if rssRuns > 0 {
        peaks = []
        for run in 0..<rssRuns {
            guard let result = measureProcess(command, standardOutput: standardOutput, standardError: standardError,
                                              gnuTime: true) else { return 1 }
            peaks.append(Double(result.peakRSSKilobytes))
            print("rss run \(run + 1): maxrss_kb=\(result.peakRSSKilobytes) exit=\(result.exitStatus)")
        }
    }
    let median = ProcessMeasurement(
        wallSeconds: medianOf(results.map(\.wallSeconds)),
        userSeconds: medianOf(results.map(\.userSeconds)),
        systemSeconds: medianOf(results.map(\.systemSeconds)),
        peakRSSKilobytes: Int(medianOf(peaks)),
        exitStatus: results.last?.exitStatus ?? 0)
    let cpu = medianOf(results.map { $0.userSeconds + $0.systemSeconds })
    print("median: " + measurementLine(median) + " cpu_ms=\(formatMilliseconds(cpu)) runs=\(runs) rss_source=\(rssRuns > 0 ? "gnu-time" : "wait4")")
    return 0
}

private func measurementLine(_ m: ProcessMeasurement) -> String {
    "wall_ms=\(formatMilliseconds(m.wallSeconds)) user_ms=\(formatMilliseconds(m.userSeconds)) "
        + "sys_ms=\(formatMilliseconds(m.systemSeconds)) maxrss_kb=\(m.peakRSSKilobytes) exit=\(m.exitStatus)"
}

private func formatMilliseconds(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100_000).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100)." + (fraction < 10 ? "0" : "") + "\(fraction)"
}

private func medianOf(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Spawns `command` (searched in PATH), waits for it, and returns its wall time and rusage; with `gnuTime` the
/// command runs under `/usr/bin/time -f %M`, whose report gives the peak RSS of the command alone.
func measureProcess(_ command: [String], standardOutput: String, standardError: String, gnuTime: Bool) -> ProcessMeasurement? {
    let report = "/tmp/iaclint-bench-measure-\(getpid()).rss"
    let command = gnuTime ? ["/usr/bin/time", "-f", "%M", "-o", report, "--"] + command : command
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, standardError, O_WRONLY | O_CREAT | O_TRUNC, 0o644)

    var argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
    argv.append(nil)
    defer { for pointer in argv { free(pointer) } }

    var pid: pid_t = 0
    let start = BenchClock.now()
    let spawned = posix_spawnp(&pid, command[0], &actions, nil, argv, environ)
    guard spawned == 0 else {
        errno = spawned
        return nil
    }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 {
        if errno != EINTR { return nil }
    }
    let wall = BenchClock.now() - start
    let signal = status & 0x7f
    var exit = signal == 0 ? (status >> 8) & 0xff : 128 + signal
    var peak = usage.ru_maxrss
    if gnuTime {
        // GNU time writes "Command terminated by signal N" or "Command exited with non-zero status N" before %M.
        let lines = readSmallFile(report).split(separator: "\n")
        unlink(report)
        if let last = lines.last, let kilobytes = Int(last) { peak = kilobytes }
        if let first = lines.first, first.hasPrefix("Command terminated by signal "),
           let number = Int32(first.dropFirst("Command terminated by signal ".count)) {
            exit = 128 + number
        }
    }
    return ProcessMeasurement(
        wallSeconds: wall,
        userSeconds: Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
        systemSeconds: Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6,
        peakRSSKilobytes: peak,
        exitStatus: exit)
}

private func readSmallFile(_ path: String) -> String {
    guard let file = fopen(path, "rb") else { return "" }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&buffer, 1, buffer.count, file)
        if count <= 0 { break }
        bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
