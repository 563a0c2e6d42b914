import AgoraCore

/// Re-merging one record and writing its state, facets and search text.
extension StoreWriter {
    /// Every stored change of `recordID`, in (HLC, id) order, with what each redacts.
    /// Changes found in `fresh` (this batch's, already parsed) are taken from there, not re-read.
    static func changes(of recordID: String, fresh: [[UInt8]: StoredChange], _ db: Database) throws -> [StoredChange] {
        let ids = try db.map("SELECT id FROM changes WHERE record_id = ? ORDER BY hlc_ms, hlc_counter, id",
                             [.text(recordID)]) { $0.blob(0) ?? [] }
        return try ids.map { id in
            if let change = fresh[id] { return change }
            let redacts = try db.map("SELECT target FROM redactions WHERE redaction = ? ORDER BY target", [.blob(id)]) {
                $0.blob(0) ?? []
            }
            let change = try db.first("""
                SELECT id, record_id, hlc_ms, hlc_counter, author_city, header, signature, bodies FROM changes WHERE id = ?
                """, [.blob(id)]) { row in
                StoredChange(id: id, recordID: row.text(1) ?? "", hlcMilliseconds: row.int64(2),
                             hlcCounter: row.int64(3), authorCity: row.text(4) ?? "", header: row.blob(5) ?? [],
                             signature: row.blob(6) ?? [], bodies: row.blob(7), redacts: redacts)
            }
            guard let change else { throw StoreError(.corrupt, "change \(Hex.encode(id)) vanished while merging \(recordID)") }
            return change
        }
    }

    /// Merges `recordID` from its stored changes and writes the result.
    /// - Returns: how many changes had their bodies erased now.
    static func reindex(recordID: String, merger: any RecordMerging, now: Int64,
                        fresh: [[UInt8]: StoredChange] = [:], _ db: Database) throws -> Int {
        let changes = try changes(of: recordID, fresh: fresh, db)
        let merged: MergedRecord
        do {
            merged = try merger.merge(recordID: recordID, changes: changes)
        } catch {
            throw StoreError(.merge, "cannot merge \(recordID)", cause: SendableBox(String(describing: error)))
        }
        var erased = 0
        for change in changes {
            let reason = merged.ineffective[change.id]
            if reason != nil || fresh[change.id] == nil {  // a fresh change was stored effective
                try db.run("""
                    UPDATE changes SET effective = ?, reason = ? WHERE id = ? AND (effective IS NOT ? OR reason IS NOT ?)
                    """, [.int(reason == nil ? 1 : 0), .optional(reason), .blob(change.id),
                          .int(reason == nil ? 1 : 0), .optional(reason)])
            }
            if merged.erased.contains(change.id), change.bodies != nil {
                try db.run("UPDATE changes SET bodies = NULL WHERE id = ?", [.blob(change.id)])
                erased += 1
            }
        }
        try write(merged, recordID: recordID, updated: changes.last?.hlcMilliseconds ?? now, db)
        return erased
    }

    /// Writes the state row, the facet rows and the search row of one record.
    static func write(_ merged: MergedRecord, recordID: String, updated: Int64, _ db: Database) throws {
        let entry = IndexEntry(state: merged.state)
        let values: [SQLValue] = [
            .text(recordID), .optional(entry.kind), .optional(entry.city), .optional(entry.country),
            .optional(entry.stage), .optional(entry.year), .optional(entry.originalLanguage),
            .int(entry.isDeleted ? 1 : 0), .integer(updated), .text(merged.canonicalState),
        ]
        let rowid: Int64
        if let existing = try db.first("SELECT rowid FROM records WHERE id = ?", [.text(recordID)], { $0.int64(0) }) {
            rowid = existing
            try db.run("""
                UPDATE records SET kind = ?2, city = ?3, country = ?4, stage = ?5, year = ?6, original_language = ?7,
                    deleted = ?8, updated_ms = ?9, state = ?10 WHERE id = ?1
                """, values)
            try db.run("DELETE FROM record_themes WHERE record = ?", [.integer(rowid)])
            try db.run("DELETE FROM record_languages WHERE record = ?", [.integer(rowid)])
            try db.run("DELETE FROM records_fts WHERE rowid = ?", [.integer(rowid)])
        } else {
            rowid = try db.first("""
                INSERT INTO records(id, kind, city, country, stage, year, original_language, deleted, updated_ms, state)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING rowid
                """, values) { $0.int64(0) } ?? 0
        }
        for theme in entry.themes {
            try db.run("INSERT OR IGNORE INTO record_themes(record, theme) VALUES (?, ?)", [.integer(rowid), .text(theme)])
        }
        for language in entry.languages {
            try db.run("INSERT OR IGNORE INTO record_languages(record, language) VALUES (?, ?)",
                       [.integer(rowid), .text(language)])
        }
        if !entry.isDeleted {
            try db.run("INSERT INTO records_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                       [.integer(rowid), .text(entry.title), .text(entry.summary), .text(entry.body)])
        }
    }
}
