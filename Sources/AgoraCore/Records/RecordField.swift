/// One field of a record: its name, its value type, which kinds have it, and who may write it.
///
/// The table `RecordField.all` drives document validation, operation checks in the merge,
/// `publish` and the state's document view, so they cannot disagree.
/// See `protocol/RECORDS.md`, "Fields", and `protocol/PROTOCOL.md`, "Permissions".
public struct RecordField: Sendable, Hashable {
    /// How a field's value is shaped and merged.
    public enum ValueType: Sendable, Hashable {
        /// A language map; merged last-writer-wins per language.
        case text
        /// A string checked by a rule; merged last-writer-wins.
        case string(StringRule)
        /// A Boolean; merged last-writer-wins.
        case boolean
        /// The array of source objects; merged last-writer-wins as a whole.
        case sources
        /// A set of strings checked by a rule; merged as an observed-remove set.
        case set(StringRule)
    }

    /// What a string value must look like.
    public enum StringRule: Sendable, Hashable {
        case free, country, language, stage, date, themeID, url, cityID, recordID, licence, mailbox
    }

    /// The field's name in record documents and operations.
    public let name: String
    /// Its value type.
    public let type: ValueType
    /// The kinds that have it; all when `nil`.
    public let kinds: Set<RecordKind>?
    /// Whether a record document must have it.
    public let isRequired: Bool
    /// Whether co-author cities may write it (content field); only the owner writes the others.
    public let isContent: Bool

    init(_ name: String, _ type: ValueType, kinds: Set<RecordKind>? = nil, required: Bool = false, content: Bool = true) {
        self.name = name
        self.type = type
        self.kinds = kinds
        self.isRequired = required
        self.isContent = content
    }

    /// Whether a record of `kind` has this field.
    public func applies(to kind: RecordKind) -> Bool { kinds?.contains(kind) ?? true }

    /// Whether the field is merged as an observed-remove set.
    public var isSet: Bool { if case .set = type { return true } else { return false } }

    /// Whether the field is a language map.
    public var isText: Bool { type == .text }

    /// The field named `name`, if the protocol knows it.
    public static func named(_ name: String) -> RecordField? { byName[name] }

    /// The document members that are not fields: they are fixed by the record id.
    public static let identityMembers: Set<String> = ["id", "kind", "city"]

    /// Every field, in document order.
    public static let all: [RecordField] = [
        RecordField("country", .string(.country), required: true),
        RecordField("originalLanguage", .string(.language), required: true),
        RecordField("title", .text, required: true),
        RecordField("summary", .text, required: true),
        RecordField("description", .text),
        RecordField("stage", .string(.stage), required: true),
        RecordField("startDate", .string(.date)),
        RecordField("endDate", .string(.date)),
        RecordField("themes", .set(.themeID), required: true),
        RecordField("tags", .set(.free)),
        RecordField("challenge", .text),
        RecordField("approach", .text),
        RecordField("results", .text),
        RecordField("indicators", .text),
        RecordField("lessonsLearned", .text),
        RecordField("transferability", .text),
        RecordField("resources", .text),
        RecordField("budget", .string(.free)),
        RecordField("partners", .set(.free)),
        RecordField("links", .set(.url)),
        RecordField("licence", .string(.licence)),
        RecordField("contact", .string(.mailbox)),
        RecordField("sources", .sources, required: true),
        RecordField("illustrative", .boolean),
        RecordField("coAuthors", .set(.cityID), content: false),
        RecordField("adaptedFrom", .string(.recordID)),
        RecordField("supersedes", .string(.recordID)),
        RecordField("hypothesis", .text, kinds: [.pilot]),
        RecordField("evaluation", .text, kinds: [.pilot]),
        RecordField("format", .string(.free), kinds: [.toolkit]),
        RecordField("version", .string(.free), kinds: [.toolkit]),
        RecordField("audience", .text, kinds: [.toolkit]),
    ]

    static let byName: [String: RecordField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })
}
