public import AgoraCore

/// A range of sync keys, `[lower, upper)` (`protocol/SYNC.md`, "Items, order and key space").
public typealias SyncKeyBounds = (lower: SyncKey, upper: SyncKey)

extension Store {
    /// The stored changes a sync transfer moves: those named by `ids` and those whose key lies in
    /// one of `ranges`, set-aside ones left out (`protocol/SYNC.md`, "Items"), in (HLC ms, id)
    /// order, at most `limit` of them, stopping after the change whose wire form passes
    /// `byteLimit` bytes in all (at least one is always returned when any is found).
    ///
    /// Answered from one read snapshot through the `changes_by_time` index (`(hlc_ms, id)`), so
    /// the cost is O((limit + ids) · log n) whatever the store's size: the ranges are sorted and
    /// merged, each is read in order with a `LIMIT`, and only the changes kept are read whole.
    /// - Parameter after: only changes after this item (a cursor for paging through ranges).
    public func syncChanges(ids: [SyncID] = [], ranges: [SyncKeyBounds] = [], after: SyncItem? = nil, limit: Int,
                            byteLimit: Int) async throws(StoreError) -> [StoredChange] {
        guard limit > 0, !(ids.isEmpty && ranges.isEmpty) else { return [] }
        return try await read { db in
            try db.execute("BEGIN")
            defer { try? db.execute("COMMIT") }
            var positions = try Self.syncPositions(ids: ids, db).filter { item in after.map { item > $0 } ?? true }
            var fromRanges = 0  // the ranges are disjoint and in order: once `limit` are found, later ones come after
            for range in Self.disjoint(ranges) where fromRanges < limit {
                let found = try Self.syncPositions(in: range, after: after, limit: limit - fromRanges, db)
                fromRanges += found.count
                positions += found
            }
            var out: [StoredChange] = [], bytes = 0
            for item in Set(positions).sorted().prefix(limit) where bytes <= byteLimit {
                guard let change = try Self.entries(db, where: "id = ?", [.blob(item.id.bytes)], order: "seq").first?.change else { continue }
                out.append(change)
                bytes += change.wireBytes.count + 1  // the line and its newline
            }
            return out
        }
    }

    /// `ranges` sorted by lower bound, overlapping and touching ones merged, empty ones dropped.
    static func disjoint(_ ranges: [SyncKeyBounds]) -> [SyncKeyBounds] {
        var out: [SyncKeyBounds] = []
        for range in ranges.filter({ $0.lower < $0.upper }).sorted(by: { $0.lower < $1.lower }) {
            if let last = out.last, range.lower <= last.upper {
                out[out.count - 1].upper = max(last.upper, range.upper)
            } else {
                out.append(range)
            }
        }
        return out
    }

    /// The items of the ids held and not set aside (the unique index on `id`).
    static func syncPositions(ids: [SyncID], _ db: Database) throws -> [SyncItem] {
        var out: [SyncItem] = []
        for id in Set(ids) {
            let ms = try db.first("SELECT hlc_ms FROM changes WHERE id = ? AND NOT (\(setAsideCondition))", [.blob(id.bytes)]) { $0.int64(0) }
            if let ms { out.append(SyncItem(milliseconds: UInt64(max(0, ms)), id: id)) }
        }
        return out
    }

    /// Up to `limit` items of `range` (after `after`), in order, read through `changes_by_time`.
    /// A key is `(ms, first 8 bytes of the id)`, so `key >= (L, T)` is the row value
    /// `(hlc_ms, id) >= (L, T as 8 bytes)`: blobs compare byte by byte, and a 32-byte id whose
    /// first 8 bytes equal `T` sorts after the 8-byte blob `T`.
    static func syncPositions(in range: SyncKeyBounds, after: SyncItem?, limit: Int, _ db: Database) throws -> [SyncItem] {
        let top = HLCTimestamp.maxMilliseconds + 1  // every item's ms is below it
        guard range.lower.milliseconds < top else { return [] }
        var lower: (Int64, [UInt8]) = (Int64(range.lower.milliseconds), bigEndian(range.lower.tail))
        if let after, after.key >= range.lower { lower = (Int64(after.milliseconds), after.id.bytes + [0]) }
        let upper = range.upper.milliseconds < top ? (Int64(range.upper.milliseconds), bigEndian(range.upper.tail)) : (Int64(top), bigEndian(0))
        return try db.map("""
            SELECT hlc_ms, id FROM changes INDEXED BY changes_by_time
            WHERE (hlc_ms, id) >= (?, ?) AND (hlc_ms, id) < (?, ?) AND NOT (\(setAsideCondition))
            ORDER BY hlc_ms, id LIMIT ?
            """, [.integer(lower.0), .blob(lower.1), .integer(upper.0), .blob(upper.1), .int(limit)]) { row in
            row.withBlob(1, { SyncID(bytes: $0) }).map { SyncItem(milliseconds: UInt64(max(0, row.int64(0))), id: $0) }
        }.compactMap { $0 }
    }

    static func bigEndian(_ value: UInt64) -> [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> (56 - 8 * UInt64($0))) }
    }
}
