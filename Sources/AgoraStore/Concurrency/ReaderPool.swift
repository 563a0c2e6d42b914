import Foundation

/// A small pool of read-only connections. Each read takes one connection, runs on that
/// connection's own thread (never on the cooperative pool or a dispatch queue), and gives it back.
///
/// When every connection is busy a read waits, within its ``QueryLimits``: at most
/// `maximumWaitingReads` reads wait at once and each for at most `readerWait`; beyond either the
/// read fails at once with `StoreError` `busy`, so a saturated pool answers instead of queueing.
final class ReaderPool: @unchecked Sendable {
    // @unchecked: `idle`, `waiters`, `nextWaiter` and `busy` are only touched while `lock` is held;
    // a connection is used by one closure at a time, between take() and give().
    private typealias Waiter = CheckedContinuation<UncheckedBox<Database>, any Error>
    private let lock = NSLock()
    private var idle: [Database]
    private var waiters: [(id: UInt64, continuation: Waiter)] = []
    private var nextWaiter: UInt64 = 0
    private var busy = 0
    private let size: Int
    /// Each connection's thread, by connection; fixed after `init`.
    private let workers: [ObjectIdentifier: WorkerThread]
    /// Only for the timers of waiting reads (never blocks).
    private let timers = DispatchQueue(label: "agora.store.reader-timers")

    /// Bytes of the database file each reader maps into memory (SQLite's `mmap_size`; the
    /// rest is read with `pread`). Mapped pages are the kernel's page cache, shared by every
    /// reader, instead of a copy per read: `pread` copies were an eighth of a search page's CPU
    /// on 100,000 records (perf). Virtual address space only; resident memory is what is read.
    static let mappedBytes: Int64 = 1 << 30

    init(path: String, size: Int) throws(StoreError) {
        var connections: [Database] = []
        for _ in 0..<max(1, size) {
            do {
                let db = try Database(path: path, mode: .readOnly)
                try db.execute("PRAGMA query_only = ON")
                try db.execute("PRAGMA mmap_size = \(Self.mappedBytes)")
                connections.append(db)
            } catch {
                throw StoreError.wrapping(error, "cannot open a reader on \(path)")
            }
        }
        idle = connections
        self.size = connections.count
        workers = Dictionary(uniqueKeysWithValues: connections.enumerated().map { index, db in
            (ObjectIdentifier(db), WorkerThread(name: "agora-reader-\(index)"))
        })
    }

    /// Runs `body` with a reader connection, on the pool's queue, within `limits`.
    func read<T: Sendable>(_ limits: QueryLimits = .unlimited, _ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let db = try await take(limits)
        defer { give(db) }
        let box = UncheckedBox(db)
        let worker = workers[ObjectIdentifier(db)]
        return try await withCheckedThrowingContinuation { continuation in
            worker?.async {
                let result = Result { try box.value.withTimeLimit(limits.timeLimit) { try body(box.value) } }
                box.value.rollBackOpenTransaction()  // an interrupted read may have left its BEGIN open
                continuation.resume(with: result)
            }
        }
    }

    /// How many readers are busy and how many reads wait.
    var status: ReaderPoolStatus {
        lock.withLock { ReaderPoolStatus(readers: size, busy: busy, waiting: waiters.count) }
    }

    /// Runs `body` synchronously on an idle connection (used while opening, before any read).
    func withAnyConnection<T>(_ body: (Database) throws(StoreError) -> T) throws(StoreError) -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let db = idle.first else { throw StoreError(.closed, "the reader pool is closed") }
        return try body(db)
    }

    /// Closes every idle connection (called when the store closes).
    func close() {
        lock.lock()
        idle.forEach { $0.close() }
        lock.unlock()
        workers.values.forEach { $0.stop() }
    }

    private func take(_ limits: QueryLimits) async throws -> Database {
        try await withCheckedThrowingContinuation { continuation in offer(continuation, limits) }.value
    }

    private func offer(_ continuation: Waiter, _ limits: QueryLimits) {
        lock.lock()
        if let db = idle.popLast() {
            busy += 1
            lock.unlock()
            continuation.resume(returning: UncheckedBox(db))
            return
        }
        guard limits.readerWait != .zero, waiters.count < limits.maximumWaitingReads else {
            let waiting = waiters.count
            lock.unlock()
            continuation.resume(throwing: busyError(waiting: waiting))
            return
        }
        nextWaiter += 1
        let id = nextWaiter
        waiters.append((id, continuation))
        lock.unlock()
        if let wait = limits.readerWait {
            timers.asyncAfter(deadline: .now() + .nanoseconds(Int(clamping: QueryLimits.nanoseconds(wait)))) { [self] in
                giveUp(id)
            }
        }
    }

    /// Fails waiter `id` with `busy` if it is still waiting.
    private func giveUp(_ id: UInt64) {
        lock.lock()
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { lock.unlock(); return }
        let waiter = waiters.remove(at: index)
        let waiting = waiters.count
        lock.unlock()
        waiter.continuation.resume(throwing: busyError(waiting: waiting))
    }

    private func busyError(waiting: Int) -> StoreError {
        StoreError(.busy, "every database reader is busy (\(size) of \(size), \(waiting) reads waiting)")
    }

    private func give(_ db: Database) {
        lock.lock()
        if waiters.isEmpty {
            busy -= 1
            idle.append(db)
            lock.unlock()
        } else {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.continuation.resume(returning: UncheckedBox(db))
        }
    }
}

/// Moves a non-Sendable value across an isolation boundary where the code guarantees
/// exclusive use (a connection between take() and give()).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
