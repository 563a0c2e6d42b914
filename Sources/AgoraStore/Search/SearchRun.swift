/// One search in one read snapshot: the steps of `protocol/STORAGE.md`, "Queries".
///
/// Without words it lists the newest records and reads (or counts) the facets. With words it
/// takes at most ``SearchSQL/candidateLimit`` **candidates** in tiers (first the records that
/// contain every word whole, then those that match only through a word's prefix), ranks them
/// by (tier, bm25, id), and reads states, snippets and facet counts for them alone.
struct SearchRun {
    /// A record a search with words ranks.
    struct Candidate {
        var rowid: Int64
        var id: String
        /// 0: every word matched whole; 1: some word matched only as the start of a longer one.
        var tier: Int
        /// bm25 within the tier's MATCH expression (lower is better).
        var score: Double
        /// The record's kind, city, country, stage and year (year as decimal text), for the counts.
        var facets: [String?]
    }

    /// The facets ``Candidate/facets`` holds, in order.
    static let singleFacets = ["kind", "city", "country", "stage", "year"]

    let query: SearchQuery

    /// ?1 (the MATCH expression, filled in per statement) and the filters ?2 … ?8.
    var filterArguments: [SQLValue] {
        [.null, .optional(query.kind), .optional(query.city), .optional(query.country), .optional(query.theme),
         .optional(query.stage), .optional(query.language), .optional(query.year)]
    }

    func results(_ db: Database) throws -> SearchResults {
        guard let whole = MatchExpression.wholeWords(query.text), let prefixed = MatchExpression.make(query.text) else {
            return try listing(db)
        }
        let tiers = whole == prefixed ? [whole] : [whole, prefixed]
        var (candidates, capped) = try Self.candidates(tiers, filterArguments, db)
        candidates.sort { ($0.tier, $0.score, $0.id) < ($1.tier, $1.score, $1.id) }
        let page = Array(candidates.dropFirst(query.offset).prefix(query.limit))
        let hits = try hits(page, tiers: tiers, db)
        var facets = try Self.counts(SearchSQL.candidateSetFacets, [.text(Self.json(candidates.map(\.rowid)))], db).facets
        for (index, facet) in Self.singleFacets.enumerated() {
            var counts: [String: Int] = [:]
            for candidate in candidates { if let value = candidate.facets[index] { counts[value, default: 0] += 1 } }
            if !counts.isEmpty { facets[facet] = Self.sorted(counts.map { FacetCount(value: $0.key, count: $0.value) }) }
        }
        return SearchResults(hits: hits, total: candidates.count, facets: facets, capped: capped)
    }

    /// The candidates, tier by tier, each tier most recently stored first, until one more than
    /// ``SearchSQL/candidateLimit`` are found (then the search is capped and the last is dropped).
    static func candidates(_ tiers: [String], _ filters: [SQLValue], _ db: Database) throws -> ([Candidate], Bool) {
        let wanted = SearchSQL.candidateLimit + 1
        var found: [Candidate] = []
        for (tier, match) in tiers.enumerated() where found.count < wanted {
            var arguments = filters
            arguments[0] = .text(match)
            arguments += [.int(wanted - found.count), found.isEmpty ? .null : .text(json(found.map(\.rowid)))]
            found += try db.map(SearchSQL.candidates, arguments) { row in
                Candidate(rowid: row.int64(0), id: row.text(1) ?? "", tier: tier, score: row.double(2),
                          facets: [row.text(3), row.text(4), row.text(5), row.text(6), row.isNull(7) ? nil : String(row.int(7))])
            }
        }
        return (Array(found.prefix(SearchSQL.candidateLimit)), found.count > SearchSQL.candidateLimit)
    }

    /// The page's hits, in the page's order: states from `records`, snippets per tier.
    func hits(_ page: [Candidate], tiers: [String], _ db: Database) throws -> [SearchHit] {
        guard !page.isEmpty else { return [] }
        var rows: [Int64: SearchHit] = [:]
        try db.forEach(SearchSQL.pageRows, [.text(Self.json(page.map(\.rowid)))]) { row in
            rows[row.int64(0)] = SearchHit(id: "", kind: row.text(1), city: row.text(2), country: row.text(3), stage: row.text(4),
                                           year: row.isNull(5) ? nil : row.int(5), state: row.text(6) ?? "{}", snippet: "", score: 0)
        }
        var snippets: [Int64: String] = [:]
        for (tier, match) in tiers.enumerated() {
            let rowids = page.filter { $0.tier == tier }.map(\.rowid)
            guard let low = rowids.min(), let high = rowids.max() else { continue }
            let arguments: [SQLValue] = [.text(match), .text(query.highlight.open), .text(query.highlight.close),
                                         .integer(low), .integer(high), .text(Self.json(rowids))]
            try db.forEach(SearchSQL.snippets, arguments) { snippets[$0.int64(0)] = $0.text(1) ?? "" }
        }
        return page.compactMap { candidate in
            guard var hit = rows[candidate.rowid] else { return nil }
            hit.id = candidate.id
            hit.snippet = snippets[candidate.rowid] ?? ""
            hit.score = candidate.score
            return hit
        }
    }

    /// Without words: the newest records, and the counts the writer keeps (at most one filter)
    /// or counted over every listed record that passes the filters.
    func listing(_ db: Database) throws -> SearchResults {
        let hits = try db.map(SearchSQL.newest, filterArguments + [.int(query.limit), .int(query.offset)]) { row in
            SearchHit(id: row.text(1) ?? "", kind: row.text(2), city: row.text(3), country: row.text(4), stage: row.text(5),
                      year: row.isNull(6) ? nil : row.int(6), state: row.text(7) ?? "{}", snippet: "", score: 0)
        }
        let counts = if let key = FacetCounts.key(for: query) {
            try Self.counts(SearchSQL.keptFacets, [.text(key)], db)
        } else {
            try Self.counts(SearchSQL.listedFacets, filterArguments, db)
        }
        return SearchResults(hits: hits, total: counts.total, facets: counts.facets)
    }

    /// The total and the facets, each facet's values largest count first (ties by value).
    static func counts(_ sql: String, _ arguments: [SQLValue], _ db: Database) throws -> (total: Int, facets: [String: [FacetCount]]) {
        var total = 0
        var facets: [String: [FacetCount]] = [:]
        try db.forEach(sql, arguments) { row in
            let facet = row.text(0) ?? ""
            if facet == "total" { total = row.int(2); return }
            facets[facet, default: []].append(FacetCount(value: row.text(1) ?? "", count: row.int(2)))
        }
        return (total, facets.mapValues(sorted))
    }

    /// Largest count first, ties by value.
    static func sorted(_ counts: [FacetCount]) -> [FacetCount] {
        counts.sorted { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
    }

    /// A JSON array of rowids, for `json_each`.
    static func json(_ rowids: [Int64]) -> String {
        "[" + rowids.map(String.init).joined(separator: ",") + "]"
    }
}
