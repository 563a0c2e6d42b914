/// The record of sync attempts (schema version 8): one row per attempt with a peer, the latest
/// ``syncAttemptsKeptPerPeer`` kept, and running totals per peer.
extension Store {
    /// One sync attempt with a peer, as recorded.
    public struct SyncAttempt: Sendable, Equatable {
        /// The peer's city id.
        public var peer: String
        /// When the attempt started (Unix ms) and how long it took.
        public var startedMilliseconds: Int64
        public var durationMilliseconds: Int64
        /// Reconciliation request/answer exchanges.
        public var roundTrips: Int
        /// Bytes sent to the peer and received from it (reconciliation and changes, bodies only).
        public var bytesSent: Int
        public var bytesReceived: Int
        /// Changes the peer newly stored from us, and changes we newly stored from it.
        public var changesSent: Int
        public var changesReceived: Int
        /// Why the attempt failed; nil when it succeeded.
        public var error: String?

        /// An attempt with its figures.
        public init(peer: String, startedMilliseconds: Int64, durationMilliseconds: Int64 = 0, roundTrips: Int = 0,
                    bytesSent: Int = 0, bytesReceived: Int = 0, changesSent: Int = 0, changesReceived: Int = 0, error: String? = nil) {
            self.peer = peer
            self.startedMilliseconds = startedMilliseconds
            self.durationMilliseconds = durationMilliseconds
            self.roundTrips = roundTrips
            self.bytesSent = bytesSent
            self.bytesReceived = bytesReceived
            self.changesSent = changesSent
            self.changesReceived = changesReceived
            self.error = error
        }
    }

    /// The attempts kept per peer: older ones are deleted as new ones come (their figures stay in
    /// the totals). At one attempt every 30 s, about 8 hours of history.
    public static let syncAttemptsKeptPerPeer = 1_000

    /// Records `attempt`, adds it to its peer's totals, and deletes the peer's attempts beyond
    /// ``syncAttemptsKeptPerPeer``, except its latest successful one (what status shows as the
    /// last sync, however many failures came after it).
    public func recordSyncAttempt(_ attempt: SyncAttempt) async throws(StoreError) {
        try await requireWriter().write { db in
            try Self.addToTotals(attempt, db)
            try db.run("""
                DELETE FROM sync_attempts WHERE peer = ?1 AND seq <= (
                    SELECT seq FROM sync_attempts WHERE peer = ?1 ORDER BY seq DESC LIMIT 1 OFFSET ?2)
                AND seq IS NOT (SELECT seq FROM sync_attempts WHERE peer = ?1 AND error IS NULL
                                ORDER BY started_ms DESC, seq DESC LIMIT 1)
                """, [.text(attempt.peer), .integer(Int64(Self.syncAttemptsKeptPerPeer - 1))])
            try db.run("""
                INSERT INTO sync_attempts(peer, started_ms, duration_ms, round_trips, bytes_sent, bytes_received,
                                          changes_sent, changes_received, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, [.text(attempt.peer), .integer(attempt.startedMilliseconds), .integer(attempt.durationMilliseconds),
                      .integer(Int64(attempt.roundTrips)), .integer(Int64(attempt.bytesSent)), .integer(Int64(attempt.bytesReceived)),
                      .integer(Int64(attempt.changesSent)), .integer(Int64(attempt.changesReceived)),
                      attempt.error.map { .text($0) } ?? .null])
        }
    }

    /// The recorded attempts, oldest first; only `peer`'s when given.
    public func syncAttempts(peer: String? = nil) async throws(StoreError) -> [SyncAttempt] {
        try await read { db in
            try db.map("SELECT \(Self.syncAttemptColumns) FROM sync_attempts WHERE ?1 IS NULL OR peer = ?1 ORDER BY seq",
                       [peer.map { .text($0) } ?? .null], Self.syncAttempt)
        }
    }

    static func addToTotals(_ a: SyncAttempt, _ db: Database) throws {
        try db.run("""
            INSERT INTO sync_totals(peer, attempts, failures, round_trips, bytes_sent, bytes_received, changes_sent,
                                    changes_received, last_attempt_ms, last_success_ms)
            VALUES (?1, 1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, CASE WHEN ?2 = 0 THEN ?8 END)
            ON CONFLICT(peer) DO UPDATE SET attempts = attempts + 1, failures = failures + ?2,
                round_trips = round_trips + ?3, bytes_sent = bytes_sent + ?4, bytes_received = bytes_received + ?5,
                changes_sent = changes_sent + ?6, changes_received = changes_received + ?7,
                last_attempt_ms = max(last_attempt_ms, ?8),
                last_success_ms = CASE WHEN ?2 = 0 THEN max(coalesce(last_success_ms, ?8), ?8) ELSE last_success_ms END
            """, [.text(a.peer), .integer(a.error == nil ? 0 : 1), .integer(Int64(a.roundTrips)), .integer(Int64(a.bytesSent)),
                  .integer(Int64(a.bytesReceived)), .integer(Int64(a.changesSent)), .integer(Int64(a.changesReceived)),
                  .integer(a.startedMilliseconds)])
    }
}
