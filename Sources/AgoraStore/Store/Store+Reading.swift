import AgoraCore

/// Reads: search, one record, its history, and the whole change log.
extension Store {
    /// Searches the catalog: one page of hits by bm25 (title above summary above the rest),
    /// the total, and facet counts over every match (with words, over the first
    /// ``SearchSQL/facetSample``: see ``SearchResults/capped``), from one read snapshot, within `limits`.
    /// Without words and with at most one filter, the total and counts are those the writer
    /// keeps (``FacetCounts``): the same numbers, read in O(facet values).
    public func search(_ query: SearchQuery, limits: QueryLimits = .unlimited) async throws(StoreError) -> SearchResults {
        let match = MatchExpression.make(query.text)
        let arguments: [SQLValue] = [
            .optional(match), .optional(query.kind), .optional(query.city), .optional(query.country),
            .optional(query.theme), .optional(query.stage), .optional(query.language), .optional(query.year),
            .int(query.limit), .int(query.offset), .text(query.highlight.open), .text(query.highlight.close),
        ]
        return try await read(limits) { db in
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            let hits = try db.map(SearchSQL.hits(matching: match != nil), arguments) { row in
                SearchHit(id: row.text(0) ?? "", kind: row.text(1), city: row.text(2), country: row.text(3),
                          stage: row.text(4), year: row.isNull(5) ? nil : row.int(5), state: row.text(6) ?? "{}",
                          snippet: row.text(7) ?? "", score: row.double(8))
            }
            var total = 0
            var facets: [String: [FacetCount]] = [:]
            let kept = FacetCounts.key(for: query)
            let sql = kept == nil ? SearchSQL.facets(matching: match != nil) : SearchSQL.keptFacets
            try db.forEach(sql, kept.map { [.text($0)] } ?? arguments) { row in
                let facet = row.text(0) ?? ""
                if facet == "total" { total = row.int(2); return }
                facets[facet, default: []].append(FacetCount(value: row.text(1) ?? "", count: row.int(2)))
            }
            for key in facets.keys {
                facets[key]?.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            }
            let capped = match != nil && total > SearchSQL.facetSample
            return SearchResults(hits: hits, total: capped ? SearchSQL.facetSample : total, facets: facets, capped: capped)
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
