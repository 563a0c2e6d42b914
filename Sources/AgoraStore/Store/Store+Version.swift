import Foundation

/// Counts the write transactions of a store's writer: the store's version in this process.
final class CommitCounter: @unchecked Sendable {
    // @unchecked: `count` is only read and written under `lock`.
    private let lock = NSLock()
    private var count: Int64 = 0

    var value: Int64 { lock.withLock { count } }

    func increment() { lock.withLock { count += 1 } }
}

/// The store's version, for caches of values computed from it.
extension Store {
    /// A number that moves whenever what the store holds may have changed.
    ///
    /// With a writer (``Options/Access/readWrite``): how many write transactions this process's
    /// writer has ended, counted after each one ends, so every ingest, rebuild (which changes
    /// records without adding a change: a key marked compromised), draft or audit entry moves
    /// it, and a value computed after reading the version is never older than what it names.
    /// Read-only: the sequence number of the newest stored change (0 when empty); a rebuild by
    /// the writing process does not move it.
    public func version() async throws(StoreError) -> Int64 {
        if writer != nil { return commits.value }
        return try await read { db in try db.first("SELECT coalesce(max(seq), 0) FROM changes") { $0.int64(0) } ?? 0 }
    }
}
