import AgoraCore

/// What the store extracts from a record's state for facets and full-text search.
///
/// The columns and the text weighting are normative in `protocol/STORAGE.md`, "Search index".
struct IndexEntry: Equatable, Sendable {
    var kind: String?
    var city: String?
    var country: String?
    var stage: String?
    var year: Int?
    var originalLanguage: String?
    var isDeleted: Bool
    /// Whether the record has content of its own: a title in some language. A record known only
    /// through another city's adoption or contribution has none.
    var hasContent: Bool
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

    /// Members of AgoraCore's state object that are bookkeeping, not content.
    static let stateKeys: Set<String> = ["record", "kind", "owner", "deleted", "updated", "changes", "fields", "sets"]

    /// Whether search, facets and `/api/v1/cities` list the record: not deleted, and with content
    /// of its own (`records.deleted` holds the opposite, `protocol/STORAGE.md`).
    var isListed: Bool { !isDeleted && hasContent }

    /// Reads AgoraCore's state shape (`fields`, `sets`, `contributions`; `protocol/PROTOCOL.md`,
    /// "State") or a flat record document.
    init(state: JSONValue) {
        let fields = state["fields"]?.objectValue ?? state.objectValue ?? [:]
        let sets = state["sets"]?.objectValue ?? [:]
        var others: [JSONValue] = []
        if state["fields"] != nil {
            for key in state.objectValue?.keys.sorted() ?? [] where !Self.stateKeys.contains(key) {
                others.append(state[key] ?? .null)
            }
        }
        self.init(kind: state["kind"]?.stringValue ?? fields["kind"]?.stringValue,
                  city: state["owner"]?.stringValue ?? fields["city"]?.stringValue,
                  isDeleted: state["deleted"]?.boolValue ?? false, fields: fields,
                  themes: Self.strings(sets["themes"] ?? fields["themes"]), sets: sets.mapValues(Self.strings), others: others)
    }

    /// The same entry as ``init(state:)`` gives for `state.json`, read straight from the merged
    /// state (no JSON tree of the whole state is built).
    init(state: RecordState) {
        let contributions = state.contributions  // the only state member besides `stateKeys`
        self.init(kind: state.record.kind.rawValue, city: state.owner, isDeleted: state.isDeleted, fields: state.fields,
                  themes: state.sets["themes"].map { Array($0.keys) } ?? Self.strings(state.fields["themes"]),
                  sets: state.sets.mapValues { Array($0.keys) },
                  others: contributions.isEmpty ? [] : [.object(contributions.mapValues { .object($0) })])
    }

    /// - Parameters:
    ///   - sets: each set field's present elements.
    ///   - others: further state members whose texts go into `body`, in order.
    private init(kind: String?, city: String?, isDeleted: Bool, fields: [String: JSONValue], themes: [String],
                 sets: [String: [String]], others: [JSONValue]) {
        self.kind = kind
        self.city = city
        self.isDeleted = isDeleted
        self.themes = themes.sorted()
        country = fields["country"]?.stringValue
        stage = fields["stage"]?.stringValue
        year = fields["startDate"]?.stringValue.flatMap { Int($0.prefix(4)) }
        originalLanguage = fields["originalLanguage"]?.stringValue
        let titles = fields["title"]?.objectValue ?? [:]
        let summaries = fields["summary"]?.objectValue ?? [:]
        languages = Set(titles.keys).union(summaries.keys).sorted()
        title = Self.lines(titles)
        hasContent = !titles.isEmpty
        summary = Self.lines(summaries)
        var rest: [String] = []
        for key in fields.keys.sorted() where !Self.unindexedKeys.contains(key) {
            Self.collect(fields[key], into: &rest)
        }
        for key in sets.keys.sorted() where !Self.unindexedKeys.contains(key) {
            rest += (sets[key] ?? []).sorted()
        }
        for value in others { Self.collect(value, into: &rest) }
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
