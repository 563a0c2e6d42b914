import Foundation

/// A named benchmark: it runs for about `seconds` per measurement and returns its figures.
struct Benchmark: Sendable {
    let name: String
    let summary: String
    let run: @Sendable (_ seconds: Double) throws -> [Figure]
}

/// One reported figure, printed as `name value unit`.
struct Figure {
    let name: String
    let value: Double
    let unit: String

    var line: String { "\(name) \(String(format: "%.1f", value)) \(unit)" }
}

/// A count of operations over a measured span of time.
struct Rate {
    let operations: Int
    let cpuSeconds: Double
    let wallSeconds: Double

    /// Operations per second of user CPU time: the divisor `openssl speed` uses by
    /// default, so the two are compared like for like on a shared machine.
    var perCPUSecond: Double { Double(operations) / max(cpuSeconds, 1e-9) }
    /// Operations per second of wall-clock time.
    var perWallSecond: Double { Double(operations) / max(wallSeconds, 1e-9) }

    /// Runs `body` repeatedly for about `seconds` of wall time, after a short warm-up.
    static func measure(seconds: Double, _ body: () throws -> Void) rethrows -> Rate {
        for _ in 0..<64 { try body() }
        let wallStart = Clocks.monotonic(), cpuStart = Clocks.userCPU()
        var operations = 0
        repeat {
            for _ in 0..<16 { try body() }
            operations += 16
        } while Clocks.monotonic() - wallStart < seconds
        return Rate(operations: operations,
                    cpuSeconds: Clocks.userCPU() - cpuStart,
                    wallSeconds: Clocks.monotonic() - wallStart)
    }
}

/// The two clocks a benchmark reads.
enum Clocks {
    /// Seconds on the monotonic clock.
    static func monotonic() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    /// User CPU seconds used by this process so far.
    static func userCPU() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6
    }
}
