import Foundation
import Testing
@testable import AgoraStore

@Suite struct DatabaseTests {
    @Test func errorsCarryCodeMessageAndSQL() throws {
        let db = try Database(path: ":memory:", mode: .readWriteCreate)
        #expect {
            try db.run("SELECT * FROM missing_table")
        } throws: { error in
            guard let error = error as? DatabaseError else { return false }
            return error.primaryCode == 1 && error.message.contains("missing_table") && error.sql == "SELECT * FROM missing_table"
        }
    }

    @Test func transactionRollsBackWhenBodyThrows() throws {
        let db = try Database(path: ":memory:", mode: .readWriteCreate)
        try db.execute("CREATE TABLE t(x INTEGER)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try db.transaction {
                try db.run("INSERT INTO t VALUES (?)", [.integer(1)])
                throw Boom()
            }
        }
        #expect(try db.integer("SELECT count(*) FROM t") == 0)
    }

    /// Text is bound by its byte count: a U+0000 inside does not cut it, and "" stays text, not NULL.
    @Test func textWithNulAndEmptyTextSurviveBinding() throws {
        let db = try Database(path: ":memory:", mode: .readWriteCreate)
        try db.execute("CREATE TABLE t(x TEXT)")
        try db.run("INSERT INTO t VALUES (?)", [.text("before\u{0}after é")])
        try db.run("INSERT INTO t VALUES (?)", [.text("")])
        #expect(try db.map("SELECT length(CAST(x AS BLOB)), typeof(x) FROM t ORDER BY rowid") { "\($0.int(0)) \($0.text(1) ?? "")" }
                == ["\(Array("before\u{0}after é".utf8).count) text", "0 text"])
    }

    @Test func statementsAreCachedAndRebound() throws {
        let db = try Database(path: ":memory:", mode: .readWriteCreate)
        try db.execute("CREATE TABLE t(x TEXT, y BLOB)")
        for n in 0..<3 { try db.run("INSERT INTO t VALUES (?, ?)", [.text("é\(n)"), .blob([UInt8(n), 0])]) }
        let first = try db.statement("INSERT INTO t VALUES (?, ?)")
        #expect(first === (try db.statement("INSERT INTO t VALUES (?, ?)")))
        let rows = try db.map("SELECT x, y FROM t ORDER BY x") { ($0.text(0), $0.blob(1)) }
        #expect(rows.map(\.0) == ["é0", "é1", "é2"])
        #expect(rows.map(\.1) == [[0, 0], [1, 0], [2, 0]])
    }

    @Test func writerCheckpointsEveryFortyMebibytesAndSyncsFully() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let writer = try #require(store.writer)
        let settings = try await writer.withConnection { db in
            (try db.integer("PRAGMA wal_autocheckpoint"), try db.integer("PRAGMA synchronous"))
        }
        #expect(settings.0 == 2_560)  // 40 MiB of 16 KiB pages
        #expect(settings.1 == 2)  // FULL
        await store.close()
    }
}

@Suite struct MallocArenasTests {
    @Test func mallocAcceptsTheArenaCapUnlessTheEnvironmentSetsOne() {
        let chosenByEnvironment = ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] != nil
        #expect(MallocArenas.limitForThisProcess() == !chosenByEnvironment)
    }
}

@Suite struct SlotBufferTests {
    @Test func concurrentIterationsEachFillingTheirOwnSlotsLoseNoWrite() {
        let slots = SlotBuffer<Int>(count: 20_000, initial: -1)
        DispatchQueue.concurrentPerform(iterations: slots.count) { index in slots[index] = index * 3 }
        #expect(slots.values == (0..<20_000).map { $0 * 3 })
    }

    @Test func droppingAParsedChangeKeepsItsRowAndOnlyForgetsTheParse() throws {
        let fixtures = try CoreFixtures()
        let verified = try fixtures.sign("tirana/practice/slot-test", hlc: 1_000,
                                         [.set(field: "title", language: "sq", value: .string("Të dhëna të hapura"))])
        var change = StoredChange(verified)
        change.decoded = verified
        let verdicts = VerdictBuffer(count: 2)
        verdicts[1] = .success(change)
        verdicts.dropDecoded(at: 0)  // a slot never verified stays as it was
        verdicts.dropDecoded(at: 1)
        #expect(verdicts.change(at: 0) == nil)
        let kept = try #require(verdicts.change(at: 1))
        #expect(kept.decoded == nil && kept == change && kept.bodies == change.bodies && kept.header == change.header)
    }
}
