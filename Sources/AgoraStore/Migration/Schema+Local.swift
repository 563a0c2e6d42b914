extension Schema {
    /// Version 4: the web catalog's local tables. They belong to this node only: they are never
    /// synced, exported or rebuilt from the change log, and `agora rebuild` leaves them alone.
    /// - `local_drafts`: record documents staff saved and have not published yet;
    /// - `local_audit`: who (a person's account) did what on this node, newest last;
    /// - `changes_by_author`: the change log by author city, so a city page finds the records a
    ///   city contributed to (adoptions, translations) without reading every record's state.
    static let webLocalTables = Migration(version: 4, name: "web catalog drafts and audit log", sql: """
        CREATE TABLE local_drafts(
            id INTEGER PRIMARY KEY,
            record TEXT NOT NULL,
            author TEXT NOT NULL,
            document TEXT NOT NULL,
            updated_ms INTEGER NOT NULL
        );
        CREATE TABLE local_audit(
            seq INTEGER PRIMARY KEY,
            at_ms INTEGER NOT NULL,
            user TEXT NOT NULL,
            action TEXT NOT NULL,
            record TEXT,
            detail TEXT
        );
        CREATE INDEX changes_by_author ON changes(author_city, record_id);
        """)
}

extension Schema {
    /// Version 5: indexes that cover browsing (no search words): the newest records of a city or
    /// of the whole catalog come from an index in order, and a city's counts by kind, and counts
    /// by kind, city, country, stage and year, are read from an index without touching the states.
    static let webBrowseIndexes = Migration(version: 5, name: "index for browsing by facet, newest first", sql: """
        CREATE INDEX IF NOT EXISTS records_browse ON records(deleted, updated_ms, kind, city, country, stage, year);
        CREATE INDEX IF NOT EXISTS records_by_city_browse ON records(city, deleted, updated_ms, kind);
        """)
}
