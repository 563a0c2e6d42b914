extension Schema {
    /// Version 8: `sync_attempts`, one row per sync attempt with a peer (`agora sync`, the
    /// serve loop): when it started, how long it took, its round trips, bytes and changes each
    /// way, and the error if it failed; the latest ``Store/syncAttemptsKeptPerPeer`` per peer are
    /// kept. `sync_totals`: every attempt ever recorded, summed per peer (the counters of
    /// `/metrics`). Local to this node: never synced, exported or rebuilt.
    static let syncAttempts = Migration(version: 8, name: "sync attempts per peer", sql: """
        CREATE TABLE sync_attempts(
            seq INTEGER PRIMARY KEY,
            peer TEXT NOT NULL,
            started_ms INTEGER NOT NULL,
            duration_ms INTEGER NOT NULL,
            round_trips INTEGER NOT NULL,
            bytes_sent INTEGER NOT NULL,
            bytes_received INTEGER NOT NULL,
            changes_sent INTEGER NOT NULL,
            changes_received INTEGER NOT NULL,
            error TEXT
        );
        CREATE INDEX sync_attempts_by_peer ON sync_attempts(peer, started_ms);
        CREATE TABLE sync_totals(
            peer TEXT PRIMARY KEY,
            attempts INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            round_trips INTEGER NOT NULL,
            bytes_sent INTEGER NOT NULL,
            bytes_received INTEGER NOT NULL,
            changes_sent INTEGER NOT NULL,
            changes_received INTEGER NOT NULL,
            last_attempt_ms INTEGER NOT NULL,
            last_success_ms INTEGER
        ) WITHOUT ROWID;
        """)
}
