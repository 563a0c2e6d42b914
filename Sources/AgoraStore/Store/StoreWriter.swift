import Foundation

/// The node's only write path: one connection, on one thread, behind an actor.
/// Every public write is one transaction. See `docs/STORAGE.md`, "One writer".
actor StoreWriter {
    /// How durable a commit is: FULL fsyncs the WAL on every commit, so a committed batch survives
    /// power loss as well as a crash. A batch of 1,000 changes pays one fsync.
    static let synchronousMode = "FULL"

    nonisolated let executor: ThreadExecutor
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    let db: Database
    let merger: any RecordMerging
    let clock: @Sendable () -> Int64
    /// The node's sync item set once something asked for it; every write keeps it current.
    var syncSet: SyncItemSet?
    /// Told of the changes each commit newly stored.
    let feed: StoredChangeFeed

    /// Opens (creating if needed) and migrates the database at `path`.
    init(path: String, migrations: [Migration], merger: any RecordMerging,
         clock: @escaping @Sendable () -> Int64, feed: StoredChangeFeed = StoredChangeFeed()) throws(StoreError) {
        try Migrator.checkIsSQLite(path: path)
        let migrator = Migrator(migrations: migrations)
        let db: Database
        do {
            db = try Database(path: path, mode: .readWriteCreate)
        } catch {
            throw StoreError.wrapping(error, "cannot open \(path)")
        }
        try migrator.validate(try Migrator.identity(of: db), path: path, readOnly: false)
        do {
            try Self.configure(db)
        } catch {
            throw StoreError.wrapping(error, "cannot configure \(path)")
        }
        try migrator.migrate(db, nowMilliseconds: clock()) { db in
            _ = try Self.rebuild(merger: merger, now: clock(), progress: { _, _ in }, db)
        }
        self.db = db
        self.merger = merger
        self.clock = clock
        self.feed = feed
        self.executor = ThreadExecutor(name: "agora.store.writer")
    }

    /// The writer's page cache in KiB (readers keep SQLite's default, 2 MiB each): room for the
    /// change-id and record-id indexes of a catalog of 100,000 changes, so ingest rarely re-reads pages.
    static let cacheKiB = 8_192

    /// WAL bytes after which a commit checkpoints (SQLite's default is 1,000 pages, 4 MiB with
    /// 4 KiB pages): a batch of 1,000 changes writes tens of MiB of pages, and the index and FTS
    /// pages it rewrites in every batch are copied into the main file once per checkpoint rather
    /// than once per batch. The WAL peaks near 40 MiB plus one batch; `eraseResidue` and erasure
    /// still truncate it. Set in pages of the file's own size (2,560 of 16 KiB).
    static let autocheckpointBytes = 40 * 1_048_576

    /// The page size of a new database file (SQLite's default is 4 KiB); a file that already
    /// exists keeps its own. A record's state (about 2.7 KiB) fills a 4 KiB page alone, and
    /// change rows spill into overflow pages: with 16 KiB pages the benchmark's database is 10%
    /// smaller (1,049 instead of 1,170 MiB) and its ingest about 10% faster
    /// (docs/BENCHMARKS.md, "Store").
    static let newDatabasePageSize = 16_384

    private static func configure(_ db: Database) throws(DatabaseError) {
        // Takes effect only while the file is still empty, before the first table.
        try db.execute("PRAGMA page_size = \(newDatabasePageSize)")
        try db.execute("PRAGMA cache_size = -\(cacheKiB)")
        try db.execute("PRAGMA journal_mode = WAL")
        let pageSize = max(512, (try? db.integer("PRAGMA page_size")) ?? 4_096)  // reading a pragma cannot fail here
        try db.execute("PRAGMA wal_autocheckpoint = \(autocheckpointBytes / pageSize)")
        try db.execute("PRAGMA synchronous = \(synchronousMode)")
        try db.execute("PRAGMA foreign_keys = ON")
        try db.execute("PRAGMA secure_delete = ON")
    }

    /// Runs `body` in one transaction on the writer connection.
    func write<T: Sendable>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try db.transaction { try body(db) }
        } catch {
            throw StoreError.wrapping(error, "write to \(db.path) failed and was rolled back")
        }
    }

    /// Runs `body` on the writer connection outside any transaction (pragmas, tests).
    func withConnection<T: Sendable>(_ body: (Database) throws -> T) rethrows -> T {
        try body(db)
    }

    /// Checkpoints the WAL into the main file and truncates it to zero bytes.
    /// - Returns: whether the WAL is now empty (false when a reader still held an old snapshot).
    func checkpointTruncate() throws(StoreError) -> Bool {
        do {
            let result = try db.first("PRAGMA wal_checkpoint(TRUNCATE)") { ($0.int(0), $0.int(1)) }
            return result.map { $0.0 == 0 && $0.1 <= 0 } ?? false
        } catch {
            throw StoreError.wrapping(error, "cannot checkpoint \(db.path)")
        }
    }

    /// `VACUUM INTO path`: a consistent, compact snapshot in a new file.
    func backup(to path: String) throws(StoreError) {
        do {
            try db.run("VACUUM INTO ?", [.text(path)])
        } catch {
            throw StoreError.wrapping(error, "cannot write the backup \(path)")
        }
    }

    /// Closes the connection and stops the writer thread.
    func close() {
        try? db.execute("PRAGMA optimize")
        db.close()
        executor.stop()
    }
}
