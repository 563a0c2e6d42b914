import Foundation
import Testing
import AgoraTesting
@testable import AgoraStore

/// The facet counts the writer keeps (`facet_counts`, schema version 6) equal a recomputation
/// from the records' rows after random histories of ingests, deletions, redactions and rebuilds,
/// and a search read from them gives the same total and counts as counting over every match.
@Suite struct FacetCountsTests {
    static let records = ["tirana/practice/a", "tirana/pilot/b", "sofia/practice/c", "cluj/toolkit/d", "cluj/practice/e"]
    static let themes = ["transparency", "transparency/open-data", "inclusion/participation", "a/b/c", "procurement"]

    /// A random edit of `record`: new values for some facets, sometimes deleted, undeleted or without a title.
    static func edit(_ record: String, hlc: Int64, _ random: inout SplitMix64) -> StoredChange {
        var fields: [String: Any] = ["id": record]
        if Bool.random(using: &random) { fields["stage"] = ["pilot", "implementation", "scaled"].randomElement(using: &random) }
        if Bool.random(using: &random) { fields["country"] = ["AL", "BG", "RO"].randomElement(using: &random) }
        if Bool.random(using: &random) { fields["startDate"] = ["2019", "2022", "2024"].randomElement(using: &random) }
        if Bool.random(using: &random) { fields["themes"] = themes.filter { _ in Bool.random(using: &random) } }
        switch Int.random(in: 0..<10, using: &random) {
        case 0: fields["deleted"] = true
        case 1: fields["deleted"] = NSNull()
        case 2: fields["title"] = NSNull()
        default:
            let languages = ["en", "sq", "bg", "ro"].filter { _ in Bool.random(using: &random) }
            fields["title"] = Dictionary(uniqueKeysWithValues: (languages.isEmpty ? ["en"] : languages).map { ($0, "Title \(hlc)") })
        }
        return Fixtures.change(record, fields, hlc: hlc)
    }

    func rows(_ store: Store, _ sql: String) async throws -> [String] {
        try await store.read { db in
            try db.map("SELECT * FROM (\(sql)) ORDER BY 1, 2, 3") { "\($0.text(0) ?? "")|\($0.text(1) ?? "")|\($0.text(2) ?? "")|\($0.int(3))" }
        }
    }

    /// The total and counts of `query` counted over every match (the statement used with words
    /// or several filters), sorted as ``Store/search(_:limits:)`` sorts them.
    func counted(_ store: Store, _ query: SearchQuery) async throws -> (Int, [String: [FacetCount]]) {
        let arguments: [SQLValue] = [
            .null, .optional(query.kind), .optional(query.city), .optional(query.country), .optional(query.theme),
            .optional(query.stage), .optional(query.language), .optional(query.year),
        ]
        return try await store.read { db in
            var total = 0
            var facets: [String: [FacetCount]] = [:]
            try db.forEach(SearchSQL.listedFacets, arguments) { row in
                if row.text(0) == "total" { total = row.int(2); return }
                facets[row.text(0) ?? "", default: []].append(FacetCount(value: row.text(1) ?? "", count: row.int(2)))
            }
            for key in facets.keys {
                facets[key]?.sort { $0.count != $1.count ? $0.count > $1.count : $0.value < $1.value }
            }
            return (total, facets)
        }
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64])
    func keptCountsEqualARecountAfterRandomHistories(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let store = try Fixtures.store(in: Fixtures.directory())
        var written: [String: [StoredChange]] = [:]
        var hlc: Int64 = 1_000
        for _ in 0..<30 {
            var batch: [StoredChange] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                hlc += 1
                let record = Self.records.randomElement(using: &random) ?? ""
                if Int.random(in: 0..<6, using: &random) == 0, let target = written[record]?.randomElement(using: &random) {
                    batch.append(Fixtures.change(record, [:], hlc: hlc, redacts: [target.id]))
                } else {
                    batch.append(Self.edit(record, hlc: hlc, &random))
                }
                written[record, default: []].append(batch[batch.count - 1])
            }
            _ = try await store.ingest(batch)
            if Int.random(in: 0..<8, using: &random) == 0 { _ = try await store.rebuild() }
            let kept = try await rows(store, "SELECT filter, facet, value, count FROM facet_counts")
            #expect(kept == (try await rows(store, FacetCounts.recomputeSQL)), "seed \(seed)")
        }
        var queries = [SearchQuery()]
        for value in ["tirana", "sofia", "nowhere"] { queries.append(SearchQuery(city: value)) }
        for value in ["practice", "pilot", "toolkit"] { queries.append(SearchQuery(kind: value)) }
        for value in Self.themes + ["a", "a/b", "transparency/"] { queries.append(SearchQuery(theme: value)) }
        for value in ["en", "sq"] { queries.append(SearchQuery(language: value)) }
        queries += [SearchQuery(country: "BG"), SearchQuery(stage: "pilot"), SearchQuery(year: 2022)]
        for query in queries {
            #expect(FacetCounts.key(for: query) != nil)
            let results = try await store.search(query)
            let (total, facets) = try await counted(store, query)
            #expect(results.total == total, "seed \(seed), \(query)")
            #expect(results.facets == facets, "seed \(seed), \(query)")
        }
        await store.close()
    }

    @Test func onlySearchesWithoutWordsAndWithOneFilterAtMostReadTheKeptCounts() {
        #expect(FacetCounts.key(for: SearchQuery()) == "")
        #expect(FacetCounts.key(for: SearchQuery(theme: "transparency")) == "theme=transparency")
        #expect(FacetCounts.key(for: SearchQuery(year: 2022)) == "year=2022")
        #expect(FacetCounts.key(for: SearchQuery(text: "open")) == nil)
        #expect(FacetCounts.key(for: SearchQuery(kind: "pilot", city: "sofia")) == nil)
    }
}

/// A search with words counts its total and facets over at most `SearchSQL.candidateLimit`
/// matches, and says so; below it, everything is counted.
@Suite struct CappedFacetTests {
    @Test func aCommonWordIsCappedAndMarkedARareOneIsExact() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let count = SearchSQL.candidateLimit + 5
        let batch = (0..<count).map { index in
            Fixtures.record("tirana/practice/r\(index)", title: ["en": index < 3 ? "Common rare" : "Common word"],
                            hlc: 1_000 + Int64(index))
        }
        _ = try await store.ingest(batch)
        let common = try await store.search(SearchQuery(text: "common"))
        #expect(common.capped)
        #expect(common.total == SearchSQL.candidateLimit)
        #expect(common.facets["kind"] == [FacetCount(value: "practice", count: SearchSQL.candidateLimit)])
        #expect(common.hits.count == SearchQuery.defaultLimit)
        let rare = try await store.search(SearchQuery(text: "rare"))
        #expect(!rare.capped)
        #expect(rare.total == 3)
        #expect(Set(rare.hits.map(\.id)) == ["tirana/practice/r0", "tirana/practice/r1", "tirana/practice/r2"])
        #expect(rare.hits.allSatisfy { $0.snippet.contains("\u{2}") })
        let browsed = try await store.search(SearchQuery())
        #expect(!browsed.capped)
        #expect(browsed.total == count)
        await store.close()
    }
}
