import AgoraCore
import AgoraCrypto
import AgoraNode
import AgoraStore
import Foundation

/// Memory of one node that holds 10^6 changes and answers a reconciliation (issue 14): a real
/// store whose `changes` table the sqlite3 CLI fills with 10^6 rows (the fast path of
/// `SyncStoreLoad`: random ids and times, no signatures or bodies, since only `(hlc_ms, id)`
/// matters to the set), its writer-kept `SyncItemSet`, and a `SyncResponderService` over that
/// set answering one session from a peer that lacks 100 of the node's items and holds 100
/// others (d = 100). The peer is an overlay on the node's own tree (its 200 differences
/// only), so the peak RSS of the process is the node's. `--seconds` is ignored.
enum SyncMemoryBenchmark {
    static let benchmark = Benchmark(
        name: "sync-memory",
        summary: "peak RSS of a node holding 10^6 changes answering a session with d = 100",
        run: { _ in try run() })

    static let count = 1_000_000
    static let difference = 100

    static func run() throws -> [Figure] {
        let (dir, path) = try SyncStoreLoad.filledStore("sync-memory", count: count)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let beforeOpen = Double(StoreBenchmark.peakRSSKiB()) / 1024
        let store = try Store(path: path, options: .init(merger: SyncStoreLoad.NoMerge()))
        let set = try StoreBenchmark.blocking { try await store.syncItemSet() }
        let loaded = Double(currentRSSKiB()) / 1024
        let service = SyncResponderService(set: set, sha256: { SHA256.hash($0) })
        let peer = OverlaySource(base: set, difference: difference)
        let (outcome, bytes) = try StoreBenchmark.blocking { try await session(peer, service) }
        let found = (have: outcome.have.count + outcome.haveRanges.reduce(0) { $0 + Int($1.count) },
                     need: outcome.need.count + outcome.needRanges.reduce(0) { $0 + Int($1.count) })
        guard outcome.isConsistent, found.have == difference, found.need == peer.removed.count, set.count == count else {
            throw BenchError("the session found \(found) instead of \(difference) each way")
        }
        let peak = Double(StoreBenchmark.peakRSSKiB()) / 1024
        try StoreBenchmark.blocking { await store.close() }
        return [
            Figure(name: "sync-memory.rss.before-open", value: beforeOpen, unit: "MiB"),
            Figure(name: "sync-memory.rss.loaded", value: loaded, unit: "MiB"),
            Figure(name: "sync-memory.rss.peak", value: peak, unit: "MiB"),
            Figure(name: "sync-memory.session.bytes", value: Double(bytes), unit: "B"),
            Figure(name: "sync-memory.items", value: Double(set.count), unit: "-"),
        ]
    }

    /// One session, the peer initiating, every message through the service.
    static func session(_ peer: OverlaySource, _ service: SyncResponderService) async throws -> (SyncOutcome, Int) {
        // The bound an initiator sends is its clock plus the skew: just above the newest item. (A
        // bound far above the items, such as 2^53 - 1, makes the first split's parts far wider
        // than the items' span: the session then costs about 400 KB instead of about 27 KB.)
        var initiator = SyncInitiator(source: peer, bound: SyncBenchmark.times.upperBound + 300_001, nonce: [1, 2, 3, 4, 5, 6, 7, 8],
                                      sha256: { SHA256.hash($0) })
        var bytes = 0
        var next: SyncMessage? = initiator.start()
        while let message = next {
            let answer = try await service.answer(message.bytes, session: "memory")
            bytes += message.bytes.count + answer.count
            next = try initiator.receive(SyncMessage(bytes: answer))
        }
        guard let outcome = initiator.outcome else { throw BenchError("no outcome") }
        return (outcome, bytes)
    }

    static func currentRSSKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

/// The peer: the node's items without `difference` of them, plus `difference` others; it keeps
/// only those differences and reads the rest from the node's set.
final class OverlaySource: SyncItemSource, @unchecked Sendable {
    // @unchecked: immutable after init; the base set locks its own reads.
    let base: SyncItemSet
    let removed: [SyncItem]
    let added: [SyncItem]

    /// The node's items span `SyncBenchmark.times` (the sqlite3 fill's year). The removed items
    /// are the first at or after evenly spaced times, read from the tree without copying it.
    init(base: SyncItemSet, difference: Int) {
        self.base = base
        let (low, high) = (SyncBenchmark.times.lowerBound, SyncBenchmark.times.upperBound)
        let step = (high - low) / UInt64(difference + 1)
        removed = (1...UInt64(difference)).compactMap { i in
            base.reading { $0.items(from: SyncKey(milliseconds: low + i * step), to: SyncKey(milliseconds: low + i * step + 10_000_000)).first }
        }
        var random = SplitMix64(seed: 7)
        added = (0..<difference).map { _ in
            SyncItem(milliseconds: low + 1 + random.next() % (high - low - 1),
                     id: SyncID(words: (random.next(), random.next(), random.next(), random.next())))
        }.sorted()
    }

    private func inRange(_ items: [SyncItem], _ lower: SyncKey, _ upper: SyncKey) -> [SyncItem] {
        items.filter { !($0.key < lower) && $0.key < upper }
    }

    func summary(from lower: SyncKey, to upper: SyncKey) -> SyncSummary {
        base.reading { $0.summary(from: lower, to: upper) } - SyncSummary(inRange(removed, lower, upper))
            + SyncSummary(inRange(added, lower, upper))
    }

    func items(from lower: SyncKey, to upper: SyncKey) -> [SyncItem] {
        let gone = Set(inRange(removed, lower, upper))
        return (base.reading { $0.items(from: lower, to: upper) }.filter { !gone.contains($0) } + inRange(added, lower, upper)).sorted()
    }

    var lowestMilliseconds: UInt64? { base.reading { $0.lowestMilliseconds } }

}
