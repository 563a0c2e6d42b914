import Testing
import Foundation
import AgoraCore
import AgoraHTTP
import AgoraCrypto
@testable import AgoraNode

/// The pages through the router with no server: what a reader sees on each.
@Suite("Web catalog pages")
struct WebCatalogPageTests {
    @Test func emptySearchShowsTheNewestRecordsWithFacetCounts() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let response = await web.get("/?hl=en")
        #expect(response.status == .ok)
        #expect(response.headers["Content-Type"] == "text/html; charset=utf-8")
        let html = response.text
        #expect(html.contains("Newest records"))
        // Newest first: the hostile record was ingested last, Tirana's portal first.
        let hostile = try #require(html.range(of: "/records/tirana/practice/hostile"))
        let portal = try #require(html.range(of: "/records/tirana/practice/open-data-portal"))
        #expect(hostile.lowerBound < portal.lowerBound)
        #expect(html.contains("href=\"/?q=&amp;city=tirana&amp;hl=en\"") || html.contains("href=\"/?city=tirana&amp;hl=en\""))
        #expect(html.contains("<span class=\"count\">(3)</span>"), "Tirana has three records")
    }

    @Test func searchFindsInflectedWordsAndMarksThemInTheReadersLanguage() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let albanian = await web.get("/?q=dhenat&hl=sq").text
        #expect(albanian.contains("<mark>dhënat</mark>"))
        #expect(albanian.contains("U gjet 1 regjistrim"))
        // The Sofia record, searched in Cyrillic by prefix, with its Bulgarian snippet for a Bulgarian reader.
        let bulgarian = await web.get("/?q=%D1%86%D0%B8%D1%84%D1%80%D0%BE%D0%B2%D0%B8", language: "bg").text
        #expect(bulgarian.contains("<mark>цифровите</mark>"))
        #expect(bulgarian.contains("<html lang=\"bg\">"))
        #expect(bulgarian.contains("<bdi lang=\"bg\">Цифрови умения</bdi>"))
        // An English reader gets the English title of the same record.
        let english = await web.get("/?q=digital&kind=practice&city=sofia", language: "en-GB,en;q=0.8").text
        #expect(english.contains("<bdi lang=\"en\">Digital skills</bdi>"))
    }

    @Test func aSearchWithNoHitsSuggestsWhatToLoosen() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let html = await web.get("/?q=portal+zzzz&city=sofia&hl=en").text
        #expect(html.contains("No record matches"))
        #expect(html.contains("remove the filter City: sofia"))
        #expect(html.contains("href=\"/?q=portal%20zzzz&amp;hl=en\""), "removing the city keeps the words")
        #expect(html.contains("search for fewer words: “portal”"))
    }

    @Test func pagesAreLinkedAndBookmarkable() async throws {
        let records = (0..<45).map { index in
            WebFixtures.record("tirana/practice/p\(index)", title: ["en": "Practice \(index)"], summary: ["en": "Open data \(index)."])
        }
        let web = try await WebHarness.make(records)
        defer { Task { await web.close() } }
        let first = await web.get("/?q=open&hl=en").text
        #expect(first.contains("Page 1 of 3"))
        #expect(first.contains("href=\"/?q=open&amp;page=2&amp;hl=en\" rel=\"next\""))
        let third = await web.get("/?q=open&page=3&hl=en").text
        #expect(third.contains("Page 3 of 3"))
        #expect(third.contains("<ol class=\"results\" start=\"41\">"))
        #expect(!third.contains("rel=\"next\""))
        let beyond = await web.get("/?q=open&page=999999&hl=en")
        #expect(beyond.status == .ok, "a page past the end is an empty page, not an error")
    }

    @Test func malformedFiltersAreDroppedNotRefused() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let response = await web.get("/?city=Tirana%22%3E&kind=recipe&year=20x2&hl=en")
        #expect(response.status == .ok)
        #expect(response.text.contains("Newest records"))
    }

    @Test func theInterfaceLanguageComesFromHlThenAcceptLanguage() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        #expect(await web.get("/overview", language: "ro-RO,ro;q=0.9,en;q=0.5").text.contains("Coaliția pe scurt"))
        #expect(await web.get("/overview?hl=sq", language: "ro").text.contains("Koalicioni me një vështrim"))
        #expect(await web.get("/overview", language: "de, fr;q=0.5").text.contains("<html lang=\"en\">"))
        #expect(await web.get("/overview", language: "bg;q=0, sq;q=0.2").text.contains("<html lang=\"sq\">"))
        let switcher = await web.get("/?q=data&city=tirana&hl=en").text
        #expect(switcher.contains("href=\"/?q=data&amp;city=tirana&amp;hl=bg\" lang=\"bg\" hreflang=\"bg\""))
    }

    @Test func numbersAndDatesFollowTheInterfaceLanguage() {
        #expect(Messages("en").number(12345) == "12,345")
        #expect(Messages("ro").number(12345) == "12.345")
        #expect(Messages("bg").number(12345).unicodeScalars.contains { $0 == " " || $0 == "\u{A0}" || $0 == "\u{202F}" })
        let date: Int64 = 1_700_000_000_000  // 14 November 2023
        #expect(Messages("en").date(milliseconds: date).contains("November"))
        #expect(Messages("ro").date(milliseconds: date).contains("noiembrie"))
        #expect(Messages("sq").date(milliseconds: date).contains("nëntor"))
        #expect(Messages("bg").date(milliseconds: date).contains("ноември"))
    }

    @Test func theRecordPageShowsEveryLanguageTheFieldsAndItsProvenance() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let path = "/records/tirana/practice/open-data-portal"
        let english = await web.get(path, language: "en").text
        #expect(english.contains("<h1><bdi lang=\"en\">Open data portal</bdi></h1>"))
        #expect(english.contains("href=\"/records/tirana/practice/open-data-portal?lang=sq&amp;hl=en\" hreflang=\"sq\""))
        let albanian = await web.get(path + "?lang=sq&hl=en").text
        #expect(albanian.contains("<h1><bdi lang=\"sq\">Portali i të dhënave të hapura</bdi></h1>"))
        #expect(albanian.contains("Signature verified"))
        #expect(albanian.contains(Hex.encode(try signingKey().publicKey.rawRepresentation)))
        #expect(albanian.contains("href=\"/api/v1/records/tirana/practice/open-data-portal\""))
        #expect(albanian.contains("href=\"/records/tirana/practice/open-data-portal/dcat\""))
        #expect(albanian.contains("1 change, newest first"))
    }

    @Test func adoptionsAndTranslationsByOtherCitiesAreShownAsTheirs() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let pilot = await web.get("/records/tirana/pilot/digital-rights-pilot?hl=en").text
        #expect(pilot.contains("Adoptions by other cities"))
        #expect(pilot.contains("<a href=\"/cities/sofia?hl=en\"><bdi>sofia</bdi></a> adopted this (2023)"))
        #expect(pilot.contains("<bdi lang=\"bg\">Приехме го през 2023.</bdi>"))
        let hostile = await web.get("/records/tirana/practice/hostile?lang=bg&hl=en").text
        #expect(hostile.contains("Translation contributed by"))
        #expect(hostile.contains("translation by sofia"))
        let sofia = await web.get("/cities/sofia?hl=en").text
        #expect(sofia.contains("Adopted by this city"))
        #expect(sofia.contains("/records/tirana/pilot/digital-rights-pilot"))
    }

    @Test func theDCATFormIsADatasetOfTheRecord() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let response = await web.get("/records/tirana/practice/open-data-portal/dcat")
        #expect(response.headers["Content-Type"] == "application/ld+json; charset=utf-8")
        let json = try CanonicalJSON.decode(response.body)
        #expect(json["@graph"]?.arrayValue?.first?["@type"]?.stringValue == "dcat:Dataset")
    }

    @Test func unknownPagesAreHTML404sAndTheAPIKeepsItsJSON404s() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let page = await web.get("/records/tirana/practice/missing?hl=ro")
        #expect(page.status == .notFound)
        #expect(page.text.contains("Pagina nu a fost găsită"))
        let api = await web.get("/api/v1/nothing")
        #expect(api.status == .notFound)
        #expect(api.json["error"]?["code"]?.stringValue == "not_found")
        #expect(await web.get("/cities/nowhere").status == .notFound)
    }

    @Test func theOverviewCountsByThemeAndCity() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let html = await web.get("/overview?hl=en").text
        #expect(html.contains("4 records: 3 practices, 1 pilot"))
        #expect(html.contains("Transparency, accountability") || html.contains("By theme"))
        #expect(html.contains("<a href=\"/cities/tirana?hl=en\"><bdi>tirana</bdi></a></th><td>3</td>"))
    }

    @Test func theStylesheetIsServedWithAnETag() async throws {
        let web = try await WebHarness.make()
        defer { Task { await web.close() } }
        let css = await web.get("/static/agora.css")
        #expect(css.headers["Content-Type"] == "text/css; charset=utf-8")
        #expect(css.text.contains("overflow-wrap: anywhere"))
        var headers = HTTPHeaders()
        headers.add("If-None-Match", css.headers["ETag"] ?? "")
        #expect(await web.router.send(.get, "/static/agora.css", headers: headers).status == .notModified)
    }

    func signingKey() throws -> AgoraCrypto.Ed25519.PrivateKey { try .init(seed: Array(repeating: 7, count: 32)) }
}
