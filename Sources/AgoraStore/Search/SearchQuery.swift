/// A search: words, filters, and a page.
///
/// See `protocol/STORAGE.md`, "Queries", for the SQL it runs.
public struct SearchQuery: Sendable, Equatable {
    /// The most hits one page returns.
    public static let maximumLimit = 100
    /// Hits per page unless the caller says.
    public static let defaultLimit = 20

    /// What the person typed; empty lists every record (newest first).
    public var text: String
    /// Only records of this kind (`practice`, `pilot`, `toolkit`).
    public var kind: String?
    /// Only records of this city.
    public var city: String?
    /// Only records of this country (ISO 3166-1 alpha-2).
    public var country: String?
    /// Only records with this theme: a level-2 id, or a level-1 id that covers its level-2 themes.
    public var theme: String?
    /// Only records at this stage.
    public var stage: String?
    /// Only records that have this language.
    public var language: String?
    /// Only records that started in this year.
    public var year: Int?
    /// Hits per page (1 … ``maximumLimit``).
    public var limit: Int
    /// Hits to skip.
    public var offset: Int
    /// Marks put around matched words in snippets (by default STX and ETX, which no record contains).
    public var highlight: (open: String, close: String)

    public init(text: String = "", kind: String? = nil, city: String? = nil, country: String? = nil,
                theme: String? = nil, stage: String? = nil, language: String? = nil, year: Int? = nil,
                limit: Int = SearchQuery.defaultLimit, offset: Int = 0,
                highlight: (open: String, close: String) = ("\u{2}", "\u{3}")) {
        self.text = text
        self.kind = kind
        self.city = city
        self.country = country
        self.theme = theme
        self.stage = stage
        self.language = language
        self.year = year
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.offset = max(offset, 0)
        self.highlight = highlight
    }

    public static func == (lhs: SearchQuery, rhs: SearchQuery) -> Bool {
        lhs.text == rhs.text && lhs.kind == rhs.kind && lhs.city == rhs.city && lhs.country == rhs.country
            && lhs.theme == rhs.theme && lhs.stage == rhs.stage && lhs.language == rhs.language
            && lhs.year == rhs.year && lhs.limit == rhs.limit && lhs.offset == rhs.offset
            && lhs.highlight == rhs.highlight
    }
}

/// One page of search results, the total, and facet counts: without words over every listed
/// match, with words over the search's candidates (at most ``SearchSQL/candidateLimit``).
public struct SearchResults: Sendable, Equatable {
    /// The hits of this page, best first.
    public var hits: [SearchHit]
    /// How many records match in all; when ``capped``, more than this match.
    public var total: Int
    /// Counts per facet (`kind`, `city`, `country`, `theme`, `stage`, `language`, `year`), largest first.
    public var facets: [String: [FacetCount]]
    /// Whether a search with words matched more than ``SearchSQL/candidateLimit`` records: then
    /// ``total`` is that number ("more than"), and the hits, pages and counts are of the
    /// candidates only (`protocol/STORAGE.md`, "Queries"): the page is "ranked among the first
    /// 1,000 matches".
    public var capped: Bool = false
}

/// One matching record.
public struct SearchHit: Sendable, Equatable {
    /// The record id.
    public var id: String
    public var kind: String?
    public var city: String?
    public var country: String?
    public var stage: String?
    public var year: Int?
    /// The record's state (canonical JSON), for titles in every language.
    public var state: String
    /// The best-matching passage, with matched words between the query's highlight marks (empty without words).
    public var snippet: String
    /// The bm25 score within the hit's tier (lower is better; 0 without words). Hits of the
    /// whole-word tier come before those of the prefix tier whatever their scores.
    public var score: Double
}

/// How many matching records have one facet value.
public struct FacetCount: Sendable, Equatable {
    public var value: String
    public var count: Int
}
