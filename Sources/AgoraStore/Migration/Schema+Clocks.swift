extension Schema {
    /// Version 9: `clock_refusals`, one row per author city whose changes this node refused as
    /// `future-timestamp` (stamped further ahead of our clock than the allowed skew): how many,
    /// when last, and how far ahead the stamps of the last refusing batch were. What
    /// `agora status` shows as a peer's clock lead. Local to this node: never synced, exported
    /// or rebuilt. With it, the partial index `sync_attempts_succeeded`, so a peer's latest
    /// successful attempt is found at once however many failures came after it.
    static let clockRefusals = Migration(version: 9, name: "clock refusals per city", sql: """
        CREATE TABLE clock_refusals(
            city TEXT PRIMARY KEY,
            refused INTEGER NOT NULL,
            last_refused_ms INTEGER NOT NULL,
            lead_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX sync_attempts_succeeded ON sync_attempts(peer, started_ms) WHERE error IS NULL;
        """)
}
