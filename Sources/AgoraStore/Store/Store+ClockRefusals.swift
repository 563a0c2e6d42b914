/// Future-timestamp refusals per author city (schema version 9): how a node sees that a
/// peer's clock runs fast. See `protocol/SYNC.md`, "Status".
extension Store {
    /// A city's changes refused as `future-timestamp`.
    public struct ClockRefusals: Sendable, Equatable {
        /// The author city (the change header's `city`: whose clock stamped them).
        public var city: String
        /// How many were refused, in all.
        public var refused: Int
        /// When the last were refused (our clock, Unix ms).
        public var lastRefusedMilliseconds: Int64
        /// How far ahead of our clock the stamps refused then were, at most (ms): a lower bound
        /// of how far the city's clock ran ahead of ours when it stamped them.
        public var leadMilliseconds: Int64

        /// Refusals with their figures.
        public init(city: String, refused: Int, lastRefusedMilliseconds: Int64, leadMilliseconds: Int64) {
            self.city = city
            self.refused = refused
            self.lastRefusedMilliseconds = lastRefusedMilliseconds
            self.leadMilliseconds = leadMilliseconds
        }
    }

    /// Adds refusals seen in one import or sync batch: each city's count is added to its total,
    /// and its time and lead replace the previous ones.
    public func recordClockRefusals(_ refusals: [ClockRefusals]) async throws(StoreError) {
        guard !refusals.isEmpty else { return }
        try await requireWriter().write { db in
            for r in refusals {
                try db.run("""
                    INSERT INTO clock_refusals(city, refused, last_refused_ms, lead_ms) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT(city) DO UPDATE SET refused = refused + ?2, last_refused_ms = ?3, lead_ms = ?4
                    """, [.text(r.city), .integer(Int64(r.refused)), .integer(r.lastRefusedMilliseconds), .integer(r.leadMilliseconds)])
            }
        }
    }

    /// Every city's refusals, by city.
    public func clockRefusals() async throws(StoreError) -> [String: ClockRefusals] {
        let rows = try await read { db in
            try db.map("SELECT city, refused, last_refused_ms, lead_ms FROM clock_refusals ORDER BY city") {
                ClockRefusals(city: $0.text(0) ?? "", refused: Int($0.int64(1)), lastRefusedMilliseconds: $0.int64(2), leadMilliseconds: $0.int64(3))
            }
        }
        return Dictionary(rows.map { ($0.city, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
