import AgoraCore

/// What the store extracts from a record's state for facets and full-text search.
///
/// The columns and the text weighting are normative in `protocol/STORAGE.md`, "Search index".
struct IndexEntry: Equatable {
    var kind: String?
    var city: String?
    var country: String?
    var stage: String?
    var year: Int?
    var originalLanguage: String?
    var isDeleted: Bool
    var themes: [String]
    var languages: [String]
    /// Every language of `title`, one per line.
    var title: String
    /// Every language of `summary`, one per line.
    var summary: String
    /// Every other text in the record (all languages), one per line.
    var body: String

    /// Fields that are identifiers, codes or addresses rather than prose: not put in the text index.
    static let unindexedKeys: Set<String> = [
        "id", "kind", "city", "country", "stage", "originalLanguage", "startDate", "endDate", "themes",
        "licence", "links", "url", "seed", "contact", "deleted", "illustrative", "coAuthors",
        "adaptedFrom", "supersedes", "title", "summary", "version",
    ]

    /// Keys inside nested objects (sources, contributions) that hold no prose.
    static let nestedUnindexedKeys: Set<String> = ["url", "seed", "date", "id", "key", "city", "record"]

    init(state: JSONValue) {
        let fields = state["fields"]?.objectValue ?? state.objectValue ?? [:]
        kind = fields["kind"]?.stringValue ?? state["kind"]?.stringValue
        city = fields["city"]?.stringValue ?? state["city"]?.stringValue
        country = fields["country"]?.stringValue
        stage = fields["stage"]?.stringValue
        year = fields["startDate"]?.stringValue.flatMap { Int($0.prefix(4)) }
        originalLanguage = fields["originalLanguage"]?.stringValue
        isDeleted = state["deleted"]?.boolValue ?? fields["deleted"]?.boolValue ?? false
        themes = Self.strings(fields["themes"]).sorted()
        let titles = fields["title"]?.objectValue ?? [:]
        let summaries = fields["summary"]?.objectValue ?? [:]
        languages = Set(titles.keys).union(summaries.keys).sorted()
        title = Self.lines(titles)
        summary = Self.lines(summaries)
        var rest: [String] = []
        for key in fields.keys.sorted() where !Self.unindexedKeys.contains(key) {
            Self.collect(fields[key], into: &rest)
        }
        for key in state.objectValue?.keys.sorted() ?? [] where key != "fields" && !Self.unindexedKeys.contains(key) {
            Self.collect(state[key], into: &rest)
        }
        body = rest.joined(separator: "\n")
    }

    private static func strings(_ value: JSONValue?) -> [String] {
        if let array = value?.arrayValue { return array.compactMap(\.stringValue) }
        if let object = value?.objectValue { return Array(object.keys) }
        return []
    }

    private static func lines(_ map: [String: JSONValue]) -> String {
        map.keys.sorted().compactMap { map[$0]?.stringValue }.joined(separator: "\n")
    }

    private static func collect(_ value: JSONValue?, into out: inout [String]) {
        switch value {
        case .string(let text): out.append(text)
        case .array(let items): items.forEach { collect($0, into: &out) }
        case .object(let members):
            for key in members.keys.sorted() where !nestedUnindexedKeys.contains(key) { collect(members[key], into: &out) }
        default: break
        }
    }
}
