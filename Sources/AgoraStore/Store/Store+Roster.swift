/// The roster chain's table: every update a node holds, applied or waiting, in wire form.
/// The store keeps bytes; the fold is AgoraCore's (`RosterChain`). See `protocol/ROSTER.md`.
extension Store {
    /// One held roster update.
    public struct RosterRow: Sendable, Hashable {
        /// Its id (32 bytes).
        public let id: [UInt8]
        /// Its parent's id; nil for the genesis.
        public let parent: [UInt8]?
        /// Its sequence number.
        public let sequence: UInt64
        /// Its wire form (canonical JSON).
        public let wire: [UInt8]

        /// A row.
        public init(id: [UInt8], parent: [UInt8]?, sequence: UInt64, wire: [UInt8]) {
            self.id = id
            self.parent = parent
            self.sequence = sequence
            self.wire = wire
        }
    }

    /// Every held update, by sequence number then id (the genesis first).
    public func rosterRows() async throws(StoreError) -> [RosterRow] {
        try await read { db in
            try db.map("SELECT id, parent, seq, wire FROM roster_updates ORDER BY seq, id") { row in
                RosterRow(id: row.blob(0) ?? [], parent: row.blob(1), sequence: UInt64(max(0, row.int64(2))), wire: row.blob(3) ?? [])
            }
        }
    }

    /// Writes `rows` (a row whose id is held is replaced: a copy with more signatures) and
    /// deletes the updates `removing` names, in one transaction.
    public func saveRoster(_ rows: [RosterRow], removing: [[UInt8]] = []) async throws(StoreError) {
        try await requireWriter().writeRoster { db, now in
            for id in removing { try db.run("DELETE FROM roster_updates WHERE id = ?", [.blob(id)]) }
            for r in rows {
                try db.run("INSERT OR REPLACE INTO roster_updates(id, parent, seq, wire, received_ms) VALUES (?, ?, ?, ?, ?)",
                           [.blob(r.id), .optional(r.parent), .integer(Int64(r.sequence)), .blob(r.wire), .integer(now)])
            }
        }
    }
}

extension StoreWriter {
    /// Runs a roster or pending-area write in one transaction.
    func writeRoster<T: Sendable>(_ body: (Database, Int64) throws -> T) throws(StoreError) -> T {
        let now = clock()
        return try write { db in try body(db, now) }
    }
}
