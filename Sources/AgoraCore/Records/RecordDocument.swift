/// A record document: the complete, current content of one record, as a city publishes it.
///
/// Parsing checks every rule of `protocol/RECORDS.md` and refuses unknown members, naming
/// the JSON path and what was expected there. The values are kept per field, in the shape
/// of `RecordField.all`, with typed accessors for the ones code reads most.
public struct RecordDocument: Sendable, Hashable {
    /// The record's id; its city is the owner and its kind the record's kind.
    public let id: RecordID
    /// Each present field's value, keyed by field name, as JSON (text: language map; set: array of strings sorted by UTF-8 bytes).
    public let fields: [String: JSONValue]

    /// The kind of record.
    public var kind: RecordKind { id.kind }
    /// The owning city.
    public var city: String { id.city }

    /// Parses and validates a record document from its JSON bytes.
    /// - Throws: `RecordValidationError`; a JSON syntax fault comes with code `invalid-json` and the parser's error as cause.
    public static func parse(_ bytes: [UInt8]) throws(RecordValidationError) -> RecordDocument {
        let value: JSONValue
        do { value = try CanonicalJSON.decode(bytes) } catch {
            throw RecordValidationError(.invalidJSON, path: "", expected: "a JSON object (\(error))", cause: error)
        }
        return try RecordDocument(json: value)
    }

    /// Validates a record document already parsed as JSON.
    /// - Throws: `RecordValidationError` naming the path of the first fault, in field order.
    public init(json: JSONValue) throws(RecordValidationError) {
        guard let object = json.objectValue else {
            throw RecordValidationError(path: "", expected: "a JSON object")
        }
        let id = try RecordDocument.identity(object)
        for name in object.keys.sorted() where !RecordField.identityMembers.contains(name) {
            guard let field = RecordField.named(name), field.applies(to: id.kind) else {
                let why = RecordField.named(name) == nil ? "a field listed in protocol/RECORDS.md"
                    : "no `\(name)` on a \(id.kind.rawValue)"
                throw RecordValidationError(.unknownField, path: name, expected: why)
            }
        }
        var fields: [String: JSONValue] = [:]
        for field in RecordField.all where field.applies(to: id.kind) {
            guard let value = object[field.name] else {
                if field.isRequired {
                    throw RecordValidationError(.missingField, path: field.name, expected: RecordDocument.describe(field))
                }
                continue
            }
            try field.validateDocumentValue(value, path: field.name)
            fields[field.name] = field.isSet ? .array((value.arrayValue ?? []).sorted(by: RecordDocument.utf8Order)) : value
        }
        try RecordDocument.checkCrossField(fields, id: id)
        self.id = id
        self.fields = fields
    }

    /// Builds a document from values already known to be valid (for example a merged state).
    init(trustedID id: RecordID, fields: [String: JSONValue]) {
        self.id = id
        self.fields = fields
    }

    /// Set elements are kept sorted by their UTF-8 bytes, so equal sets compare equal.
    static func utf8Order(_ a: JSONValue, _ b: JSONValue) -> Bool {
        Array((a.stringValue ?? "").utf8).lexicographicallyPrecedes(Array((b.stringValue ?? "").utf8))
    }

    static func identity(_ object: [String: JSONValue]) throws(RecordValidationError) -> RecordID {
        guard let text = object["id"] else {
            throw RecordValidationError(.missingField, path: "id", expected: "a record id <city>/<kind>/<slug>")
        }
        guard let idText = text.stringValue, let id = RecordID(idText) else {
            throw RecordValidationError(path: "id", expected: "a record id <city>/<kind>/<slug>, e.g. \"tirana/practice/open-data-portal\"")
        }
        guard let kind = object["kind"] else {
            throw RecordValidationError(.missingField, path: "kind", expected: "practice, pilot or toolkit")
        }
        guard kind.stringValue == id.kind.rawValue else {
            throw RecordValidationError(path: "kind", expected: "\"\(id.kind.rawValue)\", the kind named in the id")
        }
        guard let city = object["city"] else {
            throw RecordValidationError(.missingField, path: "city", expected: "the owning city id")
        }
        guard city.stringValue == id.city else {
            throw RecordValidationError(path: "city", expected: "\"\(id.city)\", the city named in the id")
        }
        return id
    }

    static func checkCrossField(_ fields: [String: JSONValue], id: RecordID) throws(RecordValidationError) {
        if let language = fields["originalLanguage"]?.stringValue, fields["title"]?[language] == nil {
            throw RecordValidationError(path: "title.\(language)", expected: "a title in the original language `\(language)`")
        }
        if let start = fields["startDate"]?.stringValue, let end = fields["endDate"]?.stringValue, end < start {
            throw RecordValidationError(path: "endDate", expected: "a date not before startDate \(start)")
        }
        for name in ["adaptedFrom", "supersedes"] where fields[name]?.stringValue == id.description {
            throw RecordValidationError(path: name, expected: "another record's id, not this record's own")
        }
        if fields["coAuthors"]?.arrayValue?.contains(.string(id.city)) == true {
            throw RecordValidationError(path: "coAuthors", expected: "cities other than the owner `\(id.city)`, which writes every field already")
        }
    }

    static func describe(_ field: RecordField) -> String {
        switch field.type {
        case .text: return "an object from language tag to text"
        case .set(let rule): return "an array of at least one: " + RecordField.describe(rule)
        case .sources: return "an array of at least one source object {title, url?, publisher?, date?, seed?}"
        case .boolean: return "true or false"
        case .string(let rule): return RecordField.describe(rule)
        }
    }
}
