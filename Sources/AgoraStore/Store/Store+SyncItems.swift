import AgoraCore

extension Store {
    /// Every stored change as a reconciliation item, `(hlc_ms, id)`, in order, read from the
    /// `changes_by_time` index alone (it covers both columns). `FingerprintTree(sorted:)` builds
    /// the node's tree from it in O(n) at start-up. See `protocol/SYNC.md`, "Incremental fingerprints".
    public func syncItems() async throws(StoreError) -> [SyncItem] {
        try await read { db in
            var items: [SyncItem] = []
            items.reserveCapacity(try db.integer("SELECT count(*) FROM changes"))
            try db.forEach("SELECT hlc_ms, id FROM changes INDEXED BY changes_by_time ORDER BY hlc_ms, id") { row in
                guard let id = row.withBlob(1, { SyncID(bytes: $0) }) else { return }
                items.append(SyncItem(milliseconds: UInt64(max(0, row.int64(0))), id: id))
            }
            return items
        }
    }
}
