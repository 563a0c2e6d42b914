/// The contribution entries a member city may write on any record, each only its own.
///
/// See `protocol/PROTOCOL.md`, "Contributions".
public enum ContributionEntry {
    /// Each known entry and whether it is per language.
    static let needsLanguage: [String: Bool] = ["adoption": false, "translation": true]

    /// The entry names this implementation knows.
    public static var known: [String] { needsLanguage.keys.sorted() }

    /// Checks an entry's body, written by `author` on `record`: an adoption (see
    /// `validateAdoption`), a translation `{<text field>: text}`; `null` removes the entry.
    static func validate(_ entry: String, _ value: JSONValue, record: RecordID, author: String, path: String) throws(RecordValidationError) {
        if value.isNull { return }
        guard let o = value.objectValue, !o.isEmpty else {
            throw RecordValidationError(path: path, expected: "an object, or null to remove the entry")
        }
        let kind = record.kind
        if entry == "adoption" {
            try validateAdoption(o, record: record, author: author, path: path)
            return
        }
        for (name, member) in o.sorted(by: { $0.key < $1.key }) {
            guard let field = RecordField.named(name), field.isText, field.applies(to: kind) else {
                throw RecordValidationError(.unknownField, path: "\(path).\(name)", expected: "a text field of a \(kind.rawValue)")
            }
            try field.validateText(member, path: "\(path).\(name)")
        }
    }
}

extension ContributionEntry {
    /// The members of an adoption besides `note`, and what each must be.
    static let adoptionMembers = "note, year, date, url, adaptedAs, illustrative, sources"

    /// An adoption: `{"note": text, "year"?: integer, "date"?: date, "url"?: URL,
    /// "adaptedAs"?: the adopting city's own record id, "illustrative"?: bool, "sources"?: [source]}`.
    /// `adaptedAs` names a record of `author`, never `record` itself.
    static func validateAdoption(_ o: [String: JSONValue], record: RecordID, author: String, path: String) throws(RecordValidationError) {
        guard let note = o["note"] else {
            throw RecordValidationError(.missingField, path: "\(path).note", expected: "a language map")
        }
        try RecordField("note", .text).validateDocumentValue(note, path: "\(path).note")
        let rules: [String: RecordField.StringRule] = ["date": .date, "url": .url, "adaptedAs": .recordID]
        for (name, member) in o.sorted(by: { $0.key < $1.key }) where name != "note" {
            let memberPath = "\(path).\(name)"
            switch name {
            case "year":
                guard let year = member.numberValue, year == year.rounded(), (1900...2200).contains(year) else {
                    throw RecordValidationError(path: memberPath, expected: "a year, an integer from 1900 to 2200")
                }
            case "illustrative":
                guard member.boolValue != nil else { throw RecordValidationError(path: memberPath, expected: "true or false") }
            case "sources": try RecordField.validateSources(member, path: memberPath)
            default:
                guard let rule = rules[name] else {
                    throw RecordValidationError(.unknownField, path: memberPath, expected: "one of " + adoptionMembers)
                }
                try RecordField.validateString(member, rule, path: memberPath)
            }
        }
        if let own = o["adaptedAs"]?.stringValue.flatMap(RecordID.init), own.city != author || own == record {
            let why = own == record ? "not the adopted record itself" : "a record of `\(author)`, the adopting city"
            throw RecordValidationError(path: "\(path).adaptedAs", expected: "the adopting city's own record id: \(why)")
        }
    }
}

extension Operation {
    /// Checks the value an operation of `author` on `record` writes against its field or entry.
    /// Unknown targets pass.
    /// - Throws: `RecordValidationError` with a path under `path`.
    func validateBody(_ value: JSONValue, record: RecordID, author: String, path: String) throws(RecordValidationError) {
        switch self {
        case .set(let name, _, _):
            guard let field = RecordField.named(name), !value.isNull else { return }
            if field.isText { try field.validateText(value, path: path) } else { try field.validateScalar(value, path: path) }
        case .add(let name, _):
            guard let field = RecordField.named(name) else { return }
            try field.validateElement(value, path: path)
        case .contribute(let entry, _, _):
            guard ContributionEntry.needsLanguage[entry] != nil else { return }
            try ContributionEntry.validate(entry, value, record: record, author: author, path: path)
        default: return
        }
    }
}
