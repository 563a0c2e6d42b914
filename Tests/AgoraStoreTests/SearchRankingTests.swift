import Testing
@testable import AgoraStore

/// How a search with words ranks (`protocol/STORAGE.md`, "Queries"): whole-word matches before
/// prefix-only ones, bm25 within a tier (title above body), among at most
/// `SearchSQL.candidateLimit` candidates, the most recently stored first.
@Suite struct SearchRankingTests {
    static let records: [StoredChange] = [
        Fixtures.record("tirana/practice/prefix-title", title: ["en": "Databases of the city"], hlc: 1_001),
        Fixtures.record("sofia/practice/body-only", title: ["en": "Registry of services"],
                        description: ["en": "It publishes data every week."], hlc: 1_002),
        Fixtures.record("cluj/practice/title", title: ["en": "Open data in Cluj"], hlc: 1_003),
        Fixtures.record("dublin/practice/unrelated", title: ["en": "Housing"], hlc: 1_004),
    ]

    func ids(_ store: Store, _ text: String, highlight: (String, String) = ("\u{2}", "\u{3}")) async throws -> [String] {
        try await store.search(SearchQuery(text: text, highlight: highlight)).hits.map(\.id)
    }

    @Test func aTitleMatchRanksAboveABodyOnlyMatchAndWholeWordsAbovePrefixes() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest(Self.records)
        // "data": whole word in Cluj's title, whole word in Sofia's body, only "Databases" in Tirana's title.
        #expect(try await ids(store, "data") == ["cluj/practice/title", "sofia/practice/body-only", "tirana/practice/prefix-title"])
        let results = try await store.search(SearchQuery(text: "data", highlight: ("[", "]")))
        #expect(!results.capped && results.total == 3)
        #expect(results.hits.map(\.snippet).allSatisfy { $0.contains("[") })
        #expect(results.hits[2].snippet.contains("[Databases]"))
        // Pages continue the same order.
        let second = try await store.search(SearchQuery(text: "data", limit: 1, offset: 1))
        #expect(second.hits.map(\.id) == ["sofia/practice/body-only"])
        await store.close()
    }

    @Test func aWordOfOnlyShortTermsHasOneTier() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest([Fixtures.record("tirana/practice/ai", title: ["en": "AI in the city"])])
        #expect(try await ids(store, "ai") == ["tirana/practice/ai"])
        #expect(MatchExpression.wholeWords("AI dat") == "\"AI\" \"dat\"")
        await store.close()
    }

    /// More matches than the cap: only the most recently stored `candidateLimit` are ranked, and
    /// the result says so; a better match stored earlier is not among them.
    @Test func aCappedSearchRanksTheMostRecentlyStoredCandidatesAndSaysSo() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let oldest = Fixtures.record("tirana/practice/oldest", title: ["en": "Common common common"], hlc: 900)
        _ = try await store.ingest([oldest])
        let later = (0...SearchSQL.candidateLimit).map { index in
            Fixtures.record("sofia/practice/r\(index)", title: ["en": "Item \(index)"], description: ["en": "A common word."],
                            hlc: 1_000 + Int64(index))
        }
        _ = try await store.ingest(later)
        let results = try await store.search(SearchQuery(text: "common"))
        #expect(results.capped && results.total == SearchSQL.candidateLimit)
        #expect(results.facets["city"] == [FacetCount(value: "sofia", count: SearchSQL.candidateLimit)])
        #expect(!results.hits.contains { $0.id == "tirana/practice/oldest" })
        let past = try await store.search(SearchQuery(text: "common", limit: 10, offset: SearchSQL.candidateLimit))
        #expect(past.hits.isEmpty)
        // A filter narrows the matches before the cap: the oldest record is then ranked first.
        let filtered = try await store.search(SearchQuery(text: "common", city: "tirana"))
        #expect(!filtered.capped && filtered.hits.map(\.id) == ["tirana/practice/oldest"])
        await store.close()
    }

    @Test func theSameSearchGivesTheSamePageTwice() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest(Self.records)
        let first = try await store.search(SearchQuery(text: "of"))
        #expect(first.hits.count == 2)
        #expect(first == (try await store.search(SearchQuery(text: "of"))))
        await store.close()
    }

    @Test func theRecordedStatementsAreTheOnesRun() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest(Self.records)
        let statements = try await store.searchStatements(SearchQuery(text: "data"))
        // Two candidate tiers, the page's rows, one snippet statement per tier on the page, the counts.
        #expect(statements.count == 6)
        #expect(statements.first?.contains("MATCH '\"data\"'") == true)
        #expect(statements[1].contains("MATCH '\"data\"*'"))
        await store.close()
    }
}
