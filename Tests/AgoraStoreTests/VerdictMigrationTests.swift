import Foundation
import Testing
import AgoraCore
import AgoraTesting
@testable import AgoraStore

/// Schema version 3 (issue 12, item 8): `changes.effective` holds three verdicts. A file of
/// version 2, as the code before it wrote one (a redacted change stored as 1 with its bodies
/// erased; a body-less copy vouched for by a compromised key's redaction stored as `missing-body`),
/// is migrated, and its derived rows are recomputed under the new rules in the same transaction.
@Suite struct VerdictMigrationTests {
    let fixtures: CoreFixtures
    let record = "tirana/practice/budget"
    init() throws { fixtures = try CoreFixtures() }

    func keys() throws -> KeyDirectory { try fixtures.directory(adding: [("tirana-2", "tirana", .compromised, false)]) }

    /// A version-2 file holding X (redacted by R), Y (not permitted) and Z (held without bodies,
    /// vouched for only by R2, whose key is compromised), written as the version-2 code wrote them.
    /// W, a `delete` that names no body, is redacted by R too and was erased to NULL.
    func versionTwoFile(_ dir: String) async throws -> (x: VerifiedChange, r: VerifiedChange, y: VerifiedChange,
                                                         z: VerifiedChange, r2: VerifiedChange, w: VerifiedChange) {
        let x = try fixtures.sign(record, hlc: 1_000, [.set(field: "contact", language: nil, value: .string("someone@example.org"))])
        let y = try fixtures.sign(record, city: "sofia", hlc: 1_100, [.set(field: "budget", language: nil, value: .string("EUR 9"))])
        let z = try fixtures.sign(record, hlc: 1_200, [.set(field: "budget", language: nil, value: .string("EUR 5"))])
        let w = try fixtures.sign(record, hlc: 1_300, [.delete])
        let r = try fixtures.sign(record, hlc: 2_000, [.redact(change: x.id), .redact(change: w.id)])
        let r2 = try fixtures.sign(record, key: "tirana-2", hlc: 2_100, [.redact(change: z.id)])
        var options = Store.Options.node(coalition: CoreFixtures.coalition, directory: try keys(), crypto: TestKeys.crypto,
                                         maxSkewMilliseconds: nil, clock: { 1_700_000_000_000 })
        options.readers = 1
        let old = try Store(path: dir + "/agora.db", options: options, migrations: [Schema.version1, Schema.version2])
        _ = try await old.ingest(wire: [x, y, z, w].map(\.change.wireBytes))
        await old.close()
        let db = try Database(path: dir + "/agora.db", mode: .readWrite)
        for (change, effective, reason) in [(r, 1, nil), (r2, 0, "key-compromised: the key is compromised: none of its changes count")] as [(VerifiedChange, Int, String?)] {
            let row = StoredChange(change)
            try db.run("""
                INSERT INTO changes(id, record_id, hlc_ms, hlc_counter, author_city, header, signature, bodies, received_ms, effective, reason)
                VALUES (?, ?, ?, 0, ?, ?, ?, ?, 0, ?, ?)
                """, [.blob(row.id), .text(row.recordID), .integer(row.hlcMilliseconds), .text(row.authorCity), .blob(row.header),
                      .blob(row.signature), .optional(row.bodies), .int(effective), .optional(reason)])
            for target in row.redacts {
                try db.run("INSERT INTO redactions(target, redaction) VALUES (?, ?)", [.blob(target), .blob(row.id)])
            }
        }
        for erased in [x, w] { try db.run("UPDATE changes SET bodies = NULL WHERE id = ?", [.blob(StoredChange(erased).id)]) }
        try db.run("UPDATE changes SET bodies = NULL, effective = 0, reason = 'missing-body: the body of operation 0 is missing' WHERE id = ?",
                   [.blob(StoredChange(z).id)])
        #expect(try db.integer("PRAGMA user_version") == 2)
        db.close()
        return (x, r, y, z, r2, w)
    }

    @Test func aVersionTwoFileGetsThreeVerdictsAndTheStateOfARebuild() async throws {
        let dir = Fixtures.directory()
        let (x, r, y, z, r2, w) = try await versionTwoFile(dir)
        let store = try fixtures.store(in: dir, keys: try keys())
        #expect(try await store.read { db in try db.integer("PRAGMA user_version") } == Schema.latestVersion)
        #expect(try await store.read { db in try db.map("SELECT version FROM schema_migrations ORDER BY version") { $0.int(0) } }
                == Array(1...Schema.latestVersion), "version 3 and every later one")
        let verdicts = try await store.read { db in
            try db.map("SELECT lower(hex(id)), effective FROM changes") { ($0.text(0) ?? "", $0.int(1)) }
        }
        let byID = Dictionary(uniqueKeysWithValues: verdicts)
        #expect(byID[x.id.hex] == StoredVerdict.redacted.rawValue)
        #expect(byID[r.id.hex] == 1 && byID[y.id.hex] == 0 && byID[z.id.hex] == 0 && byID[r2.id.hex] == 0)
        #expect(byID[w.id.hex] == StoredVerdict.redacted.rawValue)
        #expect(try await store.change(StoredChange(w).id)?.change.bodies == Array("{}".utf8), "a change naming no body keeps {}")
        let zID = StoredChange(z).id
        #expect(try await store.changesMissingBodies() == [zID])
        #expect(try await store.change(zID)?.reason == IneffectiveReason.bodiesAwaited.description)

        let fresh = try fixtures.store(in: Fixtures.directory(#function + "-fresh"), keys: try keys())
        _ = try await fresh.ingest(wire: [x, r, y, r2, w].map(\.change.wireBytes))
        let migrated = try await store.record(record)
        #expect(migrated == (try await fresh.record(record)), "the migrated state is the state of the same set")
        #expect(migrated?.contains(z.id.hex) == false, "Z waits aside for its bodies")
        _ = try await store.rebuild()
        #expect(try await store.record(record) == migrated)

        let restored = try await store.ingest(wire: [z.change.wireBytes])
        #expect(restored.restoredBodies == 1)
        #expect(try await store.record(record)?.contains("\"budget\":\"EUR 5\"") == true)
        await fresh.close()
        await store.close()
    }
}
