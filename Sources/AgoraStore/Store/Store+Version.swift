/// The store's version, for caches of values computed from it.
extension Store {
    /// A number that grows with every stored change (the sequence number of the newest one;
    /// 0 when empty). Equal versions mean equal records: every state change comes with a change.
    public func version() async throws(StoreError) -> Int64 {
        try await read { db in try db.first("SELECT coalesce(max(seq), 0) FROM changes") { $0.int64(0) } ?? 0 }
    }
}
