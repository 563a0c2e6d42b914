import AgoraCore
import AgoraStore

/// The body of a record page: title and facts in the chosen language, the structured fields,
/// contributions of other cities (shown as theirs), related records, provenance and history.
struct RecordPageView {
    let page: WebPage
    let id: String
    let view: RecordView
    let history: [HistoryEntry]
    let related: [SearchHit]

    /// The text fields shown as sections, in the field order of `protocol/RECORDS.md`.
    static let sections = ["description", "challenge", "approach", "hypothesis", "evaluation", "results", "indicators",
                           "lessonsLearned", "transferability", "resources", "audience"]

    var messages: Messages { page.messages }
    var owner: String { view.string("city") ?? String(id.prefix { $0 != "/" }) }

    /// Translations contributed by other cities: language → (city, fields).
    var translations: [String: (city: String, fields: [String: String])] {
        var out: [String: (city: String, fields: [String: String])] = [:]
        for city in view.contributions.keys.sorted() {
            for (entry, value) in view.contributions[city]?.objectValue ?? [:] where entry.hasPrefix("translation/") {
                let language = String(entry.dropFirst("translation/".count))
                guard WebLanguage.validTag(language) != nil, out[language] == nil else { continue }
                out[language] = (city, (value.objectValue ?? [:]).compactMapValues(\.stringValue))
            }
        }
        return out
    }

    /// Every language the record can be read in: the owner's, then contributed translations.
    var languages: [String] {
        var set = Set<String>()
        for field in ["title", "summary"] + Self.sections { set.formUnion(view.text(field).keys) }
        set.formUnion(translations.keys)
        return set.filter { WebLanguage.validTag($0) != nil }.sorted()
    }

    /// The language the page shows.
    var language: String? { WebLanguage.best(of: languages, preferences: page.preferences, original: view.originalLanguage) }

    /// A text field in the shown language: the owner's text, else a contributed translation
    /// (with the contributing city), else the owner's text in its best language.
    func text(_ field: String) -> (text: String, language: String?, translatedBy: String?)? {
        let owned = view.text(field)
        if let language, let text = owned[language] { return (text, language, nil) }
        if let language, let translation = translations[language], let text = translation.fields[field] {
            return (text, language, translation.city)
        }
        let fallback = WebLanguage.best(of: owned.keys, preferences: page.preferences, original: view.originalLanguage)
        return fallback.flatMap { tag in owned[tag].map { ($0, tag, nil) } }
    }

    var title: String { text("title")?.text ?? id }

    func render(_ html: inout HTML) {
        let heading = text("title")
        html.element("h1") { $0.data(heading?.text ?? id, language: heading?.language) }
        badges(&html)
        languageSwitch(&html)
        if let summary = text("summary") { paragraph(summary, &html, lead: true) }
        facts(&html)
        for field in Self.sections {
            guard let value = text(field) else { continue }
            html.element("section", ["aria-labelledby": "field-\(field)"]) { section in
                section.element("h2", ["id": "field-\(field)"], text: messages("field.\(field)"))
                paragraph(value, &section)
            }
        }
        lists(&html)
        adoptions(&html)
        relatedRecords(&html)
        provenance(&html)
    }

    func paragraph(_ value: (text: String, language: String?, translatedBy: String?), _ html: inout HTML, lead: Bool = false) {
        for block in value.text.components(separatedBy: "\n\n") {
            html.element("p", ["class": lead ? "lead" : nil, "dir": "auto"]) { $0.data(block, language: value.language) }
        }
        if let city = value.translatedBy {
            html.element("p", ["class": "meta"]) { meta in
                meta.text(messages("record.translatedBy") + " ")
                meta.element("a", ["href": WebURL.city(city, hl: page.hl).string]) { $0.data(city) }
            }
        }
    }

    func badges(_ html: inout HTML) {
        html.element("p", ["class": "meta"]) { meta in
            meta.element("span", ["class": "badge"], text: page.label("kind", view.string("kind") ?? ""))
            if let stage = view.string("stage") {
                meta.element("span", ["class": "badge"], text: page.facetName("stage") + ": " + page.label("stage", stage))
            }
        }
        if view.document["illustrative"]?.boolValue == true {
            html.element("p", ["class": "notice"], text: messages("record.illustrative"))
        }
        if view.isDeleted { html.element("p", ["class": "notice"], text: messages("record.deleted")) }
    }

    func languageSwitch(_ html: inout HTML) {
        guard languages.count > 1 else { return }
        html.element("nav", ["aria-label": messages("record.languages")]) { nav in
            nav.element("ul", ["class": "active-filters"]) { list in
                for tag in languages {
                    list.element("li") { item in
                        let link = WebURL(["records"] + id.split(separator: "/").map(String.init), query: [("lang", tag), ("hl", page.hl)])
                        var label = messages.languageName(tag)
                        if let translation = translations[tag], view.text("title")[tag] == nil {
                            label += " (" + messages("record.translationBy", ["city": translation.city]) + ")"
                        }
                        item.element("a", ["href": link.string, "hreflang": tag, "aria-current": tag == language ? "true" : nil]) {
                            $0.data(label)
                        }
                    }
                }
            }
        }
    }
}
