import Foundation

/// One read transaction held open across many page reads: every page sees the database as it was
/// when the snapshot was opened, whatever is written meanwhile (WAL keeps the old pages).
///
/// Exports read through it, page by page, as the client takes the bytes. It has a connection of
/// its own, outside the reader pool, so a slow export never holds a reader that searches need.
/// Its pages run one at a time on a queue of its own. Call ``close()`` when done; a snapshot
/// held open keeps the WAL from being checkpointed past it, which is why exports are capped.
public final class StoreSnapshot: @unchecked Sendable {
    // @unchecked: `db` and `isClosed` are only touched on `worker`, one block at a time.
    private let db: Database
    private let worker: WorkerThread
    private var isClosed = false
    /// Counts of changes (set-aside ones left out, as ``changes(after:limit:limits:)`` does) and records in the snapshot.
    public let counts: (changes: Int, records: Int)

    /// SQLite's page cache of a snapshot's connection, in KiB (each export holds one).
    public static let cacheKibibytes = 1024

    private init(db: Database, counts: (changes: Int, records: Int), worker: WorkerThread) {
        self.db = db
        self.counts = counts
        self.worker = worker
    }

    deinit {
        if !isClosed { db.rollBackOpenTransaction(); db.close() }
        worker.stop()
    }

    /// Opens a snapshot of the database at `path` (a read-only connection, `BEGIN`, a first read).
    static func open(path: String, limits: QueryLimits) async throws(StoreError) -> StoreSnapshot {
        do {
            let worker = WorkerThread(name: "agora-snapshot")
            return try await withCheckedThrowingContinuation { continuation in
                worker.async {
                    continuation.resume(with: Result {
                        let db = try Database(path: path, mode: .readOnly)
                        try db.execute("PRAGMA query_only = ON; PRAGMA cache_size = -\(cacheKibibytes)")
                        try db.execute("BEGIN")
                        let counts = try db.withTimeLimit(limits.timeLimit) {
                            (try db.integer("SELECT (SELECT count(*) FROM changes) - (SELECT count(*) FROM changes WHERE \(Store.setAsideCondition))"),
                             try db.integer("SELECT count(*) FROM records"))
                        }
                        return StoreSnapshot(db: db, counts: counts, worker: worker)
                    }.mapError { error in worker.stop(); return error })
                }
            }
        } catch {
            throw StoreError.wrapping(error, "cannot open a read snapshot of \(path)")
        }
    }

    /// Up to `limit` changes after arrival number `sequence`, in arrival order, set-aside ones left
    /// out (held without bodies and not effectively redacted: a receiving node would refuse them
    /// with `missing-body`; `protocol/SYNC.md`, "Items").
    public func changes(after sequence: Int64, limit: Int, limits: QueryLimits = .unlimited) async throws(StoreError) -> [HistoryEntry] {
        try await run(limits) { db in
            try Store.entries(db, where: "seq > ? AND NOT (\(Store.setAsideCondition))", [.integer(sequence)], order: "seq", limit: limit)
        }
    }

    /// Up to `limit` records (id and state as canonical JSON, deleted ones included) after `id`, by id.
    public func states(after id: String, limit: Int, limits: QueryLimits = .unlimited) async throws(StoreError) -> [(id: String, state: String)] {
        try await run(limits) { db in
            try db.map("SELECT id, state FROM records WHERE id > ? ORDER BY id LIMIT ?", [.text(id), .int(limit)]) {
                ($0.text(0) ?? "", $0.text(1) ?? "")
            }
        }
    }

    /// Ends the transaction and closes the connection, after any page in progress. Idempotent.
    public func close() {
        worker.async { [self] in
            guard !isClosed else { return }
            isClosed = true
            db.rollBackOpenTransaction()
            db.close()
        }
    }

    private func run<T: Sendable>(_ limits: QueryLimits, _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        let box = UncheckedBox(db)
        do {
            return try await withCheckedThrowingContinuation { continuation in
                worker.async { [self] in
                    guard !isClosed else {
                        continuation.resume(throwing: StoreError(.closed, "the read snapshot is closed"))
                        return
                    }
                    continuation.resume(with: Result { try box.value.withTimeLimit(limits.timeLimit) { try body(box.value) } })
                }
            }
        } catch {
            throw StoreError.wrapping(error, "export read failed")
        }
    }
}

extension Store {
    /// A read snapshot for a long, paged read (exports); see ``StoreSnapshot``. Close it when done.
    public func snapshot(limits: QueryLimits = .unlimited) async throws(StoreError) -> StoreSnapshot {
        try await StoreSnapshot.open(path: path, limits: limits)
    }
}
