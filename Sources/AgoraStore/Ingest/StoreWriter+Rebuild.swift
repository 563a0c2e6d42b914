import AgoraCore

/// Rebuild: state, facets and the search index recomputed from the change log alone.
extension StoreWriter {
    /// Records whose search rows a rebuild queues before writing them (one index segment each;
    /// about 2 MiB of text for realistic records).
    static let rebuildSearchChunk = 1_000

    /// Drops every derived row and re-merges every record, in one transaction.
    /// - Parameter progress: called after each record with (done, total).
    func rebuild(progress: @Sendable (Int, Int) -> Void) throws(StoreError) -> RebuildReport {
        let now = clock()
        let merger = self.merger
        let tracksSync = syncSet != nil
        let (report, items): (RebuildReport, [SyncItem]) = try write { db in
            (try Self.rebuild(merger: merger, now: now, progress: progress, db), tracksSync ? try Store.syncItems(below: nil, db) : [])
        }
        syncSet?.replace(sorted: items)  // every verdict may have changed
        _ = try checkpointTruncate()
        return report
    }

    /// Drops every derived row and re-merges every record, in the caller's transaction (also the
    /// last step of a migration that changes what the merge derives).
    static func rebuild(merger: any RecordMerging, now: Int64, progress: (Int, Int) -> Void, _ db: Database) throws -> RebuildReport {
        try db.execute(FacetCounts.tableSQL)
        try db.execute("""
            DELETE FROM record_themes; DELETE FROM record_languages; DELETE FROM records; DELETE FROM records_fts;
            DELETE FROM facet_counts;
            """)
        let ids = try db.map("SELECT DISTINCT record_id FROM changes ORDER BY record_id") { $0.text(0) ?? "" }
        var report = RebuildReport()
        var search = SearchIndexWrites()
        var batch = IngestBatch()
        for (index, id) in ids.enumerated() {
            _ = try reindex(recordID: id, merger: merger, now: now, batch: &batch, search: &search, db)
            if search.count >= rebuildSearchChunk { try search.write(db) }
            progress(index + 1, ids.count)
        }
        try search.write(db)
        report.records = ids.count
        report.changes = try db.integer("SELECT count(*) FROM changes")
        try db.run("INSERT INTO records_fts(records_fts) VALUES ('optimize')")
        return report
    }

    /// Makes erased text unrecoverable from the file: FTS `optimize` (drops old index segments),
    /// then `wal_checkpoint(TRUNCATE)`. `secure_delete` is always on, so freed pages are zeroed.
    /// - Returns: whether the WAL is now empty.
    func eraseResidue() throws(StoreError) -> Bool {
        _ = try write { db in try db.run("INSERT INTO records_fts(records_fts) VALUES ('optimize')") }
        return try checkpointTruncate()
    }
}
