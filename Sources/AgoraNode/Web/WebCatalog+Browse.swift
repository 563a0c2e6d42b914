import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /cities/{city}` and `GET /overview`.
extension WebCatalog {
    /// Records listed on a city page (the search page lists the rest).
    static let cityPageRecords = 20

    @Sendable func cityPage(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        let city = request.parameter("city") ?? ""
        guard ParameterSyntax.isCityID(city) else { throw WebNotFound() }
        let published = try await cached("city|\(city)", bytes: { $0.newest.approximateBytes + 64 * $0.kinds.count }) {
            try await source.store.cityRecords(city, limit: Self.cityPageRecords)
        }
        let total = published.kinds.reduce(0) { $0 + $1.count }
        let adopted = try await cached("adoptions|\(city)", bytes: \.approximateBytes) {
            try await source.store.contributions(by: city).filter { entry in
                (try? RecordView(stateJSON: entry.state))?.contributions[city]?["adoption"]?.objectValue != nil
            }.map { SearchHit(id: $0.id, state: $0.state) }
        }
        guard total > 0 || !adopted.isEmpty else { throw WebNotFound() }
        let html = page.document(title: city, alternate: WebURL(["feeds", "atom"], query: [("city", city)]).string) { main in
            main.element("h1") { $0.data(city) }
            CountsView(page: page, facets: ["kind": published.kinds], base: SearchForm().with("city", city)).kinds(total, &main)
            main.element("p") { $0.element("a", ["href": WebURL(["feeds", "atom"], query: [("city", city)]).string],
                                            text: page.messages("city.feed")) }
            main.element("section", ["aria-labelledby": "published"]) { section in
                section.element("h2", ["id": "published"], text: page.messages("city.published"))
                list(published.newest, page, &section)
                if total > published.newest.count {
                    section.element("p") { $0.element("a", ["href": page.link([], [("city", city)])], text: page.messages("city.all")) }
                }
            }
            main.element("section", ["aria-labelledby": "adopted"]) { section in
                section.element("h2", ["id": "adopted"], text: page.messages("city.adopted"))
                if adopted.isEmpty { section.element("p", text: page.messages("city.noAdoptions")) }
                list(adopted, page, &section)
            }
        }
        return WebPage.response(html)
    }

    func list(_ hits: [SearchHit], _ page: WebPage, _ html: inout HTML) {
        guard !hits.isEmpty else { return }
        html.element("ul", ["class": "results"]) { list in
            for hit in hits { list.element("li") { ResultView(page: page, hit: hit).render(&$0) } }
        }
    }

    @Sendable func overviewPage(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        let all = try await search(SearchForm().query)  // the empty search page's query: one cached answer serves both
        let html = page.document(title: page.messages("overview.title")) { main in
            main.element("h1", text: page.messages("overview.title"))
            let counts = CountsView(page: page, facets: all.facets, base: SearchForm())
            counts.kinds(all.total, &main)
            main.element("div", ["class": "columns"]) { columns in
                counts.themes(&columns)
                counts.table("city", &columns)
                counts.table("country", &columns)
                counts.table("stage", &columns)
            }
        }
        return WebPage.response(html)
    }
}

/// Counts of a set of records by facet, each linked to the search that lists them.
struct CountsView {
    let page: WebPage
    let facets: [String: [FacetCount]]
    /// The search the counts narrow.
    let base: SearchForm

    func link(_ facet: String, _ value: String) -> String { page.link([], base.with(facet, value).queryItems) }

    /// "12 records: 7 practices, 3 pilots, 2 toolkits".
    func kinds(_ total: Int, _ html: inout HTML) {
        let parts = (facets["kind"] ?? []).map { page.messages.count("count.\($0.value)", $0.count) }
        html.element("p", ["class": "lead"], text: page.messages.count("count.records", total)
                     + (parts.isEmpty ? "" : ": " + parts.joined(separator: ", ")))
    }

    /// A table of one facet's values and counts.
    func table(_ facet: String, _ html: inout HTML) {
        let counts = facets[facet] ?? []
        guard !counts.isEmpty else { return }
        html.element("section", ["aria-labelledby": "by-\(facet)"]) { section in
            section.element("h2", ["id": "by-\(facet)"], text: page.messages("overview.by.\(facet)"))
            section.element("table") { table in
                header(page.facetName(facet), &table)
                table.element("tbody") { body in
                    for count in counts {
                        body.element("tr") { row in
                            row.element("th", ["scope": "row"]) { cell in
                                let href = facet == "city" ? WebURL.city(count.value, hl: page.hl).string : link(facet, count.value)
                                cell.element("a", ["href": href]) { $0.data(page.label(facet, count.value)) }
                            }
                            row.element("td", text: page.messages.number(count.count))
                        }
                    }
                }
            }
        }
    }

    /// Themes grouped under the coalition's five principles, with counts.
    func themes(_ html: inout HTML) {
        let counts = Dictionary((facets["theme"] ?? []).map { ($0.value, $0.count) }, uniquingKeysWith: +)
        html.element("section", ["aria-labelledby": "by-theme"]) { section in
            section.element("h2", ["id": "by-theme"], text: page.messages("overview.by.theme"))
            section.element("table") { table in
                header(page.facetName("theme"), &table)
                for principle in Taxonomy.principles {
                    let used = principle.themes.filter { counts[$0.id] != nil }
                    guard !used.isEmpty else { continue }
                    table.element("tbody") { body in
                        body.element("tr") { row in
                            row.element("th", ["scope": "rowgroup", "colspan": "2"]) {
                                $0.element("a", ["href": link("theme", principle.id)]) { $0.data(page.themeLabel(principle.id)) }
                            }
                        }
                        for theme in used {
                            body.element("tr") { row in
                                row.element("th", ["scope": "row"]) {
                                    $0.element("a", ["href": link("theme", theme.id)]) { $0.data(page.themeLabel(theme.id)) }
                                }
                                row.element("td", text: page.messages.number(counts[theme.id] ?? 0))
                            }
                        }
                    }
                }
            }
        }
    }

    func header(_ name: String, _ table: inout HTML) {
        table.element("thead") { head in
            head.element("tr") { row in
                row.element("th", ["scope": "col"], text: name)
                row.element("th", ["scope": "col"], text: page.messages("overview.records"))
            }
        }
    }
}
