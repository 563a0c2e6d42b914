/// Facet counts the writer keeps up to date, so that a search without words and with at most one
/// filter (the front page, the overview, a facet page, `/api/v1/cities`) reads its total and
/// counts in O(facet values) instead of counting over every listed record.
///
/// Table `facet_counts(filter, facet, value, count)` (schema version 7, `protocol/STORAGE.md`,
/// "Facet counts"): for every listed record (`records.deleted = 0`), one for each pair of
///   - a *filter key*: `''` (no filter), or `name=value` for every filter the record passes
///     (`kind`, `city`, `country`, `stage`, `year`, `language`, and `theme` for each of its
///     themes and each prefix of one that ends before a `/`, as the theme filter matches), and
///   - a *facet item*: `('total', '')`, or a facet with the record's value (a row per theme and
///     per language).
/// Rows whose count fell to 0 are removed, so the table always equals ``recomputeSQL``'s rows.
enum FacetCounts {
    /// A facet item or a filter's (name, value), year as decimal text.
    typealias Item = (facet: String, value: String)

    /// The facet items of a listed record with these values; the empty list for an unlisted one.
    static func items(_ entry: IndexEntry?) -> [Item] {
        guard let entry, entry.isListed else { return [] }
        var items: [Item] = [("total", "")]
        let single: [(String, String?)] = [("kind", entry.kind), ("city", entry.city), ("country", entry.country),
                                           ("stage", entry.stage), ("year", entry.year.map(String.init))]
        for case let (facet, value?) in single { items.append((facet, value)) }
        for theme in Set(entry.themes).sorted() { items.append(("theme", theme)) }
        for language in Set(entry.languages).sorted() { items.append(("language", language)) }
        return items
    }

    /// The filter keys a record with `items` passes: `''` and `name=value` (with theme prefixes).
    static func filterKeys(_ items: [Item]) -> Set<String> {
        guard !items.isEmpty else { return [] }
        var keys: Set<String> = [""]
        for (facet, value) in items where facet != "total" {
            keys.insert("\(facet)=\(value)")
            if facet == "theme" {
                for index in value.indices where value[index] == "/" { keys.insert("theme=\(value[..<index])") }
            }
        }
        return keys
    }

    /// The changes to `facet_counts` when a record's items go from `old` to `new`.
    static func deltas(from old: [Item], to new: [Item]) -> [String: [String: Int]] {
        var deltas: [String: [String: Int]] = [:]
        for (items, sign) in [(old, -1), (new, 1)] {
            for key in filterKeys(items) {
                for (facet, value) in items { deltas[key, default: [:]]["\(facet)\u{0}\(value)", default: 0] += sign }
            }
        }
        return deltas
    }

    /// Applies the change of one record's items from `old` to `new` in the caller's transaction.
    static func apply(from old: [Item], to new: [Item], _ db: Database) throws {
        for (key, changes) in deltas(from: old, to: new) {
            for (item, delta) in changes where delta != 0 {
                let parts = item.split(separator: "\u{0}", maxSplits: 1, omittingEmptySubsequences: false)
                let values: [SQLValue] = [.text(key), .text(String(parts[0])), .text(parts.count > 1 ? String(parts[1]) : ""),
                                          .int(delta)]
                try db.run("""
                    INSERT INTO facet_counts(filter, facet, value, count) VALUES (?1, ?2, ?3, ?4)
                    ON CONFLICT(filter, facet, value) DO UPDATE SET count = count + excluded.count
                    """, values)
                if delta < 0 {
                    try db.run("DELETE FROM facet_counts WHERE filter = ?1 AND facet = ?2 AND value = ?3 AND count = 0",
                               Array(values.prefix(3)))
                }
            }
        }
    }

    /// The facet items of the record stored at `rowid` as its rows say now (none when unlisted or absent).
    static func storedItems(rowid: Int64, _ db: Database) throws -> [Item] {
        let row = try db.first("SELECT kind, city, country, stage, year, deleted FROM records WHERE rowid = ?",
                               [.integer(rowid)]) { row -> [Item]? in
            guard row.int(5) == 0 else { return nil }
            let single: [(String, String?)] = [("kind", row.text(0)), ("city", row.text(1)), ("country", row.text(2)),
                                               ("stage", row.text(3)), ("year", row.isNull(4) ? nil : String(row.int(4)))]
            return [("total", "")] + single.compactMap { facet, value in value.map { (facet, $0) } }
        }
        guard let base = row ?? nil else { return [] }
        let themes = try db.map("SELECT theme FROM record_themes WHERE record = ? ORDER BY theme", [.integer(rowid)]) {
            Item("theme", $0.text(0) ?? "")
        }
        let languages = try db.map("SELECT language FROM record_languages WHERE record = ? ORDER BY language",
                                   [.integer(rowid)]) { Item("language", $0.text(0) ?? "") }
        return base + themes + languages
    }

    /// The filter key that answers `query` from the table: nil when it has words or more than one filter.
    static func key(for query: SearchQuery) -> String? {
        guard MatchExpression.make(query.text) == nil else { return nil }
        let filters: [(String, String?)] = [("kind", query.kind), ("city", query.city), ("country", query.country),
                                            ("theme", query.theme), ("stage", query.stage), ("language", query.language),
                                            ("year", query.year.map(String.init))]
        let set = filters.compactMap { name, value in value.map { "\(name)=\($0)" } }
        return set.count <= 1 ? set.first ?? "" : nil
    }

    /// The table (created by schema version 7, and by a rebuild that an older migration runs).
    static let tableSQL = """
        CREATE TABLE IF NOT EXISTS facet_counts(
            filter TEXT NOT NULL,
            facet TEXT NOT NULL,
            value TEXT NOT NULL,
            count INTEGER NOT NULL,
            PRIMARY KEY (filter, facet, value)
        ) WITHOUT ROWID;
        """

    /// The table's rows computed from `records`, `record_themes` and `record_languages` alone:
    /// the migration fills the table with it, and the tests compare the maintained rows with it.
    static let recomputeSQL = """
        WITH RECURSIVE live(rid) AS (SELECT rowid FROM records WHERE deleted = 0),
        items(rid, facet, value) AS (
            SELECT rid, 'total', '' FROM live
            UNION ALL SELECT r.rowid, 'kind', r.kind FROM records r JOIN live ON live.rid = r.rowid WHERE r.kind IS NOT NULL
            UNION ALL SELECT r.rowid, 'city', r.city FROM records r JOIN live ON live.rid = r.rowid WHERE r.city IS NOT NULL
            UNION ALL SELECT r.rowid, 'country', r.country FROM records r JOIN live ON live.rid = r.rowid
                WHERE r.country IS NOT NULL
            UNION ALL SELECT r.rowid, 'stage', r.stage FROM records r JOIN live ON live.rid = r.rowid WHERE r.stage IS NOT NULL
            UNION ALL SELECT r.rowid, 'year', CAST(r.year AS TEXT) FROM records r JOIN live ON live.rid = r.rowid
                WHERE r.year IS NOT NULL
            UNION ALL SELECT t.record, 'theme', t.theme FROM record_themes t JOIN live ON live.rid = t.record
            UNION ALL SELECT l.record, 'language', l.language FROM record_languages l JOIN live ON live.rid = l.record),
        prefixes(rid, theme, pos) AS (
            SELECT rid, value, instr(value, '/') FROM items WHERE facet = 'theme' AND instr(value, '/') > 0
            UNION ALL SELECT rid, theme, pos + instr(substr(theme, pos + 1), '/') FROM prefixes
                WHERE instr(substr(theme, pos + 1), '/') > 0),
        keys(rid, filter) AS (
            SELECT rid, '' FROM live
            UNION SELECT rid, facet || '=' || value FROM items WHERE facet <> 'total'
            UNION SELECT rid, 'theme=' || substr(theme, 1, pos - 1) FROM prefixes)
        SELECT k.filter, i.facet, i.value, count(*) FROM keys k JOIN items i ON i.rid = k.rid
        GROUP BY k.filter, i.facet, i.value
        """
}
