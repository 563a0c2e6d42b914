internal import CSQLite
import Foundation

/// A time limit on the statements of one read: SQLite's progress handler checks the clock every
/// ``QueryLimits/progressInterval`` virtual-machine instructions and interrupts the statement
/// once the deadline has passed (`SQLITE_INTERRUPT`, which ``StoreError`` reads as `timeout`).
extension Database {
    /// Runs `body` with its statements interrupted after `limit` (nil: no limit).
    func withTimeLimit<T>(_ limit: Duration?, _ body: () throws -> T) throws -> T {
        guard let limit, let handle else { return try body() }
        deadline = Self.monotonicNanoseconds() &+ QueryLimits.nanoseconds(limit)
        sqlite3_progress_handler(handle, QueryLimits.progressInterval, { context in
            guard let context else { return 0 }
            let database = Unmanaged<Database>.fromOpaque(context).takeUnretainedValue()
            return Database.monotonicNanoseconds() >= database.deadline ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
        defer { sqlite3_progress_handler(handle, 0, nil, nil) }
        return try body()
    }

    /// Ends a transaction a failed or interrupted read left open, so the connection's next read
    /// sees a fresh snapshot.
    func rollBackOpenTransaction() {
        guard let handle, sqlite3_get_autocommit(handle) == 0 else { return }
        try? execute("ROLLBACK")
    }

    static func monotonicNanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }
}
