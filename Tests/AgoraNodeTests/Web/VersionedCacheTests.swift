import Testing
import AgoraCore
import AgoraCrypto
@testable import AgoraNode

/// The cache of computed pages and searches: per store version, bounded in count and bytes.
@Suite struct VersionedCacheTests {
    @Test func aValueIsKeptForItsVersionOnly() {
        let cache = VersionedCache()
        cache.store("a", bytes: 1, for: "k", version: 1)
        #expect(cache.value(for: "k", version: 1) == "a")
        #expect((cache.value(for: "k", version: 2) as String?) == nil)
        cache.store("b", bytes: 1, for: "other", version: 2)
        #expect(cache.usage.count == 1, "values of an older version are dropped when a newer one is stored")
        cache.store("late", bytes: 1, for: "k", version: 1)
        #expect((cache.value(for: "k", version: 1) as String?) == nil, "a value computed at an older version is not kept")
    }

    @Test func theCountAndByteLimitsDropTheOldestValuesFirst() {
        let cache = VersionedCache(capacity: 3, byteLimit: 100)
        for key in ["a", "b", "c", "d"] { cache.store(key, bytes: 10, for: key, version: 1) }
        #expect(cache.usage.count == 3)
        #expect((cache.value(for: "a", version: 1) as String?) == nil)
        #expect(cache.value(for: "d", version: 1) == "d")
        cache.store("big", bytes: 85, for: "big", version: 1)
        #expect(cache.usage.bytes <= 100)
        #expect((cache.value(for: "b", version: 1) as String?) == nil && (cache.value(for: "c", version: 1) as String?) == nil)
        cache.store("huge", bytes: 101, for: "huge", version: 1)
        #expect((cache.value(for: "huge", version: 1) as String?) == nil, "a value larger than the whole budget is not kept")
        #expect(VersionedCache.byteLimit == 32 * 1_048_576 && VersionedCache.capacity == 512)
    }

    @Test func aWriteToTheStoreMakesTheWebPageAndTheAPIComputeAgain() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let source = CatalogSource(store: web.store)
        var computed = 0
        for _ in 0..<2 { _ = try await source.cached("k", bytes: { _ in 1 }) { computed += 1; return computed } }
        #expect(computed == 1, "computed once while the store does not change")
        #expect(!(await web.get("/?q=zebra&hl=en").text.contains("/records/oslo/practice/zebra")))
        #expect(await web.get("/api/v1/search?q=zebra").text.contains("\"total\":0"))
        #expect(!(await web.get("/api/v1/cities").text.contains("\"oslo\"")))
        let key = try Ed25519.PrivateKey(seed: Array(repeating: 7, count: 32))
        let record = WebFixtures.record("oslo/practice/zebra", title: ["en": "Zebra crossings"], summary: ["en": "Safer streets."])
        _ = try await web.store.ingest([try APICatalog.signed(record, key: key, hlc: 1_800_000_000_000)])
        _ = try await source.cached("k", bytes: { _ in 1 }) { computed += 1; return computed }
        #expect(computed == 2)
        #expect(await web.get("/?q=zebra&hl=en").text.contains("/records/oslo/practice/zebra"))
        #expect(await web.get("/api/v1/search?q=zebra").text.contains("\"total\":1"))
        #expect(await web.get("/api/v1/cities").text.contains("\"oslo\""))
    }
}
