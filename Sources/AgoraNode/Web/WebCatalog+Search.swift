import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /`: one search box, facets with counts, results with snippets, pages.
extension WebCatalog {
    @Sendable func searchPage(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        let form = SearchForm(request)
        let results = try await search(form.query)
        let title = form.text.isEmpty ? page.messages("search.title") : page.messages("search.titleFor", ["query": form.text])
        let html = page.document(title: title) { main in
            main.element("h1", text: page.messages("search.heading"))
            SearchView(page: page, form: form, results: results).render(&main)
        }
        return WebPage.response(html)
    }
}

/// The body of the search page.
struct SearchView {
    let page: WebPage
    let form: SearchForm
    let results: SearchResults
    var messages: Messages { page.messages }

    func render(_ html: inout HTML) {
        searchBox(&html)
        activeFilters(&html)
        html.element("div", ["class": "layout"]) { layout in
            facets(&layout)
            layout.element("section", ["aria-labelledby": "results-heading"]) { section in
                section.element("h2", ["id": "results-heading"], text: summary)
                if results.hits.isEmpty { suggestions(&section) } else { hits(&section) }
                pages(&section)
            }
        }
    }

    var summary: String {
        if form.text.isEmpty && form.filters.isEmpty { return messages("search.newest") }
        if results.capped { return messages.count("search.countMore", results.total) }
        return messages.count("search.count", results.total)
    }

    func url(_ form: SearchForm) -> String { page.link([], form.queryItems) }

    func searchBox(_ html: inout HTML) {
        html.element("form", ["class": "search", "role": "search", "method": "get", "action": "/"]) { form in
            form.element("label", ["for": "q"], text: messages("search.label"))
            form.void("input", ["type": "search", "id": "q", "name": "q", "value": self.form.text,
                                "maxlength": String(SearchParameters.maximumQueryLength), "autocomplete": "off"])
            for name in SearchForm.filterNames {
                if let value = self.form.filters[name] { form.void("input", ["type": "hidden", "name": name, "value": value]) }
            }
            form.void("input", ["type": "hidden", "name": "hl", "value": page.hl])
            form.element("button", ["type": "submit"], text: messages("search.submit"))
        }
    }

    func activeFilters(_ html: inout HTML) {
        guard !form.filters.isEmpty else { return }
        html.element("h2", text: messages("search.applied"))
        html.element("ul", ["class": "active-filters"]) { list in
            for name in SearchForm.filterNames {
                guard let value = form.filters[name] else { continue }
                list.element("li") { item in
                    item.element("a", ["href": url(form.with(name, nil)),
                                       "aria-label": messages("search.removeFilter", ["filter": page.facetName(name),
                                                                                     "value": page.label(name, value)])]) { link in
                        link.text(page.facetName(name) + ": ")
                        link.data(page.label(name, value))
                        link.text(" ✕")
                    }
                }
            }
        }
    }

    func facets(_ html: inout HTML) {
        html.element("nav", ["class": "facets", "aria-labelledby": "facets-heading"]) { nav in
            nav.element("h2", ["id": "facets-heading"], text: messages("search.refine"))
            for name in SearchForm.filterNames {
                let counts = results.facets[name] ?? []
                guard !counts.isEmpty else { continue }
                nav.element("section", ["aria-labelledby": "facet-\(name)"]) { section in
                    section.element("h3", ["id": "facet-\(name)"], text: page.facetName(name))
                    section.element("ul") { list in
                        for facet in ordered(name, counts).prefix(12) { entry(name, facet, into: &list) }
                    }
                }
            }
        }
    }

    func ordered(_ name: String, _ counts: [FacetCount]) -> [FacetCount] {
        name == "year" ? counts.sorted { $0.value > $1.value } : counts
    }

    func entry(_ name: String, _ facet: FacetCount, into list: inout HTML) {
        let selected = form.filters[name] == facet.value
        list.element("li") { item in
            item.element("a", ["href": url(form.with(name, selected ? nil : facet.value)),
                               "aria-current": selected ? "true" : nil]) { link in
                link.data(page.label(name, facet.value))
                link.text(" ")
                link.element("span", ["class": "count"], text: "(\(messages.number(facet.count)))")
            }
        }
    }

    func hits(_ html: inout HTML) {
        html.element("ol", ["class": "results", "start": String(form.query.offset + 1)]) { list in
            for hit in results.hits {
                list.element("li") { ResultView(page: page, hit: hit, terms: MatchExpression.terms(of: form.text)).render(&$0) }
            }
        }
    }

    /// What to loosen when nothing matched: each filter, then the last word.
    func suggestions(_ html: inout HTML) {
        html.element("p", text: messages("search.noHits"))
        html.element("ul") { list in
            for name in SearchForm.filterNames {
                guard let value = form.filters[name] else { continue }
                list.element("li") { item in
                    item.element("a", ["href": url(form.with(name, nil))],
                                 text: messages("search.suggestRemove", ["filter": page.facetName(name), "value": page.label(name, value)]))
                }
            }
            let words = MatchExpression.terms(of: form.text)
            if words.count > 1 {
                var fewer = form.on(page: 1)
                fewer.text = words.dropLast().joined(separator: " ")
                list.element("li") { $0.element("a", ["href": url(fewer)], text: messages("search.suggestFewer", ["query": fewer.text])) }
            }
            if !form.text.isEmpty || !form.filters.isEmpty {
                list.element("li") { $0.element("a", ["href": page.link([])], text: messages("search.suggestAll")) }
            }
        }
    }

    func pages(_ html: inout HTML) {
        let pageCount = min((results.total + SearchForm.pageSize - 1) / SearchForm.pageSize, SearchForm.maximumPage)
        guard pageCount > 1 else { return }
        html.element("nav", ["class": "pages", "aria-label": messages("search.pages")]) { nav in
            if form.page > 1 {
                nav.element("a", ["href": url(form.on(page: form.page - 1)), "rel": "prev"], text: messages("search.previous"))
            }
            nav.element("span", text: messages("search.pageOf", ["page": messages.number(form.page),
                                                                "pages": messages.number(pageCount)]))
            if form.page < pageCount {
                nav.element("a", ["href": url(form.on(page: form.page + 1)), "rel": "next"], text: messages("search.next"))
            }
        }
    }
}
