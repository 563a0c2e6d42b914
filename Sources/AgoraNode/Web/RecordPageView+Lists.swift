import AgoraCore

/// The record page's facts, lists (partners, links, sources), adoptions and related records.
extension RecordPageView {
    func facts(_ html: inout HTML) {
        html.element("dl", ["class": "facts"]) { list in
            func fact(_ key: String, _ content: (inout HTML) -> Void) {
                list.element("dt", text: messages(key))
                list.element("dd", [:], content)
            }
            fact("field.city") { $0.element("a", ["href": WebURL.city(owner, hl: page.hl).string]) { $0.data(owner) } }
            if let country = view.string("country") { fact("field.country") { $0.data(page.label("country", country)) } }
            let dates = [view.string("startDate"), view.string("endDate")].compactMap { $0 }
            if !dates.isEmpty { fact("field.dates") { $0.data(dates.joined(separator: " – ")) } }
            let themes = view.strings("themes")
            if !themes.isEmpty {
                fact("field.themes") { dd in
                    dd.element("ul", ["class": "plain"]) { ul in
                        for theme in themes {
                            ul.element("li") {
                                $0.element("a", ["href": page.link([], [("theme", theme)])]) { $0.data(page.themeLabel(theme)) }
                            }
                        }
                    }
                }
            }
            let tags = view.strings("tags")
            if !tags.isEmpty { fact("field.tags") { $0.data(tags.joined(separator: ", ")) } }
            for key in ["budget", "format", "version", "contact"] {
                if let value = view.string(key) { fact("field.\(key)") { $0.data(value) } }
            }
            fact("field.licence") { $0.data(view.string("licence") ?? "CC-BY-4.0") }
            if let original = view.originalLanguage { fact("field.originalLanguage") { $0.data(messages.languageName(original)) } }
        }
    }

    func lists(_ html: inout HTML) {
        list("field.partners", view.strings("partners"), &html) { $0.data($1) }
        list("field.links", view.strings("links"), &html) { item, url in externalLink(url, text: url, &item) }
        list("field.sources", view.sources, &html) { item, source in
            let title = source["title"]?.stringValue ?? source["url"]?.stringValue ?? ""
            if let url = source["url"]?.stringValue { externalLink(url, text: title, &item) } else { item.data(title) }
            let detail = [source["publisher"]?.stringValue, source["date"]?.stringValue].compactMap { $0 }
            if !detail.isEmpty { item.text(" ("); item.data(detail.joined(separator: ", ")); item.text(")") }
        }
    }

    /// A section with a heading and a list, left out when `items` is empty.
    func list<T>(_ key: String, _ items: [T], _ html: inout HTML, _ each: (inout HTML, T) -> Void) {
        guard !items.isEmpty else { return }
        let anchor = key.replacingOccurrences(of: ".", with: "-")
        html.element("section", ["aria-labelledby": anchor]) { section in
            section.element("h2", ["id": anchor], text: messages(key))
            section.element("ul") { ul in for item in items { ul.element("li") { each(&$0, item) } } }
        }
    }

    /// A link out of the catalog when `url` is an http(s) URL; otherwise the text alone.
    func externalLink(_ url: String, text: String, _ html: inout HTML) {
        guard let href = WebURL.external(url) else { html.data(text); return }
        html.element("a", ["href": href, "rel": "noopener noreferrer nofollow"]) { $0.data(text) }
    }

    /// Adoptions by other cities, each shown as that city's, with its note.
    func adoptions(_ html: inout HTML) {
        let adopters = view.contributions.keys.sorted().filter { view.contributions[$0]?["adoption"]?.objectValue != nil }
        list("record.adoptions", adopters, &html) { item, city in
            let entry = view.contributions[city]?["adoption"] ?? .null
            item.element("p") { line in
                line.element("a", ["href": WebURL.city(city, hl: page.hl).string]) { $0.data(city) }
                line.text(" " + messages("record.adopted"))
                if let year = entry["year"]?.numberValue { line.text(" (" + String(Int(year)) + ")") }
            }
            let notes = (entry["note"]?.objectValue ?? [:]).compactMapValues(\.stringValue)
            if let tag = WebLanguage.best(of: notes.keys, preferences: page.preferences, original: nil), let note = notes[tag] {
                item.element("p", ["dir": "auto"]) { $0.data(note, language: tag) }
            }
            if let adapted = entry["adaptedAs"]?.stringValue, RecordID(adapted) != nil {
                item.element("p") { line in
                    line.text(messages("record.adaptedAs") + " ")
                    line.element("a", ["href": WebURL.record(adapted, hl: page.hl).string]) { $0.data(adapted) }
                }
            }
            if let url = entry["url"]?.stringValue { item.element("p") { externalLink(url, text: url, &$0) } }
        }
    }

    func relatedRecords(_ html: inout HTML) {
        guard !related.isEmpty else { return }
        html.element("section", ["aria-labelledby": "related"]) { section in
            section.element("h2", ["id": "related"], text: messages("record.related"))
            section.element("ul", ["class": "results"]) { list in
                for hit in related { list.element("li") { ResultView(page: page, hit: hit).render(&$0) } }
            }
        }
    }
}
