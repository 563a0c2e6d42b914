/// One numbered step of the schema. Steps run in order, each in its own transaction, and
/// `PRAGMA user_version` records the last one applied. See `protocol/STORAGE.md`, "Migrations".
struct Migration: Sendable {
    /// The schema version this step produces (1, 2, 3, … without gaps).
    let version: Int
    /// A short name, kept in the `schema_migrations` table.
    let name: String
    /// The SQL that performs the step.
    let sql: String
    /// Whether the step changes what the merge derives, so an existing file's derived rows
    /// (states, verdicts, facets, search) are recomputed from the change log in the same
    /// transaction, as `rebuild()` does. A new, empty file has nothing to recompute.
    var rebuildsDerivedRows = false
}
