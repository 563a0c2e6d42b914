import Foundation

/// A small pool of read-only connections. Each read takes one connection, runs on a
/// thread of the pool's own dispatch queue (never on the cooperative pool), and gives it back.
final class ReaderPool: @unchecked Sendable {
    // @unchecked: `idle`, `waiters` and `connections` are only touched while `lock` is held;
    // a connection is used by one closure at a time, between take() and give().
    private let lock = NSLock()
    private var idle: [Database]
    private var waiters: [CheckedContinuation<UncheckedBox<Database>, Never>] = []
    private let queue = DispatchQueue(label: "agora.store.readers", attributes: .concurrent)

    init(path: String, size: Int) throws(StoreError) {
        var connections: [Database] = []
        for _ in 0..<max(1, size) {
            do {
                let db = try Database(path: path, mode: .readOnly)
                try db.execute("PRAGMA query_only = ON")
                connections.append(db)
            } catch {
                throw StoreError.wrapping(error, "cannot open a reader on \(path)")
            }
        }
        idle = connections
    }

    /// Runs `body` with a reader connection, on the pool's queue.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let db = await take()
        defer { give(db) }
        let box = UncheckedBox(db)
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result { try body(box.value) })
            }
        }
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
    }

    private func take() async -> Database {
        await withCheckedContinuation { continuation in offer(continuation) }.value
    }

    private func offer(_ continuation: CheckedContinuation<UncheckedBox<Database>, Never>) {
        lock.lock()
        if let db = idle.popLast() {
            lock.unlock()
            continuation.resume(returning: UncheckedBox(db))
        } else {
            waiters.append(continuation)
            lock.unlock()
        }
    }

    private func give(_ db: Database) {
        lock.lock()
        if waiters.isEmpty {
            idle.append(db)
            lock.unlock()
        } else {
            let waiter = waiters.removeFirst()
            lock.unlock()
            waiter.resume(returning: UncheckedBox(db))
        }
    }
}

/// Moves a non-Sendable value across an isolation boundary where the code guarantees
/// exclusive use (a connection between take() and give()).
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
