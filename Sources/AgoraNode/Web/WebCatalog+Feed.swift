import AgoraCore
import AgoraHTTP
import AgoraStore

/// `GET /feeds/atom`, `?city=` or `?theme=`: the newest changed records as Atom.
extension WebCatalog {
    /// Entries in a feed.
    static let feedEntries = 50

    @Sendable func feed(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        let city = request.query("city"), theme = request.query("theme")
        if let city, !ParameterSyntax.isCityID(city) { throw WebNotFound() }
        if let theme, !ParameterSyntax.isThemeID(theme) { throw WebNotFound() }
        let results = try await search(SearchQuery(city: city, theme: theme, limit: Self.feedEntries))
        let times = try await source.store.updatedTimes(results.hits.map(\.id))
        let entries = results.hits.map { hit -> AtomFeed.Entry in
            let view = (try? RecordView(stateJSON: hit.state)) ?? RecordView(state: .object([:]))
            let language = WebLanguage.best(of: view.text("title").keys, preferences: page.preferences, original: view.originalLanguage)
            return AtomFeed.Entry(id: hit.id, title: language.flatMap { view.text("title")[$0] } ?? hit.id,
                                  summary: view.text("summary", in: language) ?? "", language: language,
                                  city: hit.city ?? "", themes: view.strings("themes"), updatedMilliseconds: times[hit.id] ?? 0)
        }
        var title = page.messages("feed.coalition")
        if let city { title = page.messages("feed.city", ["city": city]) }
        if let theme { title = page.messages("feed.theme", ["theme": page.themeLabel(theme)]) }
        var path = WebURL(["feeds", "atom"])
        if let city { path = path.setting("city", city) }
        if let theme { path = path.setting("theme", theme) }
        let feed = AtomFeed(baseURL: Self.baseURL(request), selfPath: path.string, title: title, entries: entries)
        return WebSecurity.secured(HTTPResponse(status: .ok, headers: ["Content-Type": "application/atom+xml; charset=utf-8"],
                                                body: Array(feed.xml.utf8)))
    }
}
