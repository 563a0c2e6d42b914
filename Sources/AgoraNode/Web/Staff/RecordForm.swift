import AgoraCore

/// The values of the record form, to and from a record document.
///
/// The form edits the common fields, one source, and the main text fields in each interface
/// language. Fields it does not show (partners, links, tags, further sources, …) are carried
/// over from the record or draft it started from, so publishing never drops them.
struct RecordForm: Sendable {
    /// Text fields the form shows, per language.
    static let textFields = ["title", "summary", "description", "challenge", "approach", "results", "lessonsLearned"]
    /// Plain fields the form shows.
    static let plainFields = ["slug", "kind", "stage", "country", "originalLanguage", "startDate", "source.title", "source.url"]

    /// Values by form field name (`title.sq`, `stage`, …), as typed.
    var values: [String: String] = [:]
    /// Checked themes.
    var themes: Set<String> = []
    /// The draft it edits, if any.
    var draft: Int64?

    init() {}

    /// The values a form submission carries.
    init(_ form: FormData) {
        for name in Self.plainFields { values[name] = form[name] ?? "" }
        for field in Self.textFields {
            for language in WebLanguage.interface { values["\(field).\(language)"] = form["\(field).\(language)"] ?? "" }
        }
        themes = Set(form.all("themes").filter { Taxonomy.theme($0) != nil })
        draft = form["draft"].flatMap { Int64($0) }
    }

    /// The values of an existing document.
    init(document: [String: JSONValue], draft: Int64?) {
        let parts = (document["id"]?.stringValue ?? "").split(separator: "/").map(String.init)
        values["slug"] = parts.count == 3 ? parts[2] : ""
        for name in ["kind", "stage", "country", "originalLanguage", "startDate"] { values[name] = document[name]?.stringValue ?? "" }
        let source = document["sources"]?.arrayValue?.first
        values["source.title"] = source?["title"]?.stringValue ?? ""
        values["source.url"] = source?["url"]?.stringValue ?? ""
        for field in Self.textFields {
            for (language, text) in document[field]?.objectValue ?? [:] { values["\(field).\(language)"] = text.stringValue ?? "" }
        }
        themes = Set(document["themes"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        self.draft = draft
    }

    func value(_ name: String) -> String { values[name] ?? "" }

    /// The record id the form names.
    func recordID(city: String) -> String { "\(city)/\(value("kind"))/\(value("slug"))" }

    /// The record document: `base` with the form's fields written over it.
    func document(city: String, base: [String: JSONValue]) -> JSONValue {
        var document = base
        document["id"] = .string(recordID(city: city))
        document["city"] = .string(city)
        for name in ["kind", "stage", "country", "originalLanguage", "startDate"] {
            let text = value(name).trimmingCharacters(in: .whitespacesAndNewlines)
            document[name] = text.isEmpty ? nil : .string(text)
        }
        for field in Self.textFields {
            var map = (base[field]?.objectValue ?? [:]).filter { !WebLanguage.interface.contains($0.key) }
            for language in WebLanguage.interface {
                let text = value("\(field).\(language)").trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty { map[language] = .string(text) }
            }
            document[field] = map.isEmpty ? nil : .object(map)
        }
        document["themes"] = .array(themes.sorted().map(JSONValue.string))
        var sources = base["sources"]?.arrayValue ?? []
        var first: [String: JSONValue] = sources.first?.objectValue ?? [:]
        let title = value("source.title").trimmingCharacters(in: .whitespacesAndNewlines)
        let url = value("source.url").trimmingCharacters(in: .whitespacesAndNewlines)
        first["title"] = title.isEmpty ? nil : .string(title)
        first["url"] = url.isEmpty ? nil : .string(url)
        if sources.isEmpty { sources = [.object(first)] } else { sources[0] = .object(first) }
        document["sources"] = first.isEmpty && sources.count == 1 ? nil : .array(sources)
        return .object(document)
    }

    /// The form field a validation error's JSON path belongs to (`sources[0].url` → `source.url`).
    static func field(forPath path: String) -> String {
        if path == "id" || path.isEmpty { return "slug" }
        if path.hasPrefix("sources") { return path.hasSuffix(".url") ? "source.url" : "source.title" }
        if path.hasPrefix("themes") { return "themes" }
        if path == "endDate" { return "startDate" }
        return path
    }
}
