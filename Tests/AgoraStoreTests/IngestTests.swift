import Foundation
import Testing
@testable import AgoraStore

@Suite struct IngestTests {
    static let tirana = Fixtures.record("tirana/practice/open-data-portal",
                                        title: ["sq": "Portali i të dhënave të hapura", "en": "Open data portal"])
    static let sofia = Fixtures.record("sofia/pilot/digital-rights", title: ["bg": "Цифрови права", "en": "Digital rights"],
                                       stage: "pilot")

    @Test func acceptsThenCountsDuplicatesAndChangesNothing() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let edit = Fixtures.change("tirana/practice/open-data-portal", ["stage": "scaling"], hlc: 2_000)
        let first = try await store.ingest([Self.tirana, Self.sofia, edit, edit])
        #expect(first.accepted == 3 && first.duplicates == 1 && first.refused == 0 && first.touchedRecords == 2)
        let states = try await store.allStates()
        let again = try await store.ingest([edit, Self.sofia, Self.tirana])
        #expect(again.accepted == 0 && again.duplicates == 3 && again.touchedRecords == 0)
        #expect(try await store.allStates().map(\.state) == states.map(\.state))
        #expect(try await store.counts() == (changes: 3, records: 2))
        let state = try #require(try await store.record("tirana/practice/open-data-portal"))
        #expect(state.contains("\"stage\":\"scaling\""))
        await store.close()
    }

    @Test func headerWithoutBodiesNeedsARedaction() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        var bare = Fixtures.change("tirana/practice/open-data-portal", ["stage": "idea"], hlc: 3_000)
        bare.bodies = nil
        let report = try await store.ingest([Self.tirana, bare])
        #expect(report.accepted == 1)
        #expect(report.refusals.first?.reason.contains("no redaction") == true)
        let redaction = Fixtures.change("tirana/practice/open-data-portal", [:], hlc: 4_000, redacts: [bare.id])
        let second = try await store.ingest([bare, redaction])
        #expect(second.accepted == 2 && second.refused == 0)
        await store.close()
    }

    @Test func historyShowsIneffectiveChangesWithReasons() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let intruder = Fixtures.change("tirana/practice/open-data-portal", ["stage": "discontinued"], hlc: 5_000, author: "sofia")
        _ = try await store.ingest([Self.tirana, intruder])
        let history = try await store.history("tirana/practice/open-data-portal")
        #expect(history.map(\.change.id) == [Self.tirana.id, intruder.id])
        #expect(history.map(\.isEffective) == [true, false])
        #expect(history[1].reason == "sofia may not write tirana's record")
        #expect(history[0].receivedMilliseconds == 1_700_000_000_000)
        #expect(try await store.record("tirana/practice/open-data-portal")?.contains("discontinued") == false)
        await store.close()
    }

    @Test func rebuildGivesByteIdenticalStateAndSearch() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        var batch = [Self.tirana, Self.sofia]
        for n in 0..<50 {
            batch.append(Fixtures.record("dublin/toolkit/guide-\(n)", title: ["en": "Guide \(n) to open procurement"],
                                         themes: ["open-standards/procurement"], hlc: 1_000 + Int64(n)))
            batch.append(Fixtures.change("dublin/toolkit/guide-\(n)", ["stage": n % 2 == 0 ? "scaling" : NSNull()],
                                         hlc: 9_000 + Int64(n)))
        }
        _ = try await store.ingest(batch)
        let before = try await store.allStates()
        let searchBefore = try await store.search(SearchQuery(text: "procurement", limit: 100))
        let progress = Progress()
        let report = try await store.rebuild { done, total in progress.record(done, total) }
        #expect(report.records == 52 && report.changes == 102)
        #expect(progress.last.map { $0 == (52, 52) } == true)
        let after = try await store.allStates()
        #expect(after.map(\.id) == before.map(\.id))
        #expect(after.map(\.state) == before.map(\.state))
        let searchAfter = try await store.search(SearchQuery(text: "procurement", limit: 100))
        #expect(searchAfter.total == 50 && searchAfter.total == searchBefore.total)
        #expect(Set(searchAfter.hits.map(\.id)) == Set(searchBefore.hits.map(\.id)))
        #expect(searchAfter.facets == searchBefore.facets)
        await store.close()
    }

    /// The search rows of a batch are written after its records (one FTS5 segment per batch):
    /// a batch that edits some records and creates others must leave exactly the new text findable.
    @Test func aBatchOfEditsAndNewRecordsLeavesTheIndexExact() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let first = (0..<10).map { Fixtures.record("amsterdam/practice/p\($0)", title: ["nl": "Wijkbudget \($0)"], hlc: 1_000) }
        _ = try await store.ingest(first)
        var second = (0..<5).map { Fixtures.change("amsterdam/practice/p\($0)", ["title": ["nl": "Stadsbudget \($0)"]], hlc: 2_000) }
        second += (10..<15).map { Fixtures.record("amsterdam/practice/p\($0)", title: ["nl": "Buurtplatform \($0)"], hlc: 2_000) }
        second.append(Fixtures.change("amsterdam/practice/p9", ["deleted": true], hlc: 2_000))
        let report = try await store.ingest(second)
        #expect(report.accepted == 11 && report.touchedRecords == 11)
        #expect(try await store.search(SearchQuery(text: "wijkbudget", limit: 100)).total == 4)  // p5...p8; p9 deleted
        #expect(try await store.search(SearchQuery(text: "stadsbudget", limit: 100)).total == 5)
        #expect(try await store.search(SearchQuery(text: "buurtplatform", limit: 100)).total == 5)
        try await Self.checkSearchIndex(store)
        _ = try await store.rebuild()
        try await Self.checkSearchIndex(store)
        #expect(try await store.search(SearchQuery(text: "stadsbudget", limit: 100)).total == 5)
        await store.close()
    }

    /// A rebuild writes search rows in chunks of `rebuildSearchChunk` records; more than one chunk
    /// must index every record once.
    @Test func rebuildLargerThanOneSearchChunkIndexesEveryRecordOnce() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let count = StoreWriter.rebuildSearchChunk * 2 + 7
        let records = (0..<count).map { Fixtures.record("dublin/toolkit/t\($0)", title: ["en": "Procurement checklist \($0)"]) }
        for start in stride(from: 0, to: count, by: 1_000) {
            _ = try await store.ingest(Array(records[start..<min(start + 1_000, count)]))
        }
        let report = try await store.rebuild()
        #expect(report.records == count)
        let indexed = try await store.read { db in
            try db.integer("SELECT count(*) FROM records_fts WHERE records_fts MATCH 'checklist'")
        }
        #expect(indexed == count)
        try await Self.checkSearchIndex(store)
        await store.close()
    }

    /// FTS5's own check that the index matches the rows it was given.
    static func checkSearchIndex(_ store: Store) async throws {
        let writer = try store.requireWriter()
        try await writer.withConnection { db in try db.run("INSERT INTO records_fts(records_fts) VALUES ('integrity-check')") }
    }

    @Test func changesStreamInArrivalOrder() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let batch = (0..<30).map { Fixtures.record("brussels/practice/p\($0)", title: ["fr": "Pratique \($0)"]) }
        _ = try await store.ingest(batch)
        var seen: [[UInt8]] = []
        for try await entry in store.allChanges(pageSize: 7) { seen.append(entry.change.id) }
        #expect(seen == batch.map(\.id))
        await store.close()
    }
}

/// Collects progress callbacks from the writer thread.
final class Progress: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var value: (Int, Int)?
    func record(_ done: Int, _ total: Int) { lock.withLock { value = (done, total) } }
    var last: (Int, Int)? { lock.withLock { value } }
}

@Suite struct IngestPipelineTests {
    @Test func batchesAreStoredInOrderAndEachReportComesBackWithTheNextAdd() async throws {
        let fixtures = try CoreFixtures()
        let store = try fixtures.store(in: Fixtures.directory())
        let id = "sofia/practice/pipeline"
        let leak = try fixtures.sign(id, hlc: 1_000, [.set(field: "title", language: "bg", value: .string("Пишете на ana.example@mail.invalid"))])
        let redaction = try fixtures.sign(id, hlc: 2_000, [.redact(change: leak.id)])
        let other = try fixtures.sign("sofia/practice/other", hlc: 3_000, [.set(field: "title", language: "en", value: .string("Other"))])
        var pipeline = IngestPipeline(store: store)
        // Batch 2 holds the change without its bodies: it is kept only if batch 1 (its redaction) is stored first.
        let first = try await pipeline.add([redaction.change.wireBytes])
        let second = try await pipeline.add([leak.change.withoutBodies.wireBytes, other.change.wireBytes])
        let empty = try await pipeline.add([])
        let third = try await pipeline.finish()
        #expect(first == nil)
        #expect(second?.accepted == 1 && second?.refused == 0)
        #expect(empty?.accepted == 2 && empty?.refused == 0, "\(String(describing: empty?.refusals))")
        #expect(third == IngestReport())
        #expect(try await pipeline.finish() == nil)
        #expect(try await store.history(id).count == 2)
        await store.close()
    }
}
