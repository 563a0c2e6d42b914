import AgoraStore

/// One record in a list of results: its title in the reader's best language as a link, its
/// facts, and a passage with the matched words marked, in that language when it has a match.
struct ResultView {
    let page: WebPage
    let hit: SearchHit
    /// The words searched for (empty: the start of the summary is shown).
    var terms: [String] = []

    func render(_ html: inout HTML) {
        let view = (try? RecordView(stateJSON: hit.state)) ?? RecordView(state: .object([:]))
        let titles = view.text("title")
        let language = WebLanguage.best(of: titles.keys, preferences: page.preferences, original: view.originalLanguage)
        let title = language.flatMap { titles[$0] } ?? hit.id
        html.element("h3") { heading in
            heading.element("a", ["href": WebURL.record(hit.id, hl: page.hl).string]) { $0.data(title, language: language) }
        }
        html.element("p", ["class": "meta"]) { meta in
            if view.document["illustrative"]?.boolValue == true {
                meta.element("span", ["class": "badge"], text: page.messages("record.illustrative.badge"))
            }
            let facts = [hit.kind.map { page.label("kind", $0) }, hit.city, hit.country.map { page.label("country", $0) },
                         hit.stage.map { page.label("stage", $0) }, hit.year.map(String.init)].compactMap { $0 }
            meta.data(facts.joined(separator: " · "))
        }
        passage(view, &html)
    }

    /// The summary passage in the best language with a match; else the store's snippet.
    func passage(_ view: RecordView, _ html: inout HTML) {
        let summaries = view.text("summary")
        var languages = page.preferences.filter { summaries[$0] != nil }
        languages += summaries.keys.sorted().filter { !languages.contains($0) }
        for language in languages {
            if let text = summaries[language], let snippet = WebText.snippet(text, terms: terms) {
                html.element("p") { $0.snippet(snippet, language: language) }
                return
            }
        }
        if !hit.snippet.isEmpty { html.element("p") { $0.snippet(hit.snippet) } }
    }
}
