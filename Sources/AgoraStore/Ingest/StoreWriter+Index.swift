import AgoraCore

/// Re-merging one record and writing its state, facets and search text.
extension StoreWriter {
    /// The ids and HLC milliseconds of every stored change of `recordID`, in (HLC, id) order.
    static func changeIDs(of recordID: String, _ db: Database) throws -> [(id: [UInt8], milliseconds: Int64)] {
        try db.map("SELECT id, hlc_ms FROM changes WHERE record_id = ? ORDER BY hlc_ms, hlc_counter, id",
                   [.text(recordID)]) { ($0.blob(0) ?? [], $0.int64(1)) }
    }

    /// The changes with `ids`, with what each redacts; those in `fresh` (this batch's) are not re-read.
    static func changes(_ ids: [[UInt8]], of recordID: String, fresh: [[UInt8]: StoredChange], _ db: Database) throws -> [StoredChange] {
        try ids.map { id in
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

    /// Merges `recordID` from its stored changes and writes the result. A merge done before the
    /// writer (`premerged`) is used only when it was computed from exactly the stored set. A
    /// body-less change of this batch that the merge does not report redacted is taken out again
    /// (`batch.refused`) and the record merged once more.
    /// - Returns: how many changes had their bodies erased now.
    static func reindex(recordID: String, merger: any RecordMerging, now: Int64, batch: inout IngestBatch,
                        premerged: [String: PremergedRecord] = [:], search: inout SearchIndexWrites, _ db: Database) throws -> Int {
        var stored = try changeIDs(of: recordID, db)
        var record = try merged(recordID, ids: stored.map(\.id), merger: merger, fresh: batch.fresh, premerged: premerged, db)
        if try batch.refuseUnredacted(among: stored.map(\.id), recordID: recordID, merged: record, db) {
            stored = try changeIDs(of: recordID, db)
            record = try merged(recordID, ids: stored.map(\.id), merger: merger, fresh: batch.fresh, premerged: [:], db)
        }
        guard !stored.isEmpty else {
            try delete(recordID: recordID, search: &search, db)
            return 0
        }
        var erased = 0
        for (id, _) in stored {
            let reason = record.ineffective[id]
            let verdict: StoredVerdict = record.erased.contains(id) ? .redacted : reason == nil ? .effective : .ineffective
            if verdict != .effective || batch.fresh[id] == nil {  // a fresh change was stored effective
                try db.run("""
                    UPDATE changes SET effective = ?, reason = ? WHERE id = ? AND (effective IS NOT ? OR reason IS NOT ?)
                    """, [.int(verdict.rawValue), .optional(reason), .blob(id), .int(verdict.rawValue), .optional(reason)])
            }
            if verdict == .redacted {
                // A change that names no body keeps `{}`: it has nothing to erase and is never body-less.
                try db.run("UPDATE changes SET bodies = NULL WHERE id = ? AND bodies IS NOT NULL AND bodies <> X'7B7D'", [.blob(id)])
                erased += db.changedRows
            }
        }
        try write(record, recordID: recordID, updated: stored.last?.milliseconds ?? now, search: &search, db)
        return erased
    }

    /// The merge of `recordID` from the stored changes `ids`, or the early one when it covers exactly them.
    static func merged(_ recordID: String, ids: [[UInt8]], merger: any RecordMerging, fresh: [[UInt8]: StoredChange],
                       premerged: [String: PremergedRecord], _ db: Database) throws -> IndexedRecord {
        if let early = premerged[recordID], early.ids == Set(ids) { return early.record }
        let changes = try changes(ids, of: recordID, fresh: fresh, db)
        do {
            return IndexedRecord(try merger.merge(recordID: recordID, changes: changes))
        } catch {
            throw StoreError(.merge, "cannot merge \(recordID)", cause: SendableBox(String(describing: error)))
        }
    }

    /// Removes a record none of whose changes is held any more (its only change was a body-less
    /// copy taken out again): its state, facets and search row.
    static func delete(recordID: String, search: inout SearchIndexWrites, _ db: Database) throws {
        guard let rowid = try db.first("SELECT rowid FROM records WHERE id = ?", [.text(recordID)], { $0.int64(0) }) else { return }
        try FacetCounts.apply(from: try FacetCounts.storedItems(rowid: rowid, db), to: [], db)
        try db.run("DELETE FROM record_themes WHERE record = ?", [.integer(rowid)])
        try db.run("DELETE FROM record_languages WHERE record = ?", [.integer(rowid)])
        try db.run("DELETE FROM records WHERE rowid = ?", [.integer(rowid)])
        search.remove(rowid)
    }

    /// Writes the state row and the facet rows of one record, and queues its search row in `search`.
    static func write(_ record: IndexedRecord, recordID: String, updated: Int64, search: inout SearchIndexWrites,
                      _ db: Database) throws {
        let entry = record.entry
        let values: [SQLValue] = [
            .text(recordID), .optional(entry.kind), .optional(entry.city), .optional(entry.country),
            .optional(entry.stage), .optional(entry.year), .optional(entry.originalLanguage),
            .int(entry.isListed ? 0 : 1), .integer(updated), .text(record.canonicalState),
        ]
        let rowid: Int64
        if let existing = try db.first("SELECT rowid FROM records WHERE id = ?", [.text(recordID)], { $0.int64(0) }) {
            rowid = existing
            try FacetCounts.apply(from: try FacetCounts.storedItems(rowid: rowid, db), to: FacetCounts.items(entry), db)
            try db.run("""
                UPDATE records SET kind = ?2, city = ?3, country = ?4, stage = ?5, year = ?6, original_language = ?7,
                    deleted = ?8, updated_ms = ?9, state = ?10 WHERE id = ?1
                """, values)
            try db.run("DELETE FROM record_themes WHERE record = ?", [.integer(rowid)])
            try db.run("DELETE FROM record_languages WHERE record = ?", [.integer(rowid)])
            search.remove(rowid)
        } else {
            rowid = try db.first("""
                INSERT INTO records(id, kind, city, country, stage, year, original_language, deleted, updated_ms, state)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING rowid
                """, values) { $0.int64(0) } ?? 0
            try FacetCounts.apply(from: [], to: FacetCounts.items(entry), db)
        }
        for theme in entry.themes {
            try db.run("INSERT OR IGNORE INTO record_themes(record, theme) VALUES (?, ?)", [.integer(rowid), .text(theme)])
        }
        for language in entry.languages {
            try db.run("INSERT OR IGNORE INTO record_languages(record, language) VALUES (?, ?)",
                       [.integer(rowid), .text(language)])
        }
        if entry.isListed { search.add(rowid, entry) }
    }
}

/// Search-index rows queued while a batch writes its records, written together at the end.
///
/// FTS5 keeps the terms of rows inserted in a transaction in memory and writes them as one index
/// segment, but it must flush them to disk at every statement savepoint, and SQLite opens one for
/// every statement that may abort after writing more than one row (the `records` upsert, the
/// facet inserts). Interleaving FTS rows with those statements made one tiny segment per record,
/// then merged them again and again: 44% of the writer's time on a batch of 1,000 new records.
/// Written last, a batch of 1,000 records makes one segment.
struct SearchIndexWrites {
    private var removals: [Int64] = []
    private var additions: [(rowid: Int64, title: String, summary: String, body: String)] = []

    /// Rows queued; the caller writes them when this reaches its chunk size, to bound memory.
    var count: Int { removals.count + additions.count }

    mutating func remove(_ rowid: Int64) { removals.append(rowid) }

    mutating func add(_ rowid: Int64, _ entry: IndexEntry) {
        additions.append((rowid, entry.title, entry.summary, entry.body))
    }

    /// Writes the queued removals, then the additions, and empties the queue.
    mutating func write(_ db: Database) throws {
        for rowid in removals {
            try db.run("DELETE FROM records_fts WHERE rowid = ?", [.integer(rowid)])
        }
        for row in additions {
            try db.run("INSERT INTO records_fts(rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                       [.integer(row.rowid), .text(row.title), .text(row.summary), .text(row.body)])
        }
        removals.removeAll(keepingCapacity: true)
        additions.removeAll(keepingCapacity: true)
    }
}
