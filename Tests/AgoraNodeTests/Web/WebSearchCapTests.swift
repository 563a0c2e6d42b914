import Testing
import AgoraCore
import AgoraStore
@testable import AgoraNode

/// What a reader sees of the search's candidate cap (`SearchSQL.candidateLimit`) on the page
/// and in the JSON API, and the city page's counts by kind.
@Suite struct WebSearchCapTests {
    static let records = (0...SearchSQL.candidateLimit).map { index in
        WebFixtures.record("tirana/\(index % 3 == 0 ? "pilot" : "practice")/r\(index)", title: ["en": "Common item \(index)"],
                           summary: ["en": "A summary."])
    }

    @Test func aSearchPastTheCapSaysItRanksAmongTheMostRecentlyAdded() async throws {
        let web = try await WebHarness.make(Self.records)
        defer { Task { await web.close() } }
        let page = await web.get("/?q=common&hl=en").text
        #expect(page.contains("More than 1,000 records found; the best of the 1,000 most recently added are shown"))
        let api = await web.get("/api/v1/search?q=common").json
        #expect(api["capped"]?.boolValue == true)
        #expect(api["total"]?.numberValue == Double(SearchSQL.candidateLimit))
        let narrow = await web.get("/?q=common+999&hl=en").text
        #expect(narrow.contains("1 record found"))
        #expect(!narrow.contains("More than"))
    }

    @Test func theCityPageCountsItsRecordsByKind() async throws {
        let web = try await WebHarness.make(Array(Self.records.prefix(7)))
        defer { Task { await web.close() } }
        let page = await web.get("/cities/tirana?hl=en").text
        #expect(page.contains("7 records: 4 practices, 3 pilots"))
    }
}
