import Foundation

/// A node's database: the change log, the materialized records, and their search index.
///
/// One file in WAL mode. Writes go through one writer (an actor on its own thread, one
/// transaction per call) and only the process holding `<directory>/agora.lock` may write;
/// reads use a small pool of read-only connections. See `docs/STORAGE.md` and `protocol/STORAGE.md`.
public final class Store: Sendable {
    /// How a store is opened.
    public struct Options: Sendable {
        /// Whether this process writes (takes the writer lock) or only reads.
        public enum Access: Sendable { case readWrite, readOnly }

        public var access: Access
        /// Reader connections in the pool.
        public var readers: Int
        /// The merge, applied to every touched record.
        public var merger: any RecordMerging
        /// The check each incoming change passes before the writer sees it (nil: the caller verified).
        public var verifier: (any ChangeVerifying)?
        /// The node's wall clock, in Unix milliseconds (receipt times, migration times).
        public var clock: @Sendable () -> Int64

        public init(access: Access = .readWrite, readers: Int = Store.defaultReaders, merger: any RecordMerging,
                    verifier: (any ChangeVerifying)? = nil,
                    clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
            self.access = access
            self.readers = readers
            self.merger = merger
            self.verifier = verifier
            self.clock = clock
        }
    }

    /// Reader connections unless the options say otherwise.
    public static let defaultReaders = 4

    /// The database file.
    public let path: String
    let writer: StoreWriter?
    let readers: ReaderPool
    let lock: WriterLock?
    let verifier: (any ChangeVerifying)?
    let merger: any RecordMerging
    /// Lets one batch at a time be verified and merged before the writer (bounds parsed changes in memory).
    let verifying = DispatchSemaphore(value: 1)
    /// Set by the first ``close()``; later calls return at once.
    private let closing = CloseOnce()
    /// Told of every change the writer stores for the first time.
    public let storedChanges: StoredChangeFeed

    /// Opens the database at `path`, creating and migrating it when opened for writing.
    ///
    /// - Throws: ``StoreError`` with code `locked` (another writer, named by pid), `notSQLite`,
    ///   `notAgoraDatabase`, `schemaTooNew` (naming both versions), `notWritable`, …
    ///   A file that is refused is left untouched.
    public convenience init(path: String, options: Options) throws(StoreError) {
        try self.init(path: path, options: options, migrations: Schema.migrations)
    }

    init(path: String, options: Options, migrations: [Migration]) throws(StoreError) {
        self.path = path
        self.verifier = options.verifier
        self.merger = options.merger
        let feed = StoredChangeFeed()
        self.storedChanges = feed
        let directory = (path as NSString).deletingLastPathComponent
        for (suffix, what) in [("", "the database"), ("-wal", "the database's log"), ("-shm", "the database's shared memory")] {
            try RegularFile.checkIfPresent(path + suffix, what: what)
        }
        switch options.access {
        case .readWrite:
            let lock = try WriterLock(directory: directory.isEmpty ? "." : directory)
            self.lock = lock
            self.writer = try StoreWriter(path: path, migrations: migrations, merger: options.merger, clock: options.clock,
                                          feed: feed)
        case .readOnly:
            try Migrator.checkIsSQLite(path: path)
            guard FileManager.default.fileExists(atPath: path) else {
                throw StoreError(.notWritable, "\(path) does not exist; create the node first (agora init)")
            }
            self.lock = nil
            self.writer = nil
        }
        self.readers = try ReaderPool(path: path, size: options.readers)
        if options.access == .readOnly {
            let migrator = Migrator(migrations: migrations)
            let identity = try readers.withAnyConnection { db throws(StoreError) in try Migrator.identity(of: db) }
            try migrator.validate(identity, path: path, readOnly: true)
        }
    }

    /// Closes the readers and the writer (which checkpoints and removes the WAL), then releases the
    /// lock. The store is unusable afterwards. Call it when no read or write is running; a second
    /// call returns at once (the writer's thread is gone: awaiting it again would never return).
    public func close() async {
        guard closing.claim() else { return }
        readers.close()  // first, so the writer is the last connection: it checkpoints and removes the WAL
        await writer?.close()
        lock?.release()
    }

    /// Runs `body` on a reader connection.
    func read<T: Sendable>(_ limits: QueryLimits = .unlimited,
                           _ body: @escaping @Sendable (Database) throws -> T) async throws(StoreError) -> T {
        do {
            return try await readers.read(limits, body)
        } catch {
            throw StoreError.wrapping(error, "read from \(path) failed")
        }
    }

    /// How busy the reader pool is now (for readiness checks).
    public var readerStatus: ReaderPoolStatus { readers.status }

    /// The writer, or a `closed` error for a read-only store.
    func requireWriter() throws(StoreError) -> StoreWriter {
        guard let writer else { throw StoreError(.closed, "\(path) is open read-only; writes go through the node's writer") }
        return writer
    }
}

/// A flag that one caller claims, once.
final class CloseOnce: @unchecked Sendable {
    // @unchecked: `claimed` is only touched under `lock`.
    private let lock = NSLock()
    private var claimed = false

    /// True for the first caller only.
    func claim() -> Bool {
        lock.withLock {
            defer { claimed = true }
            return !claimed
        }
    }
}
