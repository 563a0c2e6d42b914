import AgoraCore

/// Reads: search, one record, its history, and the whole change log.
extension Store {
    /// Searches the catalog (`protocol/STORAGE.md`, "Queries"), from one read snapshot, within `limits`.
    ///
    /// Without words: the newest records, with the total and facet counts over every listed
    /// record (read from the counts the writer keeps when at most one filter is set,
    /// ``FacetCounts``). With words: at most ``SearchSQL/candidateLimit`` candidates, whole-word
    /// matches first, ranked by bm25 (title above summary above the rest), with the total and
    /// counts over the candidates; ``SearchResults/capped`` when more records match.
    public func search(_ query: SearchQuery, limits: QueryLimits = .unlimited) async throws(StoreError) -> SearchResults {
        try await read(limits) { db in
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            return try SearchRun(query: query).results(db)
        }
    }

    /// The statements ``search(_:limits:)`` runs for `query`, with their values written in, in
    /// order: the benchmark hands them to the sqlite3 CLI as its reference.
    public func searchStatements(_ query: SearchQuery) async throws(StoreError) -> [String] {
        try await read { db in
            db.recordedStatements = []
            defer { db.recordedStatements = nil }
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            _ = try SearchRun(query: query).results(db)
            return db.recordedStatements ?? []
        }
    }

    /// The state of record `id` as canonical JSON, or nil when the store has no change for it.
    public func record(_ id: String, limits: QueryLimits = .unlimited) async throws(StoreError) -> String? {
        try await read(limits) { db in try db.first("SELECT state FROM records WHERE id = ?", [.text(id)]) { $0.text(0) } ?? nil }
    }

    /// Every change of record `id` in (HLC, id) order, with arrival, effect and reason.
    public func history(_ id: String, limits: QueryLimits = .unlimited) async throws(StoreError) -> [HistoryEntry] {
        try await read(limits) { db in try Self.entries(db, where: "record_id = ?", [.text(id)], order: "hlc_ms, hlc_counter, id") }
    }

    /// One stored change by id, or nil.
    public func change(_ id: [UInt8]) async throws(StoreError) -> HistoryEntry? {
        try await read { db in try Self.entries(db, where: "id = ?", [.blob(id)], order: "seq").first }
    }

    /// The ids of held changes whose bodies are missing although no effective redaction covers them,
    /// in id order: a node asks its peers for their bodies (a complete copy then replaces the
    /// body-less one). They arise when the key directory changed after the bodies were erased (the
    /// redaction's key marked compromised, say). See `protocol/PROTOCOL.md`, "Redaction".
    /// - Parameter limit: at most this many ids.
    public func changesMissingBodies(limit: Int = 1_000) async throws(StoreError) -> [[UInt8]] {
        try await read { db in
            try db.map("SELECT id FROM changes WHERE bodies IS NULL AND effective <> 2 ORDER BY id LIMIT ?", [.int(limit)]) {
                $0.blob(0) ?? []
            }
        }
    }

    /// Counts of stored changes and records (records include deleted ones).
    public func counts(limits: QueryLimits = .unlimited) async throws(StoreError) -> (changes: Int, records: Int) {
        try await read(limits) { db in
            (try db.integer("SELECT count(*) FROM changes"), try db.integer("SELECT count(*) FROM records"))
        }
    }

    /// Every stored change in arrival order, read page by page (for export and backfill), set-aside
    /// ones left out (held without bodies and not effectively redacted: a peer refuses them).
    /// - Parameter pageSize: changes read per snapshot.
    public func allChanges(pageSize: Int = 500) -> AsyncThrowingStream<HistoryEntry, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                var after: Int64 = 0
                do {
                    while true {
                        let cursor = after
                        let page = try await read { db in
                            try Self.entries(db, where: "seq > ? AND NOT (\(Self.setAsideCondition))", [.integer(cursor)], order: "seq",
                                            limit: pageSize)
                        }
                        for entry in page { continuation.yield(entry) }
                        guard let last = page.last, page.count == pageSize else { break }
                        after = last.sequence
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    /// Every record's state (canonical JSON) in id order, deleted ones included, for rebuild checks and export.
    public func allStates() async throws(StoreError) -> [(id: String, state: String)] {
        try await read { db in try db.map("SELECT id, state FROM records ORDER BY id") { ($0.text(0) ?? "", $0.text(1) ?? "") } }
    }

    /// `PRAGMA integrity_check`: an empty array when the file is sound, else SQLite's findings.
    public func integrityProblems() async throws(StoreError) -> [String] {
        let lines = try await read { db in try db.map("PRAGMA integrity_check") { $0.text(0) ?? "" } }
        return lines == ["ok"] ? [] : lines
    }

    static func entries(_ db: Database, where condition: String, _ arguments: [SQLValue], order: String,
                        limit: Int = -1) throws -> [HistoryEntry] {
        try db.map("""
            SELECT id, record_id, hlc_ms, hlc_counter, author_city, header, signature, bodies,
                seq, received_ms, effective, reason,
                (SELECT group_concat(lower(hex(target)), ',') FROM redactions WHERE redaction = changes.id)
            FROM changes WHERE \(condition) ORDER BY \(order) LIMIT \(limit)
            """, arguments) { row in
            let redacts = (row.text(12) ?? "").split(separator: ",").compactMap { Hex.decode(String($0), count: 32) }
            let change = StoredChange(
                id: row.blob(0) ?? [], recordID: row.text(1) ?? "", hlcMilliseconds: row.int64(2), hlcCounter: row.int64(3),
                authorCity: row.text(4) ?? "", header: row.blob(5) ?? [], signature: row.blob(6) ?? [],
                bodies: row.blob(7), redacts: redacts)
            return HistoryEntry(change: change, sequence: row.int64(8), receivedMilliseconds: row.int64(9),
                                isEffective: row.int(10) == StoredVerdict.effective.rawValue, reason: row.text(11),
                                isRedacted: row.int(10) == StoredVerdict.redacted.rawValue)
        }
    }
}
