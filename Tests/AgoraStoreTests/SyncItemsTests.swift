import AgoraCore
import Testing
@testable import AgoraStore

/// The store lists its changes as reconciliation items in the protocol's order.
@Suite struct SyncItemsTests {
    @Test func everyChangeComesOutInTimeThenIdOrder() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let record = Fixtures.record("tirana/practice/open-data-portal", title: ["en": "Open data portal"])
        let edits = (0..<20).map { Fixtures.change("tirana/practice/open-data-portal", ["stage": "scaling"], hlc: Int64(3_000 + ($0 % 4)), counter: Int64($0)) }
        _ = try await store.ingest([record] + edits)
        let items = try await store.syncItems()
        let expected = ([record] + edits).map { SyncItem(milliseconds: UInt64($0.hlcMilliseconds), id: SyncID(bytes: $0.id)!) }.sorted()
        #expect(items == expected)
        let tree = FingerprintTree(sorted: items)
        #expect(tree.count == 21 && tree.summary == SyncSummary(expected))
        await store.close()
    }
}
