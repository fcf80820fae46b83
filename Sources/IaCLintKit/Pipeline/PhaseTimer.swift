// Per-phase wall and CPU times of one lint run, printed to stderr when IACLINT_TIMINGS is set:
// where a slow scan spends its time, without a profiler.

#if canImport(Glibc)
import Glibc
#endif
import IaCLintCore
import CAllocator

struct PhaseTimer {
    private let enabled: Bool
    private var lastWall: Double
    private var lastCPU: Double
    private var lines: [String] = []

    init() {
        enabled = FileSystem.environment("IACLINT_TIMINGS").map { !$0.isEmpty && $0 != "0" } ?? false
        lastWall = enabled ? PhaseTimer.wall() : 0
        lastCPU = enabled ? PhaseTimer.cpu() : 0
    }

    /// Closes the phase that ran since the previous mark.
    mutating func mark(_ phase: String) {
        guard enabled else { return }
        let wall = PhaseTimer.wall(), cpu = PhaseTimer.cpu()
        lines.append("iaclint timings: \(phase): \(PhaseTimer.ms(wall - lastWall)) ms wall, \(PhaseTimer.ms(cpu - lastCPU)) ms CPU, RSS \(PhaseTimer.residentMB()) MB, heap in use \(iaclint_heap_in_use() >> 20) MB\n")
        lastWall = wall
        lastCPU = cpu
    }

    func report() {
        guard enabled else { return }
        var rss = rusage()
        getrusage(RUSAGE_SELF.rawValue, &rss)
        for line in lines { StandardStreams.error(line) }
        StandardStreams.error("iaclint timings: peak RSS \(rss.ru_maxrss / 1024) MB\n")
    }

    private static func ms(_ seconds: Double) -> String {
        let tenths = Int((seconds * 10_000).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// Resident memory now, from /proc/self/statm (pages).
    private static func residentMB() -> Int {
        // /proc files report size 0, so read into a buffer rather than through FileSystem.read.
        let fd = open("/proc/self/statm", O_RDONLY)
        guard fd >= 0 else { return -1 }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { return -1 }
        let fields = buffer[..<n].split(separator: UInt8(ascii: " "))
        guard fields.count > 1, let pages = Int(String(decoding: fields[1], as: UTF8.self)) else { return -1 }
        return (pages * Int(sysconf(Int32(_SC_PAGESIZE)))) >> 20
    }

    private static func wall() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// User + system time of the whole process (all threads).
    private static func cpu() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }
}
