import Foundation
import Testing
import AgoraCore
import AgoraHTTP
import AgoraStore
@testable import AgoraNode

/// Exports streamed from a read snapshot: the bytes, HEAD, and the concurrency caps (issue 16, item 2).
@Suite struct ExportStreamTests {
    static let dcat = DCATExport(baseURL: "https://agora.example", title: ["en": "Catalog"], description: ["en": "All."],
                                 publisher: (id: "tirana", name: "Tirana"))

    /// Pulls a stream to its end, as the server would, then finishes it.
    static func drain(_ response: HTTPResponse) async throws -> [UInt8] {
        guard let stream = response.stream else { return response.body }
        var bytes: [UInt8] = []
        while let piece = try await stream.next() { bytes += piece }
        stream.finish(completed: true)
        return bytes
    }

    @Test func theStreamedDCATDocumentIsThePrettyCatalogByteForByte() throws {
        let layout = Self.dcat.streamLayout
        guard case .records(let render) = layout.items else { Issue.record("DCAT items are records"); return }
        let items = ExportTests.records.compactMap(render)
        var streamed = layout.head
        for (index, item) in items.enumerated() { streamed += (index > 0 ? layout.separator : []) + item }
        streamed += layout.tail
        let whole = JSONWriter.pretty(Self.dcat.catalog(ExportTests.records)) + "\n"
        #expect(String(decoding: streamed, as: UTF8.self) == whole)
        #expect(items.count == 2, "the deleted record is left out")
    }

    @Test func everyFormatStreamsWhatTheCLIExportWrites() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let exporter = StoreExporter(store: catalog.store, dcat: Self.dcat)
        let router = catalog.router(exporter: exporter)
        for format in ExportFormat.allCases {
            let response = await router.send(.get, "/api/v1/export?format=\(format.rawValue)")
            #expect(response.status == .ok)
            #expect(response.stream != nil, "\(format) is streamed")
            #expect(response.headers["ETag"] == nil, "a streamed body has no tag before it is sent")
            #expect(response.headers["Content-Type"] == format.contentType)
            let streamed = try await Self.drain(response)
            var whole: [UInt8] = []
            let stream = exporter.exportStream(format, limits: .unlimited)
            while let piece = try await stream.next() { whole += piece }
            #expect(streamed == whole)
            if format == .jsonl {
                #expect(streamed == catalog.changes.flatMap(JSONLinesExport.lineWithNewline))
            }
            if format == .csv {
                #expect(String(decoding: streamed, as: UTF8.self).split(separator: "\r\n").count == 4, "header and 3 records")
            }
            if format == .dcat {
                #expect((try CanonicalJSON.decode(streamed))["dcat:dataset"]?.arrayValue?.count == 3)
            }
        }
    }

    @Test func aStreamReadsOneSnapshotWhateverIsWrittenMeanwhile() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let stream = StoreExporter(store: catalog.store, dcat: Self.dcat).exportStream(.jsonl, limits: .unlimited)
        var bytes = try await stream.next() ?? []
        let later = try APICatalog.signed(APICatalog.record("dublin/practice/later", country: "IE", original: "en", stage: "idea",
                                                           title: ["en": "Later"], summary: ["en": "Written during the export."]),
                                          key: catalog.key, hlc: 9_000)
        _ = try await catalog.store.ingest([later])
        while let piece = try await stream.next() { bytes += piece }
        #expect(bytes == catalog.changes.flatMap(JSONLinesExport.lineWithNewline), "the change written after the snapshot is not in it")
    }

    @Test func headReadsNothingAndTakesNoSlot() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let limits = APILimits(maximumConcurrentExports: 1, maximumConcurrentExportsPerClient: 1)
        let api = PublicAPI(source: CatalogSource(store: catalog.store, exporter: StoreExporter(store: catalog.store, dcat: Self.dcat),
                                                  limits: limits))
        let head = await api.router.send(.head, "/api/v1/export?format=csv")
        #expect(head.status == .ok)
        #expect(try await head.stream?.next() == nil, "HEAD's stream is empty: nothing is read or rendered")
        #expect(api.exports.streaming == 0)
        #expect(await api.router.send(.get, "/api/v1/export").status == .ok)
    }

    @Test func exportsBeyondTheCapsAre429And503WithRetryAfter() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let limits = APILimits(maximumConcurrentExports: 2, maximumConcurrentExportsPerClient: 1, retryAfterSeconds: 7)
        let router = PublicAPI(source: CatalogSource(store: catalog.store, exporter: StoreExporter(store: catalog.store, dcat: Self.dcat),
                                                     limits: limits)).router
        let first = await router.send(.get, "/api/v1/export", remote: "203.0.113.1:1000")
        #expect(first.status == .ok)
        let again = await router.send(.get, "/api/v1/export?format=csv", remote: "203.0.113.1:1001")
        #expect(again.status == .tooManyRequests)
        #expect(again.errorCode == "too_many_requests")
        #expect(again.headers["Retry-After"] == "7")
        let second = await router.send(.get, "/api/v1/export", remote: "198.51.100.2:1000")
        #expect(second.status == .ok)
        let third = await router.send(.get, "/api/v1/export", remote: "192.0.2.3:1000")
        #expect(third.status == .serviceUnavailable)
        #expect(third.errorCode == "busy")
        #expect(third.headers["Retry-After"] == "7")
        _ = try await Self.drain(first)
        #expect(await router.send(.get, "/api/v1/export", remote: "192.0.2.3:1000").status == .ok, "a finished export frees its slot")
        second.stream?.finish(completed: false)
        #expect(await router.send(.get, "/api/v1/export", remote: "203.0.113.1:1002").status == .ok, "so does an abandoned one")
    }
}
