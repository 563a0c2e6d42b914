/// The latest recorded sync attempts with a peer, read through the `sync_attempts_by_peer` and
/// `sync_attempts_succeeded` indexes (what `agora status` shows, without reading every attempt).
extension Store {
    /// The columns an attempt is read from, in ``syncAttempt(_:)``'s order.
    static let syncAttemptColumns =
        "peer, started_ms, duration_ms, round_trips, bytes_sent, bytes_received, changes_sent, changes_received, error"

    /// An attempt read from a row of ``syncAttemptColumns``.
    static func syncAttempt(_ row: Row) -> SyncAttempt {
        SyncAttempt(peer: row.text(0) ?? "", startedMilliseconds: row.int64(1), durationMilliseconds: row.int64(2),
                    roundTrips: Int(row.int64(3)), bytesSent: Int(row.int64(4)), bytesReceived: Int(row.int64(5)),
                    changesSent: Int(row.int64(6)), changesReceived: Int(row.int64(7)), error: row.text(8))
    }

    /// `peer`'s latest attempt and its latest successful one (nil when there is none).
    public func latestSyncAttempts(peer: String) async throws(StoreError) -> (latest: SyncAttempt?, latestSuccess: SyncAttempt?) {
        try await read { db in
            let latest = try db.first("""
                SELECT \(Self.syncAttemptColumns) FROM sync_attempts INDEXED BY sync_attempts_by_peer
                WHERE peer = ? ORDER BY started_ms DESC, seq DESC LIMIT 1
                """, [.text(peer)], Self.syncAttempt)
            let success = latest?.error == nil ? latest : try db.first("""
                SELECT \(Self.syncAttemptColumns) FROM sync_attempts INDEXED BY sync_attempts_succeeded
                WHERE peer = ? AND error IS NULL ORDER BY started_ms DESC, seq DESC LIMIT 1
                """, [.text(peer)], Self.syncAttempt)
            return (latest, success)
        }
    }
}
