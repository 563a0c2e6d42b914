import AgoraCore

/// A record's state seen as a flat record document, for the exporters.
///
/// It reads AgoraCore's state shape (`record`, `kind`, `owner`, `deleted`, `fields`, `sets`,
/// `contributions`; see `protocol/PROTOCOL.md`, "State") and also a state that is already a
/// flat document. Set fields come out as sorted arrays of their elements.
public struct RecordView: Sendable {
    /// The record document: every field, sets as arrays, plus `id`, `kind` and `city`.
    public let document: [String: JSONValue]
    /// Whether the record is deleted.
    public let isDeleted: Bool
    /// Contribution entries by city (adoptions, translations).
    public let contributions: [String: JSONValue]

    /// Reads a state given as canonical JSON text.
    public init(stateJSON: String) throws {
        try self.init(state: CanonicalJSON.decode(Array(stateJSON.utf8)))
    }

    /// Reads a parsed state.
    public init(state: JSONValue) {
        guard let fields = state["fields"]?.objectValue else {
            document = state.objectValue ?? [:]
            isDeleted = state["deleted"]?.boolValue ?? false
            contributions = [:]
            return
        }
        var document = fields
        for (field, elements) in state["sets"]?.objectValue ?? [:] {
            let keys = (elements.objectValue?.keys).map(Array.init) ?? elements.arrayValue?.compactMap(\.stringValue) ?? []
            if !keys.isEmpty { document[field] = .array(keys.sorted().map(JSONValue.string)) }
        }
        if let id = state["record"]?.stringValue { document["id"] = .string(id) }
        if let kind = state["kind"]?.stringValue { document["kind"] = .string(kind) }
        if let owner = state["owner"]?.stringValue { document["city"] = .string(owner) }
        self.document = document
        self.isDeleted = state["deleted"]?.boolValue ?? false
        self.contributions = state["contributions"]?.objectValue ?? [:]
    }

    /// The record id.
    public var id: String { string("id") ?? "" }

    /// Whether the record has content of its own: a title in some language. A record known only
    /// through another city's adoption or contribution has none, and no export lists it.
    public var hasContent: Bool { !text("title").isEmpty }

    /// Whether the record exports (CSV rows, DCAT datasets, counts): not deleted, with content.
    public var isListed: Bool { !isDeleted && hasContent }

    /// A plain string field.
    public func string(_ field: String) -> String? { document[field]?.stringValue }

    /// A language map field (`{"sq": "…", "en": "…"}`), empty when absent.
    public func text(_ field: String) -> [String: String] {
        (document[field]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// A set or array of strings, sorted as stored.
    public func strings(_ field: String) -> [String] {
        document[field]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// The record's original language, or the first language of its title.
    public var originalLanguage: String? { string("originalLanguage") ?? text("title").keys.sorted().first }

    /// The text of `field` in `language`, falling back to the original language, then any.
    public func text(_ field: String, in language: String?) -> String? {
        let map = text(field)
        if let language, let value = map[language] { return value }
        if let original = originalLanguage, let value = map[original] { return value }
        return map.keys.sorted().first.flatMap { map[$0] }
    }

    /// The `sources` array as objects.
    public var sources: [[String: JSONValue]] {
        document["sources"]?.arrayValue?.compactMap(\.objectValue) ?? []
    }
}
