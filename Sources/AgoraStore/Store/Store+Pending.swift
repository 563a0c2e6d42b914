/// The pending area: changes a node cannot judge yet wait here, bounded per peer and in total,
/// until a roster update admits their key or reinstates their city. See `docs/FEDERATION.md`,
/// "The pending area", and `protocol/STORAGE.md`.
extension Store {
    /// How much the pending area holds.
    public struct PendingLimits: Sendable, Hashable {
        /// The default quota of one peer: 10,000 changes.
        public static let defaultPerPeer = 10_000
        /// The default cap of the whole area: 50,000 changes.
        public static let defaultTotal = 50_000
        /// Changes one peer (or import) may have waiting.
        public var perPeer: Int
        /// Changes waiting in all.
        public var total: Int

        /// Limits; the defaults are 10,000 per peer and 50,000 in all.
        public init(perPeer: Int = defaultPerPeer, total: Int = defaultTotal) {
            self.perPeer = perPeer
            self.total = total
        }
    }

    /// One waiting change.
    public struct PendingChange: Sendable, Hashable {
        /// The change id (32 bytes).
        public let id: [UInt8]
        /// Who sent it: a peer's city id, or `import`.
        public let peer: String
        /// Its author city.
        public let city: String
        /// The key that signed it.
        public let key: [UInt8]
        /// Why it waits: `unknown-key` or `suspended`.
        public let reason: String
        /// Its wire form.
        public let wire: [UInt8]

        /// A waiting change.
        public init(id: [UInt8], peer: String, city: String, key: [UInt8], reason: String, wire: [UInt8]) {
            self.id = id
            self.peer = peer
            self.city = city
            self.key = key
            self.reason = reason
            self.wire = wire
        }
    }

    /// What ``holdPending(_:limits:)`` did.
    public struct PendingReport: Sendable, Hashable {
        /// Changes now waiting that were not before.
        public var held = 0
        /// Changes already waiting or already stored.
        public var duplicates = 0
        /// Changes refused at a cap, by peer.
        public var dropped: [String: Int] = [:]
    }

    /// The pending area's contents, counted.
    public struct PendingSummary: Sendable, Hashable {
        /// Waiting changes by peer.
        public var waiting: [String: Int] = [:]
        /// Changes dropped at a cap since the database was made, by peer.
        public var dropped: [String: Int] = [:]
        /// Waiting changes in all.
        public var total: Int { waiting.values.reduce(0, +) }
    }

    /// Puts changes in the pending area, within `limits`: a change over its peer's quota or the
    /// total cap is dropped and counted against its peer (the newest arrival is the one dropped).
    public func holdPending(_ items: [PendingChange], limits: PendingLimits) async throws(StoreError) -> PendingReport {
        try await requireWriter().writeRoster { db, now in
            var report = PendingReport()
            var total = try db.integer("SELECT count(*) FROM pending_changes")
            for item in items {
                let known = try db.integer("SELECT (SELECT count(*) FROM pending_changes WHERE id = ?1) + (SELECT count(*) FROM changes WHERE id = ?1)",
                                           [.blob(item.id)])
                if known > 0 { report.duplicates += 1; continue }
                let mine = try db.integer("SELECT count(*) FROM pending_changes WHERE peer = ?", [.text(item.peer)])
                guard mine < limits.perPeer, total < limits.total else {
                    report.dropped[item.peer, default: 0] += 1
                    try db.run("INSERT INTO pending_drops(peer, dropped) VALUES (?, 1) ON CONFLICT(peer) DO UPDATE SET dropped = dropped + 1",
                               [.text(item.peer)])
                    continue
                }
                try db.run("INSERT INTO pending_changes(id, peer, city, key, reason, wire, received_ms) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           [.blob(item.id), .text(item.peer), .text(item.city), .blob(item.key), .text(item.reason), .blob(item.wire), .integer(now)])
                report.held += 1
                total += 1
            }
            return report
        }
    }

    /// The waiting changes, oldest first.
    public func pendingChanges() async throws(StoreError) -> [PendingChange] {
        try await read { db in
            try db.map("SELECT id, peer, city, key, reason, wire FROM pending_changes ORDER BY received_ms, rowid") { r in
                PendingChange(id: r.blob(0) ?? [], peer: r.text(1) ?? "", city: r.text(2) ?? "", key: r.blob(3) ?? [],
                              reason: r.text(4) ?? "", wire: r.blob(5) ?? [])
            }
        }
    }

    /// Takes changes out of the pending area (stored, or refused for good).
    public func removePending(_ ids: [[UInt8]]) async throws(StoreError) {
        try await requireWriter().writeRoster { db, _ in
            for id in ids { try db.run("DELETE FROM pending_changes WHERE id = ?", [.blob(id)]) }
        }
    }

    /// Waiting and dropped counts by peer.
    public func pendingSummary() async throws(StoreError) -> PendingSummary {
        try await read { db in
            var summary = PendingSummary()
            try db.forEach("SELECT peer, count(*) FROM pending_changes GROUP BY peer") { summary.waiting[$0.text(0) ?? ""] = $0.int(1) }
            try db.forEach("SELECT peer, dropped FROM pending_drops") { summary.dropped[$0.text(0) ?? ""] = $0.int(1) }
            return summary
        }
    }
}
