import AgoraHTTP
import AgoraStore

/// The search page's query string, read leniently: a person may edit a URL by hand, so a
/// filter that is malformed is dropped (and the page shows what was applied) rather than
/// refused. The parameters are the JSON API's (`q`, `kind`, `city`, `country`, `theme`,
/// `stage`, `year`) plus `language` (records that have this language), `page` and `hl`.
struct SearchForm: Sendable, Equatable {
    /// Results per page.
    static let pageSize = 20
    /// The last page that can be asked for (the API's deepest offset).
    static let maximumPage = SearchParameters.maximumOffset / pageSize + 1
    /// The filters in the order the page shows them.
    static let filterNames = ["kind", "city", "country", "theme", "stage", "language", "year"]

    /// What was typed, cut to the API's longest query.
    var text: String
    /// The applied filters by name, each valid.
    var filters: [String: String]
    /// The page, from 1.
    var page: Int

    init(text: String = "", filters: [String: String] = [:], page: Int = 1) {
        self.text = text
        self.filters = filters
        self.page = page
    }

    /// The form of `request`.
    init(_ request: HTTPRequest) {
        text = String((request.query("q") ?? "").prefix(SearchParameters.maximumQueryLength))
        var filters: [String: String] = [:]
        for name in Self.filterNames {
            if let value = request.query(name), Self.isValid(name, value) { filters[name] = value }
        }
        self.filters = filters
        let asked = request.query("page").flatMap { Int($0) } ?? 1
        page = min(max(asked, 1), Self.maximumPage)
    }

    /// Whether `value` is a well-formed value of filter `name`.
    static func isValid(_ name: String, _ value: String) -> Bool {
        switch name {
        case "kind": SearchParameters.kinds.contains(value)
        case "stage": SearchParameters.stages.contains(value)
        case "city": ParameterSyntax.isCityID(value)
        case "country": ParameterSyntax.isCountryCode(value)
        case "theme": ParameterSyntax.isThemeID(value)
        case "language": ParameterSyntax.isLanguageTag(value)
        case "year": value.utf8.count == 4 && Int(value).map(SearchParameters.years.contains) == true
        default: false
        }
    }

    /// The store query of this form.
    var query: SearchQuery {
        SearchQuery(text: text, kind: filters["kind"], city: filters["city"], country: filters["country"],
                    theme: filters["theme"], stage: filters["stage"], language: filters["language"],
                    year: filters["year"].flatMap { Int($0) }, limit: Self.pageSize, offset: (page - 1) * Self.pageSize)
    }

    /// The query items of this form (without `page` when it is 1), in a fixed order, so equal
    /// searches have equal URLs.
    var queryItems: [(name: String, value: String)] {
        var items: [(name: String, value: String)] = [("q", text)]
        for name in Self.filterNames { if let value = filters[name] { items.append((name, value)) } }
        if page > 1 { items.append(("page", String(page))) }
        return items
    }

    /// The same search with filter `name` set to `value` (nil: removed), back on page 1.
    func with(_ name: String, _ value: String?) -> SearchForm {
        var copy = self
        copy.filters[name] = value
        copy.page = 1
        return copy
    }

    /// The same search on another page.
    func on(page: Int) -> SearchForm {
        var copy = self
        copy.page = page
        return copy
    }
}
