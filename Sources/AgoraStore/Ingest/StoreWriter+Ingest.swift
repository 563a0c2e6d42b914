/// Ingest: dedupe -> store -> re-merge the touched records -> reindex, in one transaction.
extension StoreWriter {
    /// Stores a batch whose changes were already verified (each with its position in the
    /// original batch); `refusals` are the verifier's.
    func ingest(_ batch: [(index: Int, change: StoredChange)], refusals: [IngestReport.Refusal],
                premerged: [String: PremergedRecord] = [:]) throws(StoreError) -> IngestReport {
        var report = IngestReport()
        report.refusals = refusals
        let now = clock()
        let merger = self.merger
        let tracksSync = syncSet != nil
        let (touched, memberships, fresh): ([String], [SyncMembership], [[UInt8]]) = try write { db in
            var batch = try Self.store(batch, receivedAt: now, into: &report, db)
            let sorted = batch.records.sorted()
            var search = SearchIndexWrites()
            for recordID in sorted {
                report.erasedChanges += try Self.reindex(recordID: recordID, merger: merger, now: now, batch: &batch,
                                                         premerged: premerged, search: &search, db)
            }
            try search.write(db)
            report.accepted -= batch.refused.count
            report.refusals += batch.refused.map(\.refusal)
            report.restoredBodies = try batch.restoredCount(db)
            if report.erasedChanges > 0 {
                try db.run("INSERT INTO records_fts(records_fts) VALUES ('optimize')")
            }
            return (sorted, tracksSync ? try Store.syncMemberships(ofRecords: sorted, db) : [], Array(batch.fresh.keys))
        }
        syncSet?.apply(memberships)  // after the commit: a rolled-back batch changes nothing
        feed.publish(fresh)
        report.refusals.sort { $0.index < $1.index }
        report.touchedRecords = touched.count
        if report.erasedChanges > 0 { report.walTruncated = try checkpointTruncate() }
        return report
    }

    /// Dedupes and inserts the changes of a batch. A body-less copy is refused at once when no
    /// redaction names it; otherwise it is kept provisionally, until the merge says whether it is
    /// effectively redacted. A complete copy of a change held without bodies restores its bodies
    /// unless the change is known to be redacted (the merge then decides again).
    static func store(_ batch: [(index: Int, change: StoredChange)], receivedAt now: Int64, into report: inout IngestReport,
                      _ db: Database) throws -> IngestBatch {
        let redactedInBatch = Set(batch.flatMap(\.change.redacts))
        var stored = IngestBatch()
        for (index, change) in batch {
            if change.bodies == nil, !redactedInBatch.contains(change.id), !(try isRedacted(change.id, db)),
               !(try exists(change.id, db)) {
                report.refusals.append(.init(index: index, id: change.idHex, recordID: change.recordID, code: "missing-body",
                                             reason: "the change has no bodies and no redaction of it is known"))
                continue
            }
            if let held = stored.fresh[change.id] {
                try stored.complete(held, with: change, db)
                report.duplicates += 1
                continue
            }
            guard try insert(change, receivedAt: now, db) else {
                try stored.restore(change, db)
                report.duplicates += 1
                continue
            }
            stored.add(change, index: index)
            report.accepted += 1
            for target in change.redacts {
                if let targetRecord = try recordID(of: target, db) { stored.records.insert(targetRecord) }
            }
        }
        return stored
    }

    static func exists(_ id: [UInt8], _ db: Database) throws -> Bool {
        try db.first("SELECT 1 FROM changes WHERE id = ?", [.blob(id)]) { _ in true } ?? false
    }

    static func isRedacted(_ id: [UInt8], _ db: Database) throws -> Bool {
        try db.first("SELECT 1 FROM redactions WHERE target = ?", [.blob(id)]) { _ in true } ?? false
    }

    static func recordID(of id: [UInt8], _ db: Database) throws -> String? {
        try db.first("SELECT record_id FROM changes WHERE id = ?", [.blob(id)]) { $0.text(0) } ?? nil
    }

    /// Inserts a change and its redaction pairs; false when the log already has it.
    static func insert(_ change: StoredChange, receivedAt now: Int64, _ db: Database) throws -> Bool {
        try db.run("""
            INSERT INTO changes(id, record_id, hlc_ms, hlc_counter, author_city, header, signature, bodies, received_ms)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
            """, [.blob(change.id), .text(change.recordID), .integer(change.hlcMilliseconds),
                  .integer(change.hlcCounter), .text(change.authorCity), .blob(change.header),
                  .blob(change.signature), .optional(change.bodies), .integer(now)])
        guard db.changedRows == 1 else { return false }
        for target in change.redacts {
            try db.run("INSERT OR IGNORE INTO redactions(target, redaction) VALUES (?, ?)",
                       [.blob(target), .blob(change.id)])
        }
        return true
    }
}
