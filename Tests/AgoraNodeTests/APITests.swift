import Testing
import AgoraCore
import AgoraHTTP
@testable import AgoraStore
@testable import AgoraNode

/// The public read API through the router, with no sockets, over a seeded store.
@Suite("Public API")
struct APITests {
    @Test func searchFindsInflectedWordsAndShowsTheRequestedLanguage() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let response = await catalog.router().send(.get, "/api/v1/search?q=dhena&lang=en")
        #expect(response.status == .ok)
        let hits = response.json["hits"]?.arrayValue ?? []
        #expect(hits.first?["id"]?.stringValue == "tirana/practice/open-data-portal")
        #expect(hits.first?["title"]?.stringValue == "Open data portal")
        #expect(hits.first?["titleLanguage"]?.stringValue == "en")
        #expect(hits.first?["snippet"]?.stringValue?.contains("<mark>") == true)
        #expect(response.headers["Access-Control-Allow-Origin"] == "*")
    }

    @Test func searchFallsBackToTheOriginalLanguageAndCountsFacets() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let response = await catalog.router().send(.get, "/api/v1/search?city=tirana&lang=en&limit=1")
        #expect(response.json["total"]?.numberValue == 2)
        #expect(response.json["nextOffset"]?.numberValue == 1)
        let kinds = response.json["facets"]?["kind"]?.arrayValue?.compactMap { $0["value"]?.stringValue }
        #expect(Set(kinds ?? []) == ["practice", "pilot"])
        let last = await catalog.router().send(.get, "/api/v1/search?city=tirana&lang=en&limit=1&offset=1")
        #expect(last.json["nextOffset"] == .null)
        let pilot = await catalog.router().send(.get, "/api/v1/search?kind=pilot&lang=en")
        #expect(pilot.json["hits"]?.arrayValue?.first?["titleLanguage"]?.stringValue == "sq")
    }

    @Test func cyrillicSearchMatchesByPrefix() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let response = await catalog.router().send(.get, "/api/v1/search?q=%D1%86%D0%B8%D1%84%D1%80%D0%BE%D0%B2%D0%B8")
        #expect(response.json["hits"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["sofia/practice/digital-skills"])
    }

    @Test(arguments: [
        ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset"),
        ("offset=10001", "offset"), ("kind=recipe", "kind"), ("stage=done", "stage"), ("country=al", "country"),
        ("city=Tirana", "city"), ("theme=a//b", "theme"), ("lang=english", "lang"), ("year=1800", "year"),
        ("colour=red", "colour"), ("q=a&q=b", "q"), ("year=+2022", "year"),
    ])
    func searchRefusesEachBadParameterByName(query: String, parameter: String) async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let response = await catalog.router().send(.get, "/api/v1/search?\(query)")
        #expect(response.status == .badRequest)
        #expect(response.errorCode == "invalid_parameter")
        #expect(response.json["error"]?["parameter"]?.stringValue == parameter)
    }

    @Test func searchRefusesAnOverlongQuery() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let long = String(repeating: "a", count: SearchParameters.maximumQueryLength + 1)
        #expect(await catalog.router().send(.get, "/api/v1/search?q=\(long)").status == .badRequest)
        let fits = String(repeating: "a", count: SearchParameters.maximumQueryLength)
        #expect(await catalog.router().send(.get, "/api/v1/search?q=\(fits)").status == .ok)
    }

    @Test func recordReturnsItsDocumentItsStateOnRequestAndUnknownRecordsAre404() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let router = catalog.router()
        let found = await router.send(.get, "/api/v1/records/sofia/practice/digital-skills")
        #expect(found.status == .ok)
        #expect(found.json["document"]?["title"]?["bg"]?.stringValue == "Цифрови умения")
        #expect(found.json["document"]?["id"]?.stringValue == "sofia/practice/digital-skills")
        #expect(found.json["contributions"]?.objectValue != nil)
        #expect(found.json["state"] == nil)
        #expect(found.json["deleted"] == .bool(false))
        let state = await router.send(.get, "/api/v1/records/sofia/practice/digital-skills?view=state")
        #expect(state.json["state"]?["fields"]?["title"]?["bg"]?.stringValue == "Цифрови умения")
        #expect(state.json["document"] == nil)
        let badView = await router.send(.get, "/api/v1/records/sofia/practice/digital-skills?view=merge")
        #expect(badView.status == .badRequest)
        let missing = await router.send(.get, "/api/v1/records/sofia/practice/nothing-here")
        #expect(missing.status == .notFound)
        #expect(missing.errorCode == "not_found")
        let badKind = await router.send(.get, "/api/v1/records/sofia/recipe/digital-skills")
        #expect(badKind.status == .badRequest)
        #expect(badKind.json["error"]?["parameter"]?.stringValue == "kind")
    }

    @Test func historyShowsVerifiedSignaturesAndCatchesATamperedOne() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let response = await catalog.router().send(.get, "/api/v1/records/tirana/practice/open-data-portal/history")
        let change = response.json["changes"]?.arrayValue?.first
        #expect(change?["signatureVerified"] == .bool(true))
        #expect(change?["effective"] == .bool(true))
        #expect(change?["status"] == .string("effective"))
        #expect(change?["authorCity"]?.stringValue == "tirana")
        #expect(change?["id"]?.stringValue == catalog.changes[0].idHex)
        var forged = catalog.changes[0]
        forged.signature[0] ^= 1
        #expect(HistoryView.json(HistoryEntry(change: forged, sequence: 1, receivedMilliseconds: 0, isEffective: true,
                                              reason: nil))["signatureVerified"] == .bool(false))
    }

    @Test func historyNamesEachOfTheThreeVerdicts() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let change = catalog.changes[0]
        let redacted = HistoryEntry(change: change, sequence: 1, receivedMilliseconds: 0, isEffective: false, reason: nil, isRedacted: true)
        let ineffective = HistoryEntry(change: change, sequence: 1, receivedMilliseconds: 0, isEffective: false, reason: "not-permitted")
        let effective = HistoryEntry(change: change, sequence: 1, receivedMilliseconds: 0, isEffective: true, reason: nil)
        #expect(HistoryView.json(redacted)["status"] == .string("redacted"))
        #expect(HistoryView.json(redacted)["effective"] == .bool(false))
        #expect(HistoryView.json(ineffective)["status"] == .string("ineffective"))
        #expect(HistoryView.json(effective)["status"] == .string("effective"))
    }

    @Test func entityTagsAnswer304AndChangeWithTheContent() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let router = catalog.router()
        let first = await router.send(.get, "/api/v1/search?q=portal")
        let tag = try #require(first.headers["ETag"])
        let again = await router.send(.get, "/api/v1/search?q=portal", headers: ["If-None-Match": "W/\"x\", \(tag)"])
        #expect(again.status == .notModified)
        #expect(again.body.isEmpty)
        let other = await router.send(.get, "/api/v1/search?q=digital", headers: ["If-None-Match": tag])
        #expect(other.status == .ok)
        #expect(other.headers["ETag"] != tag)
    }

    @Test func wrongMethodsGet405WithAllowAndPreflightIsAnswered() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let router = catalog.router()
        let post = await router.send(.post, "/api/v1/search")
        #expect(post.status == .methodNotAllowed)
        #expect(post.errorCode == "method_not_allowed")
        #expect(post.headers["Allow"]?.contains("GET") == true)
        let preflight = await router.send(.options, "/api/v1/cities")
        #expect(preflight.status == .noContent)
        #expect(preflight.headers["Access-Control-Allow-Methods"]?.contains("GET") == true)
        #expect(preflight.headers["Access-Control-Max-Age"] == String(JSONResponse.corsMaxAgeSeconds))
        #expect(await router.send(.options, "/api/v1/records/a/practice/%C2%84").status == .badRequest)
        #expect(await router.send(.get, "/api/v2/nothing").errorCode == "not_found")
    }

    @Test func citiesListEveryCityWithItsCountry() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let response = await catalog.router().send(.get, "/api/v1/cities")
        let cities = response.json["cities"]?.arrayValue ?? []
        #expect(cities.compactMap { $0["id"]?.stringValue } == ["sofia", "tirana"])
        #expect(cities.last?["country"]?.stringValue == "AL")
        #expect(cities.last?["records"]?.numberValue == 2)
        #expect(await catalog.router().send(.get, "/api/v1/cities?x=1").status == .badRequest)
    }

    /// A record known only through another city's adoption has no content: neither its city nor
    /// the record is listed, and the totals do not count it (issue 16.6).
    @Test func aRecordKnownOnlyThroughAnAdoptionIsNotListed() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let adoption: JSONValue = .object([
            "id": .string("brussels/practice/open-council"), "fields": .object([:]),
            "contributions": .object(["sofia": .object(["adoption": .object(["note": .object(["en": .string("Seen")])])])]),
        ])
        _ = try await catalog.store.ingest([APICatalog.signed(("brussels/practice/open-council", adoption), key: catalog.key, hlc: 4_000)])
        let router = catalog.router()
        let cities = await router.send(.get, "/api/v1/cities").json["cities"]?.arrayValue ?? []
        #expect(cities.compactMap { $0["id"]?.stringValue } == ["sofia", "tirana"])
        let everything = await router.send(.get, "/api/v1/search")
        #expect(everything.json["total"]?.numberValue == 3)
        #expect(await router.send(.get, "/api/v1/search?q=seen").json["total"]?.numberValue == 0)
        #expect(await router.send(.get, "/api/v1/records/brussels/practice/open-council").status == .ok)
    }

    @Test func citiesAreRecomputedAfterAWrite() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let router = catalog.router()
        let before = await router.send(.get, "/api/v1/cities")
        #expect(before.json["cities"]?.arrayValue?.count == 2)
        let dublin = try APICatalog.signed(APICatalog.record("dublin/toolkit/checklist", country: "IE", original: "en",
                                                             stage: "scaling", title: ["en": "Checklist"], summary: ["en": "A list."]),
                                           key: catalog.key, hlc: 4_000)
        _ = try await catalog.store.ingest([dublin])
        let after = await router.send(.get, "/api/v1/cities")
        #expect(after.json["cities"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["dublin", "sofia", "tirana"])
    }

    @Test func healthAndReadiness() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        #expect(await catalog.router().send(.get, "/healthz").json["status"]?.stringValue == "ok")
        let ready = await catalog.router().send(.get, "/readyz")
        #expect(ready.json["records"]?.numberValue == 3)
        let stopping = await catalog.router(accepting: false).send(.get, "/readyz")
        #expect(stopping.status == .serviceUnavailable)
        #expect(stopping.errorCode == "unavailable")
    }

    @Test func exportUsesTheExporterAndRefusesUnknownFormats() async throws {
        let catalog = try await APICatalog.make()
        defer { Task { await catalog.close() } }
        let none = await catalog.router().send(.get, "/api/v1/export?format=csv")
        #expect(none.status == .serviceUnavailable)
        let router = catalog.router(exporter: StoreExporter(store: catalog.store, dcat: ExportStreamTests.dcat))
        let csv = await router.send(.get, "/api/v1/export?format=csv")
        #expect(csv.status == .ok)
        #expect(csv.headers["Content-Type"] == ExportFormat.csv.contentType)
        #expect(String(decoding: try await ExportStreamTests.drain(csv), as: UTF8.self).hasPrefix(CSVExport.headerRow))
        #expect(await router.send(.get, "/api/v1/export?format=xml").errorCode == "invalid_parameter")
    }
}
