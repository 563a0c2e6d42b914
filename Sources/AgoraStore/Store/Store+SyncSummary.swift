/// Per-peer totals of every sync attempt ever recorded (`sync_totals`; for `/metrics` and status).
extension Store {
    /// One peer's recorded attempts, summed.
    public struct SyncPeerSummary: Sendable, Equatable {
        /// The peer's city id.
        public var peer: String
        /// Attempts recorded, and those that failed.
        public var attempts = 0, failures = 0
        /// When the last attempt and the last successful one started (Unix ms; nil: none).
        public var lastAttemptMilliseconds: Int64?, lastSuccessMilliseconds: Int64?
        /// Bytes and changes each way, over every attempt.
        public var bytesSent = 0, bytesReceived = 0, changesSent = 0, changesReceived = 0
        /// Reconciliation round trips, over every attempt.
        public var roundTrips = 0

        /// A peer with nothing recorded.
        public init(peer: String) { self.peer = peer }
    }

    /// Every peer's attempts since the database was made, summed, sorted by peer.
    public func syncSummary() async throws(StoreError) -> [SyncPeerSummary] {
        try await read { db in
            try db.map("""
                SELECT peer, attempts, failures, last_attempt_ms, last_success_ms, bytes_sent, bytes_received,
                       changes_sent, changes_received, round_trips
                FROM sync_totals ORDER BY peer
                """) { row in
                var summary = SyncPeerSummary(peer: row.text(0) ?? "")
                summary.attempts = row.int(1)
                summary.failures = row.int(2)
                summary.lastAttemptMilliseconds = row.isNull(3) ? nil : row.int64(3)
                summary.lastSuccessMilliseconds = row.isNull(4) ? nil : row.int64(4)
                summary.bytesSent = Int(row.int64(5))
                summary.bytesReceived = Int(row.int64(6))
                summary.changesSent = Int(row.int64(7))
                summary.changesReceived = Int(row.int64(8))
                summary.roundTrips = Int(row.int64(9))
                return summary
            }
        }
    }
}
