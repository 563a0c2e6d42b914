/// Reads for the web catalog's city pages and feeds.
extension Store {
    /// Records of other cities to which `city` wrote a change (its contributions: adoptions,
    /// translations, co-authored edits), by id, with their states (canonical JSON). Found through
    /// the `changes_by_author` index, so the cost follows the city's own changes, not the catalog.
    /// The caller reads each state for the entry it wants.
    public func contributions(by city: String) async throws(StoreError) -> [(id: String, state: String)] {
        try await read { db in
            try db.map("""
                SELECT r.id, r.state FROM records r
                WHERE r.deleted = 0 AND r.id IN (SELECT DISTINCT record_id FROM changes
                    WHERE author_city = ?1 AND substr(record_id, 1, length(?1) + 1) <> ?1 || '/')
                ORDER BY r.id
                """, [.text(city)]) { ($0.text(0) ?? "", $0.text(1) ?? "") }
        }
    }

    /// When each of `ids` last changed (Unix milliseconds of the newest effective change), by id.
    public func updatedTimes(_ ids: [String]) async throws(StoreError) -> [String: Int64] {
        guard !ids.isEmpty else { return [:] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let rows = try await read { db in
            try db.map("SELECT id, updated_ms FROM records WHERE id IN (\(marks))", ids.map(SQLValue.text)) {
                ($0.text(0) ?? "", $0.int64(1))
            }
        }
        return Dictionary(rows, uniquingKeysWith: { first, _ in first })
    }
}

extension SearchHit {
    /// A hit for a record read by id rather than found by a search: its kind and city from the id,
    /// no snippet, score 0.
    public init(id: String, state: String) {
        let parts = id.split(separator: "/").map(String.init)
        self.init(id: id, kind: parts.count == 3 ? parts[1] : nil, city: parts.first, country: nil, stage: nil, year: nil,
                  state: state, snippet: "", score: 0)
    }
}

extension Store {
    /// Up to `limit` records other than `excluding` that have `theme`, not deleted, in no set
    /// order: the scan stops at the first `limit` found, so it stays cheap on a big catalog.
    public func records(withTheme theme: String, excluding: String, limit: Int) async throws(StoreError) -> [(id: String, state: String)] {
        try await read { db in
            try db.map("""
                SELECT r.id, r.state FROM record_themes t JOIN records r ON r.rowid = t.record
                WHERE t.theme = ? AND r.deleted = 0 AND r.id <> ? LIMIT ?
                """, [.text(theme), .text(excluding), .int(limit)]) { ($0.text(0) ?? "", $0.text(1) ?? "") }
        }
    }
}

extension Store {
    /// What a city page shows: how many listed records of each kind `city` has (from the counts
    /// the writer keeps, ``FacetCounts``: reading them is O(kinds), counting the city's 12,500
    /// index entries took 5 ms on 100,000 records), and its `limit` most recently changed
    /// records, from the `records_by_city_browse` index.
    public func cityRecords(_ city: String, limit: Int) async throws(StoreError) -> (kinds: [FacetCount], newest: [SearchHit]) {
        try await read { db in
            let kinds = try db.map("""
                SELECT value, count FROM facet_counts WHERE filter = 'city=' || ? AND facet = 'kind' ORDER BY count DESC, value
                """, [.text(city)]) { FacetCount(value: $0.text(0) ?? "", count: $0.int(1)) }
            let newest = try db.map("""
                SELECT id, state FROM records WHERE deleted = 0 AND city = ? ORDER BY updated_ms DESC, id LIMIT ?
                """, [.text(city), .int(limit)]) { SearchHit(id: $0.text(0) ?? "", state: $0.text(1) ?? "{}") }
            return (kinds, newest)
        }
    }
}
