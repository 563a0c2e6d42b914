public import AgoraCore

extension Store {
    /// The node's sync items, `(hlc_ms, id)` in order, read from the file: every stored change
    /// except the set-aside ones (held without bodies and not effectively redacted), optionally
    /// only those stamped below `bound` milliseconds. The `changes_by_time` index covers the scan;
    /// set-aside ids come from the `changes_missing_bodies` partial index. See `protocol/SYNC.md`,
    /// "Items", and `protocol/STORAGE.md`, "The sync item set".
    public func syncItems(below bound: UInt64? = nil) async throws(StoreError) -> [SyncItem] {
        try await read { db in try Self.syncItems(below: bound, db) }
    }

    /// The node's sync item set, kept current by the writer (loaded from the file on first use,
    /// O(n); then O(log n) per change). Read it with `SyncItemSet.reading(_:)`.
    /// - Throws: ``StoreError`` `closed` for a read-only store (only the writer keeps the set).
    public func syncItemSet() async throws(StoreError) -> SyncItemSet {
        try await requireWriter().syncItemSet()
    }

    /// The condition of a set-aside change (`protocol/SYNC.md`, "Items"). The redundant
    /// `effective <> 2` lets SQLite use the `changes_missing_bodies` partial index.
    static let setAsideCondition = "bodies IS NULL AND effective <> 2 AND effective = 0"

    static func syncItems(below bound: UInt64?, _ db: Database) throws -> [SyncItem] {
        var setAside = Set<SyncID>()
        try db.forEach("SELECT id FROM changes WHERE \(setAsideCondition)") { row in
            if let id = row.withBlob(0, { SyncID(bytes: $0) }) { setAside.insert(id) }
        }
        let limit = Int64(min(bound ?? UInt64(Int64.max), UInt64(Int64.max)))
        var items: [SyncItem] = []
        items.reserveCapacity(try db.integer("SELECT count(*) FROM changes"))
        try db.forEach("SELECT hlc_ms, id FROM changes INDEXED BY changes_by_time WHERE hlc_ms < ? ORDER BY hlc_ms, id",
                       [.integer(limit)]) { row in
            guard let id = row.withBlob(1, { SyncID(bytes: $0) }), !setAside.contains(id) else { return }
            items.append(SyncItem(milliseconds: UInt64(max(0, row.int64(0))), id: id))
        }
        return items
    }

    /// Whether each change of `records` belongs to the sync set now (after a write).
    static func syncMemberships(ofRecords records: [String], _ db: Database) throws -> [SyncMembership] {
        var out: [SyncMembership] = []
        for record in records {
            try db.forEach("SELECT hlc_ms, id, (\(setAsideCondition)) FROM changes WHERE record_id = ?", [.text(record)]) { row in
                guard let id = row.withBlob(1, { SyncID(bytes: $0) }) else { return }
                out.append(SyncMembership(item: SyncItem(milliseconds: UInt64(max(0, row.int64(0))), id: id), isMember: row.int(2) == 0))
            }
        }
        return out
    }
}

extension StoreWriter {
    /// The sync set, loaded from the writer's connection on first use (so no write slips between
    /// the scan and the first update).
    func syncItemSet() throws(StoreError) -> SyncItemSet {
        if let syncSet { return syncSet }
        let items: [SyncItem]
        do {
            items = try Store.syncItems(below: nil, db)
        } catch {
            throw StoreError.wrapping(error, "cannot read the sync items of \(db.path)")
        }
        let set = SyncItemSet(sorted: items)
        syncSet = set
        return set
    }
}
