/// The record of sync attempts (schema version 7): one row per attempt with a peer.
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

    /// Records `attempt`.
    public func recordSyncAttempt(_ attempt: SyncAttempt) async throws(StoreError) {
        try await requireWriter().write { db in
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
}
