import AgoraCore
import AgoraStore
import Foundation

/// Start-up cost of the fingerprint tree at 10^6 stored changes: a store's `changes` table is
/// filled with 10^6 rows by the sqlite3 CLI (random 32-byte ids, times over a year; only
/// the two columns the index covers matter), then `Store.syncItems()` and the O(n) bulk build
/// are timed on the reopened store.
enum SyncStoreLoad {
    /// A merge the benchmark never calls: nothing is ingested through the store.
    struct NoMerge: RecordMerging {
        func merge(recordID: String, changes: [StoredChange]) throws -> MergedRecord {
            throw SyncBenchmarkError(message: "the sync benchmark merges nothing")
        }
    }

    static func measure(count: Int) throws -> [Figure] {
        let dir = NSTemporaryDirectory() + "agora-bench-sync-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/agora.db"
        let created = try Store(path: path, options: .init(merger: NoMerge()))
        try StoreBenchmark.blocking { await created.close() }
        try fill(path, count: count)
        let store = try Store(path: path, options: .init(merger: NoMerge()))
        var figures: [Figure] = []
        for pass in ["first", "second"] {
            let start = Clocks.monotonic()
            let items = try StoreBenchmark.blocking { try await store.syncItems() }
            let read = Clocks.monotonic() - start
            let tree = FingerprintTree(sorted: items)
            let total = Clocks.monotonic() - start
            guard tree.count == count else { throw SyncBenchmarkError(message: "loaded \(tree.count) of \(count) items") }
            figures.append(Figure(name: "sync.load.\(pass).read.1e6", value: read * 1000, unit: "ms"))
            figures.append(Figure(name: "sync.load.\(pass).total.1e6", value: total * 1000, unit: "ms"))
        }
        try StoreBenchmark.blocking { await store.close() }
        let start = Clocks.monotonic()
        try sqlite3(path, "SELECT count(*), sum(length(id)), sum(hlc_ms) FROM (SELECT hlc_ms, id FROM changes INDEXED BY changes_by_time ORDER BY hlc_ms, id);")
        figures.append(Figure(name: "sync.load.sqlite3.1e6", value: (Clocks.monotonic() - start) * 1000, unit: "ms"))
        return figures
    }

    /// A fresh store at `<dir>/agora.db` (migrated, then closed) whose `changes` table holds
    /// `count` rows from ``fill(_:count:)``; the caller removes `dir`.
    static func filledStore(_ label: String, count: Int) throws -> (dir: String, path: String) {
        let dir = NSTemporaryDirectory() + "agora-bench-\(label)-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/agora.db"
        let created = try Store(path: path, options: .init(merger: NoMerge()))
        try StoreBenchmark.blocking { await created.close() }
        try fill(path, count: count)
        return (dir, path)
    }

    static func fill(_ path: String, count: Int) throws {
        try sqlite3(path, """
            PRAGMA journal_mode=WAL;
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(count))
            INSERT INTO changes(id, record_id, hlc_ms, hlc_counter, author_city, header, signature, received_ms)
            SELECT randomblob(32), 'bench/practice/x', 1733011200000 + abs(random()) % 31536000000, 0, 'bench', x'00', x'00', 0 FROM n;
            """)
    }

    /// Runs `sql` in the sqlite3 CLI on `path`; its output is discarded.
    static func sqlite3(_ path: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", path]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw SyncBenchmarkError(message: "sqlite3 could not fill \(path)") }
    }
}
