import Foundation
import Testing
@testable import AgoraStore

@Suite struct SearchTests {
    static let records: [StoredChange] = [
        Fixtures.record("tirana/practice/open-data-portal",
                        title: ["sq": "Portali i të dhënave të hapura të Tiranës", "en": "Tirana open data portal"],
                        summary: ["sq": "Bashkia publikon dhënat e saj.", "en": "The municipality publishes its data."],
                        themes: ["transparency/open-data"], startDate: "2019"),
        Fixtures.record("sofia/pilot/digital-rights",
                        title: ["bg": "Пилотен проект за цифровите права", "en": "Digital rights pilot"],
                        summary: ["bg": "София тества цифрови услуги.", "en": "Sofia tests digital services."],
                        themes: ["inclusion/participation", "transparency/algorithm-register"], stage: "pilot", startDate: "2022"),
        Fixtures.record("cluj/practice/open-governance",
                        title: ["ro": "Guvernare deschisă în Cluj", "en": "Open governance in Cluj"],
                        summary: ["ro": "Date deschise pentru cetățeni.", "en": "Open data for citizens."],
                        themes: ["transparency/open-data"], startDate: "2022"),
        Fixtures.record("dublin/toolkit/summary-only",
                        title: ["en": "Procurement checklist"],
                        summary: ["en": "A checklist that mentions the register of algorithms."],
                        themes: ["open-standards/procurement"], startDate: "2021"),
        Fixtures.record("amsterdam/practice/algorithm-register",
                        title: ["nl": "Algoritmeregister", "en": "Algorithm register"],
                        summary: ["en": "A public register."], themes: ["transparency/algorithm-register"], startDate: "2020"),
    ]

    func populated() async throws -> Store {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest(Self.records)
        return store
    }

    func ids(_ store: Store, _ text: String) async throws -> Set<String> {
        Set(try await store.search(SearchQuery(text: text)).hits.map(\.id))
    }

    @Test func prefixAndDiacriticFoldingFindInflectedWords() async throws {
        let store = try await populated()
        #expect(try await ids(store, "цифрови") == ["sofia/pilot/digital-rights"])
        #expect(try await ids(store, "ЦИФРОВИ права") == ["sofia/pilot/digital-rights"])
        #expect(try await ids(store, "dhena") == ["tirana/practice/open-data-portal"])
        #expect(try await ids(store, "të dhëna") == ["tirana/practice/open-data-portal"])
        #expect(try await ids(store, "tirane") == ["tirana/practice/open-data-portal"])
        #expect(try await ids(store, "guvernare deschisa") == ["cluj/practice/open-governance"])
        #expect(try await ids(store, "guvernare deschisă") == ["cluj/practice/open-governance"])
        #expect(try await ids(store, "cetateni") == ["cluj/practice/open-governance"])
        await store.close()
    }

    @Test func titleOutranksSummary() async throws {
        let store = try await populated()
        let hits = try await store.search(SearchQuery(text: "register")).hits.map(\.id)
        #expect(hits.first == "amsterdam/practice/algorithm-register")
        #expect(hits.contains("dublin/toolkit/summary-only"))
        await store.close()
    }

    @Test func queryTextCannotInjectFTSSyntax() async throws {
        let store = try await populated()
        for hostile in ["\"", "open\" OR \"x", "title:portal", "NEAR(open data)", "*", "-open", "open AND", "^open", "(", "{x}",
                        "a'b", "x\"* OR *", String(repeating: "open ", count: 500)] {
            _ = try await store.search(SearchQuery(text: hostile))
        }
        #expect(MatchExpression.make("title:portal OR x") == "\"title\"* \"portal\"* \"OR\" \"x\"")
        #expect(MatchExpression.terms(of: String(repeating: "a ", count: 100)).count == MatchExpression.maximumTerms)
        #expect(MatchExpression.make(" -- ** ") == nil)
        await store.close()
    }

    @Test func facetsCountEveryMatchNotJustThePage() async throws {
        let store = try await populated()
        let results = try await store.search(SearchQuery(text: "open", limit: 1))
        #expect(results.total == 2 && results.hits.count == 1)
        #expect(results.facets["city"] == [FacetCount(value: "cluj", count: 1), FacetCount(value: "tirana", count: 1)])
        #expect(results.facets["theme"] == [FacetCount(value: "transparency/open-data", count: 2)])
        #expect(results.facets["year"] == [FacetCount(value: "2019", count: 1), FacetCount(value: "2022", count: 1)])
        #expect(results.facets["language"]?.first == FacetCount(value: "en", count: 2))
        let second = try await store.search(SearchQuery(text: "open", limit: 1, offset: 1))
        #expect(second.hits.count == 1 && second.hits[0].id != results.hits[0].id)
        await store.close()
    }

    @Test func filtersNarrowHitsAndFacets() async throws {
        let store = try await populated()
        let level1 = try await store.search(SearchQuery(theme: "transparency"))
        #expect(level1.total == 4)
        #expect(try await store.search(SearchQuery(text: "open", city: "cluj")).hits.map(\.id) == ["cluj/practice/open-governance"])
        #expect(try await store.search(SearchQuery(kind: "pilot")).total == 1)
        #expect(try await store.search(SearchQuery(language: "bg")).hits.map(\.id) == ["sofia/pilot/digital-rights"])
        #expect(try await store.search(SearchQuery(year: 2022)).total == 2)
        #expect(try await store.search(SearchQuery(theme: "transpa")).total == 0)
        #expect(try await store.search(SearchQuery()).total == 5)
        await store.close()
    }

    @Test func snippetsMarkMatchedWords() async throws {
        let store = try await populated()
        let hit = try #require(try await store.search(SearchQuery(text: "algoritmeregister", highlight: ("[", "]"))).hits.first)
        #expect(hit.snippet.contains("[Algoritmeregister]"))
        await store.close()
    }

    @Test func deletedRecordsLeaveSearchButKeepState() async throws {
        let store = try await populated()
        _ = try await store.ingest([Fixtures.change("cluj/practice/open-governance", ["deleted": true], hlc: 9_000)])
        #expect(try await ids(store, "guvernare").isEmpty)
        #expect(try await store.search(SearchQuery()).total == 4)
        #expect(try await store.record("cluj/practice/open-governance")?.contains("\"deleted\":true") == true)
        await store.close()
    }
}
