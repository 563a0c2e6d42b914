import Testing
@testable import AgoraStore

/// The store's version moves with every write, including one that adds no change.
@Suite struct StoreVersionTests {
    @Test func everyWriteMovesTheVersionARebuildToo() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let empty = try await store.version()
        _ = try await store.ingest([Fixtures.record("tirana/practice/a", title: ["en": "A"])])
        let ingested = try await store.version()
        #expect(ingested > empty)
        #expect(try await store.version() == ingested, "reading does not move it")
        // A rebuild (run when the key directory changes) rewrites records without adding a change.
        _ = try await store.rebuild()
        #expect(try await store.version() > ingested)
        await store.close()
    }
}

/// Readers map the database file instead of copying every page they read.
@Suite struct ReaderMappingTests {
    @Test func everyReaderMapsTheConfiguredBytes() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        for _ in 0..<Store.defaultReaders {
            #expect(try await store.read { db in try db.first("PRAGMA mmap_size") { $0.int64(0) } } == ReaderPool.mappedBytes)
        }
        await store.close()
    }
}
