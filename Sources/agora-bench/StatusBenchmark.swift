import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// The cost of a node's status at 10^6 changes (issue 14, `GET /api/v1/status`): the set's
/// count, fingerprint and newest stamp read from the writer-kept `SyncItemSet` (O(1)), plus the
/// per-peer reads (latest attempt, latest success, refusals) for six peers with 60,000 recorded
/// attempts; next to the reference measured in the same run, a scan of the store's items
/// summed per request (what the status would cost without the kept set, and what `agora
/// status` pays once when no server runs). The store is filled as in `sync-memory`.
enum StatusBenchmark {
    static let benchmark = Benchmark(
        name: "status",
        summary: "status fingerprint from the kept set vs a scan, at 10^6 changes",
        run: { _ in try run() })

    static let count = 1_000_000
    static let peers = ["amsterdam", "barcelona", "brussels", "dublin", "sofia", "tirana"]
    static let attemptsPerPeer = 10_000

    static func run() throws -> [Figure] {
        let (dir, path) = try SyncStoreLoad.filledStore("status", count: count)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try fillAttempts(path)
        let store = try Store(path: path, options: .init(merger: SyncStoreLoad.NoMerge()))
        defer { try? StoreBenchmark.blocking { await store.close() } }
        let set = try StoreBenchmark.blocking { try await store.syncItemSet() }

        let kept = try timed(repeats: 1_000) { () -> String in
            let (summary, _) = set.reading { ($0.summary, $0.highestMilliseconds) }
            return SyncSetFingerprint.hex(of: summary, sha256: { SHA256.hash($0) })
        }
        let peerReads = try timed(repeats: 200) { () -> Int in
            try StoreBenchmark.blocking {
                var found = 0
                for peer in peers where try await store.latestSyncAttempts(peer: peer).latestSuccess != nil { found += 1 }
                return found + (try await store.clockRefusals()).count
            }
        }
        let scan = try timed(repeats: 3) { () -> String in
            let items = try StoreBenchmark.blocking { try await store.syncItems() }
            return SyncSetFingerprint.hex(of: SyncSummary(items), sha256: { SHA256.hash($0) })
        }
        guard kept.value == scan.value else { throw BenchError("the kept set's fingerprint \(kept.value) differs from the scan's \(scan.value)") }
        return [
            Figure(name: "status.items", value: Double(set.count), unit: "-"),
            Figure(name: "status.fingerprint.kept", value: kept.seconds * 1e6, unit: "us"),
            Figure(name: "status.peers.reads", value: peerReads.seconds * 1e6, unit: "us"),
            Figure(name: "status.fingerprint.scan", value: scan.seconds * 1e6, unit: "us"),
            Figure(name: "status.ratio.scan-over-status", value: scan.seconds / (kept.seconds + peerReads.seconds), unit: "x"),
        ]
    }

    /// 10,000 attempts per peer, the latest success 5,000 attempts back (failures since).
    static func fillAttempts(_ path: String) throws {
        try SyncStoreLoad.sqlite3(path, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(attemptsPerPeer))
            INSERT INTO sync_attempts(peer, started_ms, duration_ms, round_trips, bytes_sent, bytes_received,
                                      changes_sent, changes_received, error)
            SELECT p.column1, 1700000000000 + i * 1000, 5, 1, 100, 100, 0, 0,
                   CASE WHEN i > \(attemptsPerPeer / 2) THEN 'unreachable: down' END
            FROM n, (VALUES \(peers.map { "('\($0)')" }.joined(separator: ", "))) AS p;
            """)
    }

    /// The mean wall time of `body` over `repeats` runs, and its last value.
    static func timed<T>(repeats: Int, _ body: () throws -> T) throws -> (seconds: Double, value: T) {
        var value = try body()
        let start = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<repeats { value = try body() }
        return (Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(repeats), value)
    }
}
