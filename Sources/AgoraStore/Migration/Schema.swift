/// The on-disk schema, normative in `protocol/STORAGE.md`.
enum Schema {
    /// `PRAGMA application_id` of every Agora database: the ASCII bytes "AGRA".
    static let applicationID: Int32 = 0x4147_5241

    /// Every migration this binary knows, in order.
    static let migrations: [Migration] = [version1, version2, version3, version4]

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
