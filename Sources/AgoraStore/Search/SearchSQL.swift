/// The SQL a search runs, normative in `protocol/STORAGE.md`, "Queries".
///
/// Filter parameters: ?2 kind, ?3 city, ?4 country, ?5 theme, ?6 stage, ?7 language, ?8 year;
/// a NULL filter means "any". Public so the benchmark can hand the same SQL to the sqlite3 CLI.
public enum SearchSQL {
    /// bm25 weights of the FTS columns: title, summary, the rest.
    public static let columnWeights = (title: 10.0, summary: 5.0, body: 1.0)
    /// Words around a match in a snippet.
    public static let snippetWords = 16

    /// The most records a search with words ranks, counts and pages through (its **candidates**).
    /// Ranking every match of a common word by bm25 took seconds on 100,000 records; ranking the
    /// candidates takes milliseconds. When more records match, ``SearchResults/capped`` says so
    /// and the total is reported as this number, meaning "more than".
    public static let candidateLimit = 1_000

    static let filters = """
        (?2 IS NULL OR r.kind = ?2) AND (?3 IS NULL OR r.city = ?3) AND (?4 IS NULL OR r.country = ?4)
        AND (?5 IS NULL OR EXISTS (SELECT 1 FROM record_themes t WHERE t.record = r.rowid
             AND (t.theme = ?5 OR substr(t.theme, 1, length(?5) + 1) = ?5 || '/')))
        AND (?6 IS NULL OR r.stage = ?6)
        AND (?7 IS NULL OR EXISTS (SELECT 1 FROM record_languages l WHERE l.record = r.rowid AND l.language = ?7))
        AND (?8 IS NULL OR r.year = ?8)
        """

    static var bm25: String {
        "bm25(records_fts, \(columnWeights.title), \(columnWeights.summary), \(columnWeights.body))"
    }

    /// One tier of candidates: the matches of ?1 that pass the filters, most recently stored
    /// first (FTS5 walks its index by rowid and stops at the limit, so no other match is read),
    /// with each one's bm25 score and single-valued facets. ?9 is the limit; ?10 a JSON array of
    /// rowids to leave out (the tier before), or NULL.
    public static let candidates = """
        SELECT records_fts.rowid, r.id, \(bm25), r.kind, r.city, r.country, r.stage, r.year
        FROM records_fts CROSS JOIN records r ON r.rowid = records_fts.rowid
        WHERE records_fts MATCH ?1 AND \(filters)
            AND (?10 IS NULL OR records_fts.rowid NOT IN (SELECT value FROM json_each(?10)))
        ORDER BY records_fts.rowid DESC LIMIT ?9
        """

    /// The rows of a page's hits: ?1 is a JSON array of their rowids.
    public static let pageRows = """
        SELECT rowid, kind, city, country, stage, year, state FROM records WHERE rowid IN (SELECT value FROM json_each(?1))
        """

    /// The snippets of a page's hits of one tier: ?1 the tier's MATCH expression, ?2 and ?3 the
    /// highlight marks, ?4 and ?5 the smallest and largest rowid, ?6 a JSON array of the rowids.
    /// One walk of the index over that rowid range (the `+` keeps the list from becoming one
    /// FTS5 lookup per row, each of which would expand every prefix again).
    public static let snippets = """
        SELECT records_fts.rowid, snippet(records_fts, -1, ?2, ?3, '…', \(snippetWords)) FROM records_fts
        WHERE records_fts MATCH ?1 AND records_fts.rowid >= ?4 AND records_fts.rowid <= ?5
            AND +records_fts.rowid IN (SELECT value FROM json_each(?6))
        """

    /// A page of the listing without words, newest first. ?9 limit, ?10 offset.
    public static let newest = """
        SELECT r.rowid, r.id, r.kind, r.city, r.country, r.stage, r.year, r.state
        FROM records r WHERE r.deleted = 0 AND \(filters)
        ORDER BY r.updated_ms DESC, r.id LIMIT ?9 OFFSET ?10
        """

    /// The total and the facet counts over every listed record that passes the filters ?2 … ?8,
    /// in one statement.
    public static let listedFacets: String = {
        let single = ["kind", "city", "country", "stage", "year"].map {
            "UNION ALL SELECT '\($0)', \($0), count(*) FROM m WHERE \($0) IS NOT NULL GROUP BY \($0)"
        }.joined(separator: "\n")
        return """
            WITH m AS MATERIALIZED (SELECT r.rowid AS rid, r.kind, r.city, r.country, r.stage, r.year
                FROM records r WHERE r.deleted = 0 AND \(filters))
            SELECT 'total', NULL, count(*) FROM m
            \(single)
            UNION ALL \(setFacets(of: "m.rid", from: "m"))
            """
    }()

    /// The theme and language counts of a search's candidates: ?1 is a JSON array of their rowids
    /// (their other facets come with them from ``candidates``).
    public static let candidateSetFacets = setFacets(of: "j.value", from: "json_each(?1) j")

    static func setFacets(of rowid: String, from source: String) -> String {
        """
        SELECT 'theme', t.theme, count(*) FROM \(source) JOIN record_themes t ON t.record = \(rowid) GROUP BY t.theme
        UNION ALL SELECT 'language', l.language, count(*) FROM \(source) JOIN record_languages l ON l.record = \(rowid)
            GROUP BY l.language
        """
    }

    /// The total and facet counts of a search without words and with at most one filter, from
    /// the counts the writer keeps (`protocol/STORAGE.md`, "Facet counts"). ?1 is the filter key.
    public static let keptFacets = "SELECT facet, value, count FROM facet_counts WHERE filter = ?1"
}
