extension Schema {
    /// Version 7: facet counts the writer keeps up to date (``FacetCounts``), filled here from the
    /// records' rows, so a search without words and with at most one filter reads its total and
    /// counts without counting over the catalog. Idempotent: a rebuild run by version 3's
    /// migration may have made the table already.
    static let facetCounts = Migration(version: 7, name: "facet counts kept by the writer", sql: """
        \(FacetCounts.tableSQL)
        DELETE FROM facet_counts;
        INSERT INTO facet_counts(filter, facet, value, count)
        \(FacetCounts.recomputeSQL);
        """)
}
