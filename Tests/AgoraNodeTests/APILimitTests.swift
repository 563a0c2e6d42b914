import Foundation
import Testing
import AgoraCore
import AgoraHTTP
@testable import AgoraStore
@testable import AgoraNode

/// The API's answers at its query limits (issue 16, item 3): deterministic stand-ins for a slow
/// query (a zero time limit) and a saturated reader pool (readers held by the test).
@Suite struct APILimitTests {
    func router(_ catalog: APICatalog, _ query: QueryLimits) -> Router {
        PublicAPI(source: CatalogSource(store: catalog.store, limits: APILimits(query: query, retryAfterSeconds: 3))).router
    }

    @Test func aSearchPastItsTimeLimitIs503QueryTimeoutWithRetryAfter() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let more = try (0..<60).map { index in
            try APICatalog.signed(APICatalog.record("dublin/practice/extra-\(index)", country: "IE", original: "en", stage: "idea",
                                                    title: ["en": "Extra open record \(index)"], summary: ["en": "Open data \(index)."]),
                                  key: catalog.key, hlc: 10_000 + Int64(index))
        }
        _ = try await catalog.store.ingest(more)
        let stopped = await router(catalog, QueryLimits(timeLimit: .zero, readerWait: nil, maximumWaitingReads: 16))
            .send(.get, "/api/v1/search?q=open")
        #expect(stopped.status == .serviceUnavailable)
        #expect(stopped.errorCode == "query_timeout")
        #expect(stopped.headers["Retry-After"] == "3")
        let normal = await router(catalog, .api).send(.get, "/api/v1/search?q=open")
        #expect(normal.status == .ok)
        #expect(normal.json["total"]?.numberValue == 61)
    }

    @Test func aSaturatedReaderPoolIs503BusyAtOnceAndReadyzSaysSo() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let release = DispatchSemaphore(value: 0)
        let store = catalog.store
        let holding = (0..<2).map { _ in Task { try await store.read { _ in release.wait() } } }
        while store.readerStatus.busy < 2 { try await Task.sleep(for: .milliseconds(10)) }
        let router = router(catalog, QueryLimits(timeLimit: nil, readerWait: .zero, maximumWaitingReads: 0))
        for target in ["/readyz", "/api/v1/search?q=open", "/api/v1/records/tirana/practice/open-data-portal"] {
            let response = await router.send(.get, target)
            #expect(response.status == .serviceUnavailable, "\(target)")
            #expect(response.errorCode == "busy", "\(target)")
            #expect(response.headers["Retry-After"] == "3", "\(target)")
        }
        #expect(await router.send(.get, "/healthz").status == .ok, "liveness does not read the database")
        release.signal()
        release.signal()
        for task in holding { try await task.value }
        let ready = await router.send(.get, "/readyz")
        #expect(ready.status == .ok)
        #expect(ready.json["readers"]?["size"]?.numberValue == 2)
    }
}
