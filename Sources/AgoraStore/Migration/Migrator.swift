import Foundation

/// Checks that a file is an Agora database and brings its schema up to date.
struct Migrator {
    let migrations: [Migration]
    var latestVersion: Int { migrations.last?.version ?? 0 }

    /// What the file says about itself before anything is written to it.
    struct Identity {
        let applicationID: Int32
        let version: Int
        let objectCount: Int
        var isEmpty: Bool { applicationID == 0 && version == 0 && objectCount == 0 }
    }

    /// Refuses a file that is not SQLite, by its first 16 bytes, before SQLite opens it.
    static func checkIsSQLite(path: String) throws(StoreError) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 16)) ?? Data()
        if head.isEmpty { return }
        guard head == Data("SQLite format 3\0".utf8) else {
            throw StoreError(.notSQLite, "\(path) is not an SQLite database, so not an Agora database; it was left untouched")
        }
    }

    /// Reads the application id, schema version and object count.
    static func identity(of db: Database) throws(StoreError) -> Identity {
        do {
            return Identity(
                applicationID: Int32(truncatingIfNeeded: try db.integer("PRAGMA application_id")),
                version: try db.integer("PRAGMA user_version"),
                objectCount: try db.integer("SELECT count(*) FROM sqlite_schema"))
        } catch {
            let cause = error as? DatabaseError
            if cause?.isNotWritable == true {
                throw StoreError(.notWritable, "\(db.path) cannot be opened: the file or its directory is read-only "
                    + "(SQLite needs to create \(db.path)-wal and -shm beside it); nothing was written", cause: cause)
            }
            throw StoreError(.notSQLite, "\(db.path) cannot be read as an SQLite database; it was left untouched", cause: cause)
        }
    }

    /// Refuses a foreign file or a newer schema; `readOnly` also refuses an older one.
    func validate(_ identity: Identity, path: String, readOnly: Bool) throws(StoreError) {
        if identity.isEmpty && !readOnly { return }
        guard identity.applicationID == Schema.applicationID else {
            let found = String(format: "0x%08X", UInt32(bitPattern: identity.applicationID))
            throw StoreError(.notAgoraDatabase, "\(path) is an SQLite database but not an Agora one "
                + "(application_id \(found), expected 0x41475241); it was left untouched")
        }
        if identity.version > latestVersion {
            throw StoreError(.schemaTooNew, "\(path) has schema version \(identity.version), but this agora "
                + "knows versions up to \(latestVersion); upgrade agora to open it (the file was left untouched)")
        }
        if readOnly && identity.version < latestVersion {
            throw StoreError(.schemaTooOld, "\(path) has schema version \(identity.version) and needs the upgrade to "
                + "\(latestVersion); open it once for writing (agora serve or any write command)")
        }
    }

    /// Applies every migration above the file's version, each in its own transaction.
    /// - Parameter rebuild: recomputes the derived rows of a file that already held a schema, in
    ///   the migration's transaction, after a step that asks for it (`rebuildsDerivedRows`).
    /// - Returns: the versions before and after.
    @discardableResult
    func migrate(_ db: Database, nowMilliseconds: Int64,
                 rebuild: (Database) throws -> Void = { _ in }) throws(StoreError) -> (from: Int, to: Int) {
        let start = try Self.identity(of: db).version
        for migration in migrations where migration.version > start {
            do {
                try db.transaction {
                    try db.execute(migration.sql)
                    if migration.rebuildsDerivedRows && start > 0 { try rebuild(db) }
                    try db.execute("PRAGMA application_id = \(Schema.applicationID)")
                    try db.execute("PRAGMA user_version = \(migration.version)")
                    try db.run("INSERT INTO schema_migrations(version, name, applied_at_ms) VALUES (?, ?, ?)",
                               [.int(migration.version), .text(migration.name), .integer(nowMilliseconds)])
                }
            } catch {
                throw StoreError.wrapping(error, "cannot upgrade \(db.path) to schema version \(migration.version)")
            }
        }
        return (start, latestVersion)
    }
}
