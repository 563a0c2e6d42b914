import AgoraCore
import AgoraCrypto
import Foundation

/// Set reconciliation (`protocol/SYNC.md`) between two in-process sides: bytes, round trips
/// and CPU time per side for n shared items and d items on each side that the other lacks,
/// next to negentropy's figures from issue 14; and the fingerprint tree's build and insert
/// costs at 10^6 items. `--seconds` is ignored: each case runs once.
enum SyncBenchmark {
    static let benchmark = Benchmark(
        name: "sync",
        summary: "set reconciliation: bytes, round trips, CPU per side for n = 1e4..1e6, d = 0..1e4",
        run: { _ in try run() })

    static let sizes = [10_000, 100_000, 1_000_000]
    static let differences = [0, 1, 100, 10_000]
    /// A year of milliseconds, ending at 2026-12-01: items are spread uniformly over it.
    static let times: ClosedRange<UInt64> = 1_733_011_200_000...1_764_547_200_000

    static func run() throws -> [Figure] {
        var figures: [Figure] = []
        var random = SystemRandomNumberGenerator()
        for n in sizes {
            let shared = items(n, &random)
            for d in differences {
                figures += try measure(n: n, d: d, shared: shared, &random)
            }
        }
        figures += treeFigures(&random)
        figures += try SyncStoreLoad.measure(count: 1_000_000)
        figures.append(Figure(name: "sync.rss.peak", value: Double(StoreBenchmark.peakRSSKiB()) / 1024, unit: "MiB"))
        return figures
    }

    static func items(_ count: Int, _ random: inout SystemRandomNumberGenerator) -> [SyncItem] {
        (0..<count).map { _ in
            SyncItem(milliseconds: UInt64.random(in: times, using: &random),
                     id: SyncID(words: (random.next(), random.next(), random.next(), random.next())))
        }
    }

    /// One session between `shared + d` items and `shared + d other` items.
    static func measure(n: Int, d: Int, shared: [SyncItem], _ random: inout SystemRandomNumberGenerator) throws -> [Figure] {
        let initiatorItems = (shared + items(d, &random)).sorted(), responderItems = (shared + items(d, &random)).sorted()
        let initiatorTree = FingerprintTree(sorted: initiatorItems), responderTree = FingerprintTree(sorted: responderItems)
        let sha256: @Sendable ([UInt8]) -> [UInt8] = { SHA256.hash($0) }
        let nonce = (0..<8).map { _ in UInt8.random(in: 0...255) }
        var initiatorCPU = 0.0, responderCPU = 0.0, toResponder = 0, toInitiator = 0, roundTrips = 0
        var initiator = SyncInitiator(source: initiatorTree, bound: times.upperBound + 1, nonce: nonce, sha256: sha256)
        var responder = SyncResponder(source: responderTree, sha256: sha256)
        var request: [UInt8]? = threadCPU(&initiatorCPU) { initiator.start().bytes }
        while let bytes = request {
            toResponder += bytes.count
            roundTrips += 1
            let reply = try threadCPU(&responderCPU) { try responder.receive(SyncMessage(bytes: bytes)).bytes }
            toInitiator += reply.count
            request = try threadCPU(&initiatorCPU) { try initiator.receive(SyncMessage(bytes: reply))?.bytes }
        }
        guard let outcome = initiator.outcome, outcome.isConsistent,
              outcome.have.count + outcome.haveRanges.reduce(0, { $0 + Int($1.count) }) == d,
              outcome.need.count + outcome.needRanges.reduce(0, { $0 + Int($1.count) }) == d else {
            throw SyncBenchmarkError(message: "n=\(n) d=\(d): the session did not find exactly the difference")
        }
        let name = "sync.n\(n).d\(d)"
        return [
            Figure(name: "\(name).bytes", value: Double(toResponder + toInitiator), unit: "B"),
            Figure(name: "\(name).round-trips", value: Double(roundTrips), unit: "-"),
            Figure(name: "\(name).cpu.initiator", value: initiatorCPU * 1000, unit: "ms"),
            Figure(name: "\(name).cpu.responder", value: responderCPU * 1000, unit: "ms"),
        ]
    }

    /// Bulk build and one-by-one insert at 10^6 items, and range summaries per second.
    static func treeFigures(_ random: inout SystemRandomNumberGenerator) -> [Figure] {
        let million = items(1_000_000, &random).sorted()
        var buildCPU = 0.0, insertCPU = 0.0, queryCPU = 0.0
        let tree = threadCPU(&buildCPU) { FingerprintTree(sorted: million) }
        let extra = items(100_000, &random)
        threadCPU(&insertCPU) { for item in extra { tree.insert(item) } }
        let bounds = items(100_000, &random).map(\.key)
        var sink: UInt64 = 0
        threadCPU(&queryCPU) {
            for i in stride(from: 0, to: bounds.count - 1, by: 2) {
                sink &+= tree.summary(from: min(bounds[i], bounds[i + 1]), to: max(bounds[i], bounds[i + 1])).count
            }
        }
        return [
            Figure(name: "sync.tree.build.1e6", value: buildCPU * 1000, unit: "ms"),
            Figure(name: "sync.tree.insert", value: Double(extra.count) / max(insertCPU, 1e-9), unit: "ops/s"),
            Figure(name: "sync.tree.range-summary", value: Double(bounds.count / 2) / max(queryCPU, 1e-9), unit: "ops/s"),
            Figure(name: "sync.tree.checksum", value: Double(sink % 1000), unit: "-"),
        ]
    }

    /// Runs `body`, adding the CPU time this thread spent in it to `seconds`.
    @discardableResult
    static func threadCPU<T>(_ seconds: inout Double, _ body: () throws -> T) rethrows -> T {
        let start = cpuNow()
        defer { seconds += cpuNow() - start }
        return try body()
    }

    static func cpuNow() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}

/// A session in the benchmark that did not end with exactly the planted difference.
struct SyncBenchmarkError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
