import Foundation
import Testing
import AgoraCore
import AgoraTesting
@testable import AgoraStore

/// The store with AgoraCore's real signed changes, verifier and merge, on the demo catalog in nodes/.
@Suite struct CoreIntegrationTests {
    let fixtures: CoreFixtures
    init() throws { fixtures = try CoreFixtures() }

    func populated() async throws -> (Store, [VerifiedChange]) {
        let store = try fixtures.store(in: Fixtures.directory())
        let changes = try fixtures.catalog()
        let report = try await store.ingest(wire: changes.map(\.change.wireBytes))
        #expect(report.accepted == changes.count && report.refused == 0, "\(report.refusals)")
        return (store, changes)
    }

    @Test func storedBodiesAreTheCanonicalBodiesObjectOfEveryDemoChange() throws {
        // The store keeps the bodies as assembled from the wire's canonical bytes, never
        // re-encoded: they must equal the RFC 8785 encoding of the parsed bodies object.
        let changes = try fixtures.catalog()
        #expect(changes.count >= 30)
        for verified in changes {
            let stored = StoredChange(verified)
            #expect(stored.bodies == CanonicalJSON.encode(.object(verified.bodies)), "\(verified.id)")
            #expect(try stored.signedChange() == verified.change)
        }
    }

    @Test func demoCatalogIsSearchableInEveryLanguageWithAndWithoutDiacritics() async throws {
        let (store, changes) = try await populated()
        #expect(changes.count >= 30)
        for (query, expected) in [
            ("të dhëna", "tirana/practice/open-data-portal"), ("te dhena", "tirana/practice/open-data-portal"),
            ("dhenat", "tirana/practice/open-data-portal"), ("Tiranë", "tirana/practice/open-data-portal"),
            ("цифрови права", nil), ("ЦИФРОВИТЕ", nil), ("guvernare deschisă", "coalition/practice/avatar-open-governance"),
            ("guvernare deschisa", "coalition/practice/avatar-open-governance"), ("algorithm register", nil),
        ] as [(String, String?)] {
            let results = try await store.search(SearchQuery(text: query, limit: 100))
            #expect(results.total > 0, "\(query) finds nothing")
            if let expected { #expect(results.hits.map(\.id).contains(expected), "\(query): \(results.hits.map(\.id))") }
        }
        let sofia = try await store.search(SearchQuery(text: "цифрови права", city: "sofia"))
        #expect(sofia.total > 0 && sofia.hits.allSatisfy { $0.city == "sofia" })
        let facets = try await store.search(SearchQuery()).facets
        let cities = Set(facets["city"]?.map(\.value) ?? [])
        let languages = Set(facets["language"]?.map(\.value) ?? [])
        #expect(cities.isSuperset(of: ["tirana", "sofia", "brussels", "dublin", "amsterdam", "barcelona"]))
        #expect(languages.isSuperset(of: ["sq", "bg", "ro", "en"]))
        #expect(facets["kind"]?.count == 3)
        await store.close()
    }

    @Test func forgedTamperedAndMalformedChangesAreRefusedWithReasonsAndTheRestKept() async throws {
        let store = try fixtures.store(in: Fixtures.directory())
        let good = try fixtures.sign("tirana/practice/x", hlc: 1_000, [.set(field: "title", language: "sq", value: .string("Provë"))])
        var tampered = good.change.wireBytes
        let at = tampered.count - 10
        tampered[at] = tampered[at] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
        let forged = try fixtures.sign("tirana/practice/x", city: "sofia", hlc: 2_000, [.set(field: "stage", language: nil, value: .string("idea"))])
        let other = try fixtures.sign("sofia/pilot/y", hlc: 3_000, [.set(field: "title", language: "bg", value: .string("Опит"))])
        let lines = [tampered, Array("{not json".utf8), good.change.wireBytes, forged.change.wireBytes, other.change.wireBytes, good.change.wireBytes]
        let report = try await store.ingest(wire: lines)
        #expect(report.accepted == 3 && report.duplicates == 1)
        #expect(report.refusals.map(\.index) == [0, 1])
        #expect(report.refusals.map(\.code) == ["bad-signature", "malformed"])
        let history = try await store.history("tirana/practice/x")
        #expect(history.count == 2)
        #expect(history.first { $0.change.authorCity == "sofia" }?.isEffective == false)
        #expect(history.first { $0.change.authorCity == "sofia" }?.reason?.isEmpty == false)
        let again = try await store.ingest(wire: lines)
        #expect(again.accepted == 0 && again.duplicates == 4 && again.refused == 2)
        await store.close()
    }

    @Test func changeStampedBeyondTheSkewIsRefusedNotStored() async throws {
        let now: Int64 = 1_700_000_000_000
        let store = try fixtures.store(in: Fixtures.directory(), clock: now)
        let ahead = try fixtures.sign("tirana/practice/x", hlc: UInt64(now) + 600_000, [.set(field: "stage", language: nil, value: .string("idea"))])
        let fine = try fixtures.sign("tirana/practice/x", hlc: UInt64(now) + 60_000, [.set(field: "stage", language: nil, value: .string("pilot"))])
        let report = try await store.ingest(wire: [ahead.change.wireBytes, fine.change.wireBytes])
        #expect(report.accepted == 1 && report.refusals.map(\.index) == [0])
        #expect(report.refusals.first?.code.contains("future") == true, "\(report.refusals)")
        await store.close()
    }

    @Test func laterBatchesEditingStoredRecordsMergeWithTheWholeLog() async throws {
        let store = try fixtures.store(in: Fixtures.directory())
        let id = "dublin/practice/library-access"
        let first = try fixtures.sign(id, hlc: 1_000, [.set(field: "title", language: "en", value: .string("Library access")),
                                                       .set(field: "stage", language: nil, value: .string("pilot"))])
        _ = try await store.ingest(wire: [first.change.wireBytes])
        let second = try fixtures.sign(id, hlc: 2_000, [.set(field: "stage", language: nil, value: .string("scaling"))])
        let other = try fixtures.sign("dublin/toolkit/new", hlc: 2_500, [.set(field: "title", language: "en", value: .string("New"))])
        let report = try await store.ingest(wire: [second.change.wireBytes, other.change.wireBytes])
        #expect(report.accepted == 2 && report.touchedRecords == 2)
        let state = try #require(try await store.record(id))
        #expect(state.contains("Library access") && state.contains("\"scaling\""))
        let before = try await store.allStates()
        _ = try await store.rebuild()
        #expect(try await store.allStates().map(\.state) == before.map(\.state))
        await store.close()
    }

    @Test func rebuildFromTheLogIsByteIdentical() async throws {
        let (store, _) = try await populated()
        let before = try await store.allStates()
        _ = try await store.rebuild()
        #expect(try await store.allStates().map(\.state) == before.map(\.state))
        #expect(before.first.map { $0.state.hasPrefix("{\"changes\":[") } == true)
        await store.close()
    }

    @Test func redactedPersonalAddressIsGoneFromTheFileAndExportStillVerifies() async throws {
        let dir = Fixtures.directory()
        let store = try fixtures.store(in: dir)
        let id = "sofia/practice/contact-test"
        let address = "ana.example@mail.invalid"
        let create = try fixtures.sign(id, hlc: 1_000, [.set(field: "title", language: "bg", value: .string("Контакт"))])
        let leak = try fixtures.sign(id, hlc: 2_000, [.set(field: "description", language: "bg", value: .string("Пишете на \(address)"))])
        _ = try await store.ingest(wire: [create.change.wireBytes, leak.change.wireBytes])
        #expect(try await store.search(SearchQuery(text: "ana example")).total == 1)
        let redaction = try fixtures.sign(id, hlc: 3_000, [.redact(change: leak.id)])
        let report = try await store.ingest(wire: [redaction.change.wireBytes])
        #expect(report.accepted == 1 && report.erasedChanges == 1 && report.walTruncated)
        for name in ["agora.db", "agora.db-wal"] {
            let bytes = (try? Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name)"))) ?? Data()
            #expect(bytes.range(of: Data(address.utf8)) == nil, "\(name) still holds the address")
        }
        var lines: [[UInt8]] = []
        for try await entry in store.allChanges() { lines.append(try entry.change.signedChange().wireBytes) }
        let copy = try fixtures.store(in: Fixtures.directory())
        let replay = try await copy.ingest(wire: lines)
        #expect(replay.accepted == 3 && replay.refused == 0, "\(replay.refusals)")
        #expect(try await copy.record(id) == (try await store.record(id)))
        await copy.close()
        await store.close()
    }
}
