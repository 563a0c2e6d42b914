import AgoraCore

/// How facet values and record facts read in the interface language.
extension WebPage {
    /// The label of a facet value: a kind, stage or theme in words, a country or language by
    /// name, a city by its id, a year as digits.
    func label(_ facet: String, _ value: String) -> String {
        switch facet {
        case "kind": messages("kind.\(value)")
        case "stage": messages("stage.\(value)")
        case "theme": themeLabel(value)
        case "country": messages.countryName(value)
        case "language": messages.languageName(value)
        default: value
        }
    }

    /// A theme or principle in the interface language, else English, else its id.
    func themeLabel(_ id: String) -> String {
        let labels = Taxonomy.theme(id)?.labels ?? Taxonomy.principles.first { $0.id == id }?.labels ?? [:]
        return labels[hl] ?? labels["en"] ?? id
    }

    /// The heading of a facet (`facet.kind`, …).
    func facetName(_ facet: String) -> String { messages("facet.\(facet)") }
}
