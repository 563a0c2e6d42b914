/// Reads for the web catalog's city pages and feeds.
extension Store {
    /// Records to which `city` contributed an adoption, by id, with their states (canonical JSON).
    ///
    /// A state's contributions are canonical JSON with sorted keys, so an adoption by `city`
    /// appears as the bytes `"<city>":{"adoption":` (quotes inside strings are escaped, so no
    /// text can imitate them); the caller still reads each state to confirm.
    public func adoptions(by city: String) async throws(StoreError) -> [(id: String, state: String)] {
        let pattern = "\"\(city)\":{\"adoption\":"
        return try await read { db in
            try db.map("SELECT id, state FROM records WHERE deleted = 0 AND instr(state, ?) > 0 ORDER BY id", [.text(pattern)]) {
                ($0.text(0) ?? "", $0.text(1) ?? "")
            }
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
