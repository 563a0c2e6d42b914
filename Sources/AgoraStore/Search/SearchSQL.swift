/// The SQL a search runs, normative in `protocol/STORAGE.md`, "Queries".
///
/// Parameters: ?1 MATCH expression, ?2 kind, ?3 city, ?4 country, ?5 theme, ?6 stage,
/// ?7 language, ?8 year, ?9 limit, ?10 offset, ?11 and ?12 the highlight marks.
/// A NULL filter means "any". Public so the benchmark can hand the same SQL to the sqlite3 CLI.
public enum SearchSQL {
    /// bm25 weights of the FTS columns: title, summary, the rest.
    public static let columnWeights = (title: 10.0, summary: 5.0, body: 1.0)
    /// Words around a match in a snippet.
    public static let snippetWords = 16

    static let filters = """
        (?2 IS NULL OR r.kind = ?2) AND (?3 IS NULL OR r.city = ?3) AND (?4 IS NULL OR r.country = ?4)
        AND (?5 IS NULL OR EXISTS (SELECT 1 FROM record_themes t WHERE t.record = r.rowid
             AND (t.theme = ?5 OR substr(t.theme, 1, length(?5) + 1) = ?5 || '/')))
        AND (?6 IS NULL OR r.stage = ?6)
        AND (?7 IS NULL OR EXISTS (SELECT 1 FROM record_languages l WHERE l.record = r.rowid AND l.language = ?7))
        AND (?8 IS NULL OR r.year = ?8)
        """

    static let matched = "FROM records_fts JOIN records r ON r.rowid = records_fts.rowid WHERE records_fts MATCH ?1 AND"
    static let browsed = "FROM records r WHERE r.deleted = 0 AND"

    /// The most matches of a search with words over which the total and facets are counted: a
    /// common word matches most of the catalog, and counting over every match took seconds on
    /// 100,000 records. Past it, ``SearchResults/capped`` says the total is "more than" this and
    /// the counts are of the first this many matches in storage order.
    public static let facetSample = 1_000

    /// One page of hits: with words, by bm25; without, newest first. With words, the page is
    /// chosen from every match's score and id alone; its states and snippets are read for the
    /// page's rows only (`CROSS JOIN` keeps SQLite from starting at the index).
    public static func hits(matching: Bool) -> String {
        let w = columnWeights
        if matching {
            return """
                WITH top AS MATERIALIZED (
                    SELECT r.rowid AS rid, r.id AS id, bm25(records_fts, \(w.title), \(w.summary), \(w.body)) AS score
                    \(matched) \(filters)
                    ORDER BY score, r.id LIMIT ?9 OFFSET ?10)
                SELECT r.id, r.kind, r.city, r.country, r.stage, r.year, r.state,
                    snippet(records_fts, -1, ?11, ?12, '…', \(snippetWords)), top.score
                FROM top CROSS JOIN records r ON r.rowid = top.rid CROSS JOIN records_fts ON records_fts.rowid = top.rid
                WHERE records_fts MATCH ?1
                ORDER BY top.score, top.id
                """
        }
        return """
            SELECT r.id, r.kind, r.city, r.country, r.stage, r.year, r.state, '', 0.0
            \(browsed) \(filters)
            ORDER BY r.updated_ms DESC, r.id LIMIT ?9 OFFSET ?10
            """
    }

    /// The total and the facet counts, in one statement: without words over every match; with
    /// words over the first ``facetSample`` matches in storage order (the total then stops at
    /// ``facetSample`` + 1, which says "more than").
    public static func facets(matching: Bool) -> String {
        let single = ["kind", "city", "country", "stage", "year"].map {
            "UNION ALL SELECT '\($0)', \($0), count(*) FROM s WHERE \($0) IS NOT NULL GROUP BY \($0)"
        }.joined(separator: "\n")
        let cap = matching ? "LIMIT \(facetSample + 1)" : ""
        return """
            WITH m AS MATERIALIZED (SELECT r.rowid AS rid, r.kind, r.city, r.country, r.stage, r.year
                \(matching ? matched : browsed) \(filters) \(cap)),
            s AS MATERIALIZED (SELECT * FROM m \(matching ? "LIMIT \(facetSample)" : ""))
            SELECT 'total', NULL, count(*) FROM m
            \(single)
            UNION ALL SELECT 'theme', t.theme, count(*) FROM s JOIN record_themes t ON t.record = s.rid GROUP BY t.theme
            UNION ALL SELECT 'language', l.language, count(*) FROM s JOIN record_languages l ON l.record = s.rid
                GROUP BY l.language
            """
    }

    /// The total and facet counts of a search without words and with at most one filter, from
    /// the counts the writer keeps (`protocol/STORAGE.md`, "Facet counts"). ?1 is the filter key.
    public static let keptFacets = "SELECT facet, value, count FROM facet_counts WHERE filter = ?1"
}
