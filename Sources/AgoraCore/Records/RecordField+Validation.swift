extension RecordField {
    /// The stages a record moves through.
    public static let stages: [String] = ["idea", "pilot", "implementation", "evaluation", "scaling", "discontinued"]

    /// The longest string any field accepts, in UTF-8 bytes (a whole description fits well).
    public static let maxStringBytes = 32_768
    /// The most elements a set field or `sources` may hold in a record document.
    public static let maxElements = 200

    /// Checks the whole value of this field as a record document holds it.
    /// - Throws: `RecordValidationError` naming `path` or a path below it.
    public func validateDocumentValue(_ value: JSONValue, path: String) throws(RecordValidationError) {
        switch type {
        case .text:
            guard let map = value.objectValue, !map.isEmpty else {
                throw RecordValidationError(path: path, expected: "an object from language tag to text, with at least one language")
            }
            for (tag, text) in map {
                guard RecordField.check(tag, .language) else {
                    throw RecordValidationError(path: "\(path).\(tag)", expected: "a BCP-47 language tag as key")
                }
                try validateText(text, path: "\(path).\(tag)")
            }
        case .set(let rule):
            guard let items = value.arrayValue, items.count <= RecordField.maxElements else {
                throw RecordValidationError(path: path, expected: "an array of at most \(RecordField.maxElements) strings")
            }
            if isRequired && items.isEmpty { throw RecordValidationError(path: path, expected: "at least one element") }
            var seen = Set<String>()
            for (i, item) in items.enumerated() {
                try RecordField.validateString(item, rule, path: "\(path)[\(i)]")
                if !seen.insert(item.stringValue ?? "").inserted {
                    throw RecordValidationError(path: "\(path)[\(i)]", expected: "no repeated element")
                }
            }
        default:
            try validateScalar(value, path: path)
        }
    }

    /// Checks one language's text: no control characters but tab and line feed in a multi-line
    /// field, and a visible character in a title or summary (`TextCharacters`).
    public func validateText(_ value: JSONValue, path: String) throws(RecordValidationError) {
        try RecordField.validateString(value, .free, path: path, multiline: isMultiline)
        if needsVisibleCharacter, let text = value.stringValue, !TextCharacters.hasVisible(text) {
            throw RecordValidationError(path: path, expected: "a \(name) with at least one visible character, not only spaces, controls or invisible formatting")
        }
    }

    /// Whether the field's text may span several lines (tab and line feed allowed): every text
    /// field but `title` and `summary`. See `protocol/RECORDS.md`, "Characters".
    public var isMultiline: Bool { isText && !RecordField.singleLineText.contains(name) }

    /// Whether each language's text must hold a visible character: `title` and `summary`.
    public var needsVisibleCharacter: Bool { isText && RecordField.singleLineText.contains(name) }

    /// The text fields held to one line and to a visible character.
    static let singleLineText: Set<String> = ["title", "summary"]

    /// Checks a value written by a `set` operation on a non-text, non-set field.
    public func validateScalar(_ value: JSONValue, path: String) throws(RecordValidationError) {
        switch type {
        case .string(let rule): try RecordField.validateString(value, rule, path: path)
        case .boolean:
            guard value.boolValue != nil else { throw RecordValidationError(path: path, expected: "true or false") }
        case .sources: try RecordField.validateSources(value, path: path)
        case .text, .set: throw RecordValidationError(path: path, expected: "a scalar field")
        }
    }

    /// Checks one element of a set field.
    public func validateElement(_ value: JSONValue, path: String) throws(RecordValidationError) {
        guard case .set(let rule) = type else { throw RecordValidationError(path: path, expected: "a set field") }
        try RecordField.validateString(value, rule, path: path)
    }

    static func validateString(_ value: JSONValue, _ rule: StringRule, path: String, multiline: Bool = false) throws(RecordValidationError) {
        guard let text = value.stringValue, !text.isEmpty, text.utf8.count <= maxStringBytes else {
            throw RecordValidationError(path: path, expected: "a non-empty string of at most \(maxStringBytes) bytes")
        }
        if let control = TextCharacters.firstForbidden(in: text, multiline: multiline) {
            let allowed = multiline ? " other than tab and line feed" : ""
            throw RecordValidationError(path: path, expected: "text without control characters\(allowed) (found \(TextCharacters.name(control)))")
        }
        guard check(text, rule) else { throw RecordValidationError(path: path, expected: describe(rule)) }
    }

    /// The members a source object may have, and the rule of each.
    static let sourceMembers: [String: StringRule] = ["title": .free, "url": .url, "publisher": .free, "date": .date, "seed": .free]

    static func validateSources(_ value: JSONValue, path: String) throws(RecordValidationError) {
        guard let items = value.arrayValue, !items.isEmpty, items.count <= maxElements else {
            throw RecordValidationError(path: path, expected: "an array of 1 to \(maxElements) source objects")
        }
        for (i, item) in items.enumerated() {
            let itemPath = "\(path)[\(i)]"
            guard let object = item.objectValue else {
                throw RecordValidationError(path: itemPath, expected: "a source object {title, url?, publisher?, date?, seed?}")
            }
            guard object["title"] != nil else {
                throw RecordValidationError(.missingField, path: "\(itemPath).title", expected: "a non-empty string")
            }
            for (name, member) in object.sorted(by: { $0.key < $1.key }) {
                guard let rule = sourceMembers[name] else {
                    throw RecordValidationError(.unknownField, path: "\(itemPath).\(name)", expected: "one of title, url, publisher, date, seed")
                }
                try validateString(member, rule, path: "\(itemPath).\(name)")
            }
        }
    }
}
