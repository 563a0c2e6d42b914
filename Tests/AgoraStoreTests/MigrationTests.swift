import Foundation
import Testing
@testable import AgoraStore

@Suite struct MigrationTests {
    static let one = Migration(version: 1, name: "one", sql: "CREATE TABLE schema_migrations(version INTEGER PRIMARY KEY, name TEXT, applied_at_ms INTEGER); CREATE TABLE a(x);")
    static let two = Migration(version: 2, name: "two", sql: "CREATE TABLE b(y);")

    func open(_ directory: String, _ migrations: [Migration]) throws -> Store {
        try Store(path: directory + "/agora.db", options: .init(merger: LastWriterWins()), migrations: migrations)
    }

    @Test func newFileGetsApplicationIDAndLatestVersion() async throws {
        let dir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        let (appID, version) = try await store.read { db in
            (try db.integer("PRAGMA application_id"), try db.integer("PRAGMA user_version"))
        }
        #expect(appID == Int(Schema.applicationID))
        #expect(version == Schema.latestVersion)
        #expect(try await store.read { db in try db.first("PRAGMA journal_mode") { $0.text(0) } } == "wal")
        await store.close()
    }

    /// New files get 16 KiB pages; a file made with SQLite's default 4 KiB keeps them and still opens and ingests.
    @Test func newFilesGetLargePagesAndOldFilesKeepTheirs() async throws {
        let dir = Fixtures.directory()
        let store = try Fixtures.store(in: dir)
        #expect(try await store.read { db in try db.integer("PRAGMA page_size") } == StoreWriter.newDatabasePageSize)
        await store.close()

        let oldDir = Fixtures.directory()
        let old = try Database(path: oldDir + "/agora.db", mode: .readWriteCreate)
        try old.execute("PRAGMA page_size = 4096")
        try old.execute("CREATE TABLE placeholder(x)")
        try old.execute("DROP TABLE placeholder")
        old.close()
        let reopened = try Fixtures.store(in: oldDir)
        _ = try await reopened.ingest([Fixtures.change("tirana/practice/a", ["title": "A"], hlc: 1)])
        #expect(try await reopened.read { db in try db.integer("PRAGMA page_size") } == 4096)
        #expect(try await reopened.read { db in try db.integer("SELECT count(*) FROM records") } == 1)
        await reopened.close()
    }

    @Test func newerBinaryUpgradesOlderFile() async throws {
        let dir = Fixtures.directory()
        let old = try open(dir, [Self.one])
        await old.close()
        let new = try open(dir, [Self.one, Self.two])
        let versions = try await new.read { db in try db.map("SELECT version FROM schema_migrations ORDER BY version") { $0.int(0) } }
        #expect(versions == [1, 2])
        #expect(try await new.read { db in try db.integer("SELECT count(*) FROM b") } == 0)
        await new.close()
    }

    @Test func olderBinaryRefusesNewerFileNamingBothVersions() async throws {
        let dir = Fixtures.directory()
        await (try open(dir, [Self.one, Self.two])).close()
        let before = try Data(contentsOf: URL(fileURLWithPath: dir + "/agora.db"))
        #expect {
            try open(dir, [Self.one])
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .schemaTooNew && error!.message.contains("version 2") && error!.message.contains("up to 1")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/agora.db")) == before)
    }

    @Test func fileThatIsNotSQLiteIsRefusedUntouched() throws {
        let dir = Fixtures.directory()
        let bytes = Data("{\"this\": \"is a JSON file, not a database\"}\n".utf8)
        try bytes.write(to: URL(fileURLWithPath: dir + "/agora.db"))
        #expect {
            try Fixtures.store(in: dir)
        } throws: { ($0 as? StoreError)?.code == .notSQLite }
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/agora.db")) == bytes)
    }

    @Test func sqliteFileOfAnotherApplicationIsRefusedUntouched() throws {
        let dir = Fixtures.directory()
        let path = dir + "/agora.db"
        do {
            let foreign = try Database(path: path, mode: .readWriteCreate)
            try foreign.execute("PRAGMA application_id = 1234; CREATE TABLE other(x); INSERT INTO other VALUES (1);")
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect {
            try Fixtures.store(in: dir)
        } throws: { error in
            let error = error as? StoreError
            return error?.code == .notAgoraDatabase && error!.message.contains("0x000004D2")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func readOnlyOpenRefusesAFileThatNeedsAnUpgrade() async throws {
        let dir = Fixtures.directory()
        await (try open(dir, [Self.one])).close()
        #expect {
            try Store(path: dir + "/agora.db", options: .init(access: .readOnly, merger: LastWriterWins()),
                      migrations: [Self.one, Self.two])
        } throws: { ($0 as? StoreError)?.code == .schemaTooOld }
    }

    func searchAutomerge(_ store: Store) async throws -> Int {
        try await store.read { db in try db.integer("SELECT v FROM records_fts_config WHERE k = 'automerge'") }
    }

    @Test func searchIndexMergesSixteenSegmentsAtATimeInNewUpgradedAndRebuiltFiles() async throws {
        let dir = Fixtures.directory()
        await (try open(dir, [Schema.version1])).close()
        let upgraded = try open(dir, Schema.migrations)
        #expect(try await searchAutomerge(upgraded) == Schema.searchAutomerge)
        _ = try await upgraded.rebuild()
        #expect(try await searchAutomerge(upgraded) == Schema.searchAutomerge)
        await upgraded.close()
        let fresh = try Fixtures.store(in: Fixtures.directory())
        #expect(try await searchAutomerge(fresh) == 16)
        await fresh.close()
    }
}
