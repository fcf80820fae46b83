// Monotonic timing and a uniform result line for the benchmark suites.

#if canImport(Glibc)
import Glibc
#endif

enum BenchClock {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// Runs `body` `runs` times and returns the median seconds.
    static func median(runs: Int, _ body: () -> Void) -> Double {
        var times: [Double] = []
        for _ in 0..<max(1, runs) {
            let t0 = now()
            body()
            times.append(now() - t0)
        }
        times.sort()
        return times[times.count / 2]
    }

    static func report(_ suite: String, bytes: Int, files: Int, seconds: Double) {
        let mb = Double(bytes) / 1_000_000
        let rate = seconds > 0 ? mb / seconds : 0
        print("\(suite): \(files) files, \(String(format2(mb))) MB in \(String(format2(seconds * 1000))) ms (median) = \(String(format2(rate))) MB/s")
    }

    private static func format2(_ x: Double) -> String {
        let scaled = (x * 100).rounded() / 100
        return "\(scaled)"
    }
}
