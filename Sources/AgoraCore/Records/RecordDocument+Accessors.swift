extension RecordDocument {
    /// The default licence when a record names none.
    public static let defaultLicence = "CC-BY-4.0"

    /// The language map of a text field (empty when absent).
    public func text(_ field: String) -> [String: String] {
        (fields[field]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    /// The value of a string field, if present.
    public func string(_ field: String) -> String? { fields[field]?.stringValue }

    /// The elements of a set field (empty when absent).
    public func elements(_ field: String) -> Set<String> {
        Set((fields[field]?.arrayValue ?? []).compactMap(\.stringValue))
    }

    /// The title per language.
    public var title: [String: String] { text("title") }
    /// The summary per language.
    public var summary: [String: String] { text("summary") }
    /// The language the record was written in.
    public var originalLanguage: String { string("originalLanguage") ?? "" }
    /// The ISO 3166-1 alpha-2 country code.
    public var country: String { string("country") ?? "" }
    /// The stage: idea, pilot, implementation, evaluation, scaling or discontinued.
    public var stage: String { string("stage") ?? "" }
    /// The level-2 theme ids.
    public var themes: Set<String> { elements("themes") }
    /// The co-author cities.
    public var coAuthors: Set<String> { elements("coAuthors") }
    /// The licence, `CC-BY-4.0` when the document names none.
    public var licence: String { string("licence") ?? RecordDocument.defaultLicence }
    /// Whether the content is illustrative rather than sourced.
    public var isIllustrative: Bool { fields["illustrative"]?.boolValue ?? false }
    /// Every language any text field has, sorted.
    public var languages: [String] {
        Set(RecordField.all.filter(\.isText).flatMap { text($0.name).keys }).sorted()
    }

    /// The sources the facts come from.
    public var sources: [Source] {
        (fields["sources"]?.arrayValue ?? []).map { item in
            Source(title: item["title"]?.stringValue ?? "", url: item["url"]?.stringValue,
                   publisher: item["publisher"]?.stringValue, date: item["date"]?.stringValue,
                   seed: item["seed"]?.stringValue)
        }
    }

    /// A document a record's facts come from.
    public struct Source: Sendable, Hashable {
        public let title: String
        public let url: String?
        public let publisher: String?
        public let date: String?
        /// A document of the coalition's seed set, e.g. `001_216994fb3af8ac8c`.
        public let seed: String?
    }

    /// The document as JSON: `id`, `kind`, `city` and every present field.
    public var json: JSONValue {
        var object = fields
        object["id"] = .string(id.description)
        object["kind"] = .string(kind.rawValue)
        object["city"] = .string(city)
        return .object(object)
    }
}
