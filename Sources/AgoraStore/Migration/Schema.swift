/// The on-disk schema, normative in `protocol/STORAGE.md`.
enum Schema {
    /// `PRAGMA application_id` of every Agora database: the ASCII bytes "AGRA".
    static let applicationID: Int32 = 0x4147_5241

    /// Every migration this binary knows, in order.
    static let migrations: [Migration] = [version1, version2, version3, webLocalTables, webBrowseIndexes, rosterAndPending,
                                          facetCounts, syncAttempts, clockRefusals]

    /// The schema version this binary writes.
    static var latestVersion: Int { migrations.last?.version ?? 0 }

    /// Version 1: the change log, redactions, materialized records, facets and the FTS5 index.
    /// Peers, sync history and the pending area come in later versions.
    static let version1 = Migration(version: 1, name: "change log, records, facets, search", sql: """
        CREATE TABLE schema_migrations(
            version INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            applied_at_ms INTEGER NOT NULL
        );
        CREATE TABLE changes(
            seq INTEGER PRIMARY KEY,
            id BLOB NOT NULL UNIQUE CHECK (length(id) = 32),
            record_id TEXT NOT NULL,
            hlc_ms INTEGER NOT NULL,
            hlc_counter INTEGER NOT NULL,
            author_city TEXT NOT NULL,
            header BLOB NOT NULL,
            signature BLOB NOT NULL,
            bodies BLOB,
            received_ms INTEGER NOT NULL,
            effective INTEGER NOT NULL DEFAULT 1 CHECK (effective IN (0, 1)),
            reason TEXT
        );
        CREATE INDEX changes_by_record ON changes(record_id, hlc_ms, hlc_counter, id);
        CREATE INDEX changes_by_time ON changes(hlc_ms, id);
        CREATE TABLE redactions(
            target BLOB NOT NULL,
            redaction BLOB NOT NULL,
            PRIMARY KEY (target, redaction)
        ) WITHOUT ROWID;
        CREATE TABLE records(
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            kind TEXT,
            city TEXT,
            country TEXT,
            stage TEXT,
            year INTEGER,
            original_language TEXT,
            deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
            updated_ms INTEGER NOT NULL,
            state TEXT NOT NULL
        );
        CREATE INDEX records_by_city ON records(city);
        CREATE TABLE record_themes(
            record INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
            theme TEXT NOT NULL,
            PRIMARY KEY (record, theme)
        ) WITHOUT ROWID;
        CREATE TABLE record_languages(
            record INTEGER NOT NULL REFERENCES records(rowid) ON DELETE CASCADE,
            language TEXT NOT NULL,
            PRIMARY KEY (record, language)
        ) WITHOUT ROWID;
        CREATE VIRTUAL TABLE records_fts USING fts5(
            title, summary, body,
            tokenize = 'unicode61 remove_diacritics 2'
        );
        """)
}

extension Schema {
    /// How many index segments of one size FTS5 gathers before it merges them into one
    /// (its `automerge` setting; FTS5's default is 4). Every ingest batch writes one segment;
    /// merging in groups of 16 rather than 4 rewrites each posting about half as often
    /// (log16 rather than log4 of the number of batches), which took ingest from 3,844 to
    /// 4,231 changes/s on 100,000 changes, while a search reads at most 15 segments of a size.
    /// Two-word searches measured the same (p50 41 and 40 ms).
    static let searchAutomerge = 16

    /// Version 2: the search index's merge policy, kept in the index's own configuration table.
    static let version2 = Migration(version: 2, name: "search index merges segments 16 at a time", sql: """
        INSERT INTO records_fts(records_fts, rank) VALUES ('automerge', \(searchAutomerge));
        """)
}

extension Schema {
    /// Version 3: `changes.effective` holds the merge's three verdicts (0 ineffective, 1 effective,
    /// 2 redacted; ``StoredVerdict``), and a partial index lists the changes held without bodies
    /// that are not redacted (their bodies are to be fetched from peers). SQLite cannot change a
    /// CHECK constraint in place, so the log is copied into a new table (once; every byte is kept).
    /// Before version 3 a redacted change was stored as 1 with its bodies erased, which is how it
    /// is recognised here; a change that names no body (no `"body":` member in its canonical
    /// header, where a quote inside a string is always escaped) gets back `{}`, which it now keeps. The merge's rules changed with it (PROTOCOL.md 5.3 and 5.6: which
    /// redactions count, an unsupported operation's body), so the derived rows are recomputed in
    /// the same transaction, as `agora rebuild` does.
    static let version3 = Migration(version: 3, name: "three verdicts in changes.effective", sql: """
        CREATE TABLE changes_v3(
            seq INTEGER PRIMARY KEY,
            id BLOB NOT NULL UNIQUE CHECK (length(id) = 32),
            record_id TEXT NOT NULL,
            hlc_ms INTEGER NOT NULL,
            hlc_counter INTEGER NOT NULL,
            author_city TEXT NOT NULL,
            header BLOB NOT NULL,
            signature BLOB NOT NULL,
            bodies BLOB,
            received_ms INTEGER NOT NULL,
            effective INTEGER NOT NULL DEFAULT 1 CHECK (effective IN (0, 1, 2)),
            reason TEXT
        );
        INSERT INTO changes_v3(seq, id, record_id, hlc_ms, hlc_counter, author_city, header, signature, bodies,
                               received_ms, effective, reason)
            SELECT seq, id, record_id, hlc_ms, hlc_counter, author_city, header, signature, bodies, received_ms,
                   CASE WHEN effective = 1 AND bodies IS NULL THEN 2 ELSE effective END, reason
            FROM changes ORDER BY seq;
        UPDATE changes_v3 SET bodies = X'7B7D' WHERE bodies IS NULL AND instr(CAST(header AS TEXT), '"body":') = 0;
        DROP TABLE changes;
        ALTER TABLE changes_v3 RENAME TO changes;
        CREATE INDEX changes_by_record ON changes(record_id, hlc_ms, hlc_counter, id);
        CREATE INDEX changes_by_time ON changes(hlc_ms, id);
        CREATE INDEX changes_missing_bodies ON changes(id) WHERE bodies IS NULL AND effective <> 2;
        """, rebuildsDerivedRows: true)
}

extension Schema {
    /// Version 6: the roster chain (every held update, applied or waiting) and the pending area
    /// (changes whose key the roster does not know yet, or whose city is suspended), with the
    /// count of changes dropped at its caps, per peer. See `protocol/STORAGE.md`, "Roster and pending area".
    static let rosterAndPending = Migration(version: 6, name: "roster chain and pending area", sql: """
        CREATE TABLE roster_updates(
            id BLOB PRIMARY KEY CHECK (length(id) = 32),
            parent BLOB CHECK (parent IS NULL OR length(parent) = 32),
            seq INTEGER NOT NULL,
            wire BLOB NOT NULL,
            received_ms INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE pending_changes(
            id BLOB PRIMARY KEY CHECK (length(id) = 32),
            peer TEXT NOT NULL,
            city TEXT NOT NULL,
            key BLOB NOT NULL,
            reason TEXT NOT NULL,
            wire BLOB NOT NULL,
            received_ms INTEGER NOT NULL
        );
        CREATE INDEX pending_by_peer ON pending_changes(peer);
        CREATE TABLE pending_drops(
            peer TEXT PRIMARY KEY,
            dropped INTEGER NOT NULL
        ) WITHOUT ROWID;
        """)
}
