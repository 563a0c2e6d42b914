import AgoraCore

/// One edit of `agora edit`: set or remove a field, or one language of a text field.
///
/// Written on the command line as `field=value` (a string; for a set field a comma-separated
/// list, for `illustrative` `true`/`false`), `field:=JSON` (any JSON value), or `--unset field`.
public struct FieldEdit: Sendable, Equatable {
    /// The field name, e.g. `title`.
    public let field: String
    /// The language for a text field; nil means the record's original language (or, for
    /// `unset`, the whole field).
    public let language: String?
    /// The value to write; nil removes.
    public let value: JSONValue?

    /// An edit from its parts.
    public init(field: String, language: String?, value: JSONValue?) {
        self.field = field
        self.language = language
        self.value = value
    }

    /// Parses `field=value` or `field:=JSON`.
    ///
    /// - Throws: ``NodeError`` `.invalidInput` naming the assignment and what was expected.
    public static func parse(_ assignment: String, language: String?) throws -> FieldEdit {
        guard let equals = assignment.firstIndex(of: "=") else {
            throw NodeError(.invalidInput, "'\(assignment)' is not an assignment: expected field=value or field:=JSON")
        }
        var name = String(assignment[..<equals])
        let text = String(assignment[assignment.index(after: equals)...])
        if name.hasSuffix(":") {
            name.removeLast()
            do {
                return FieldEdit(field: try knownField(name).name, language: language, value: try CanonicalJSON.decode(Array(text.utf8)))
            } catch let error as JSONError {
                throw NodeError(.invalidInput, "\(name): the value after ':=' is not JSON: \(error)", cause: error)
            }
        }
        let field = try knownField(name)
        switch field.type {
        case .set:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return FieldEdit(field: name, language: nil, value: .array(items.map(JSONValue.string)))
        case .boolean:
            guard let flag = ["true": true, "false": false][text] else {
                throw NodeError(.invalidInput, "\(name): expected true or false, not '\(text)'")
            }
            return FieldEdit(field: name, language: nil, value: .bool(flag))
        case .sources:
            throw NodeError(.invalidInput, "sources: a list of objects; write it as sources:='[{\"title\": …}]'")
        case .text, .string:
            return FieldEdit(field: name, language: language, value: .string(text))
        }
    }

    /// Removes a field, or with `language` one language of a text field.
    ///
    /// - Throws: ``NodeError`` `.invalidInput` for an unknown field or a part of the record id.
    public static func unset(_ name: String, language: String?) throws -> FieldEdit {
        FieldEdit(field: try knownField(name).name, language: language, value: nil)
    }

    static func knownField(_ name: String) throws -> RecordField {
        guard let field = RecordField.named(name) else {
            let names = RecordField.all.map(\.name)
            throw NodeError(.invalidInput, "unknown field '\(name)'; fields: \(names.joined(separator: ", "))")
        }
        guard !["id", "kind", "city"].contains(name) else {
            throw NodeError(.invalidInput, "'\(name)' is part of the record id and cannot be edited")
        }
        return field
    }

    /// Applies the edit to a record document's JSON members.
    ///
    /// A text field takes a string into one language (the given one, else the original
    /// language); a whole language map (`title:={…}`) or an unset without language replaces
    /// or removes the field; an unset with a language removes only that language.
    func apply(to document: inout [String: JSONValue], originalLanguage: String?) {
        let isText = RecordField.named(field)?.isText ?? false
        let wholeField = value == nil ? language == nil : value?.objectValue != nil && language == nil
        guard isText, !wholeField, let target = language ?? originalLanguage else {
            document[field] = value
            return
        }
        var map = document[field]?.objectValue ?? [:]
        map[target] = (value?.isNull ?? true) ? nil : value
        document[field] = map.isEmpty ? nil : .object(map)
    }
}

extension LocalNode {
    /// Applies edits to a record's current document and publishes the difference.
    ///
    /// - Throws: ``NodeError`` naming the field path when the edited document is not valid.
    public func edit(_ record: RecordID, _ edits: [FieldEdit]) async throws -> WriteResult {
        let current = try await state(of: record)
        guard current.exists else { throw NodeError(.notFound, "no record \(record) on this node; publish it first") }
        try checkMayWriteContent(record, current)
        var members = current.documentJSON.objectValue ?? [:]
        let original = members["originalLanguage"]?.stringValue
        for edit in edits { edit.apply(to: &members, originalLanguage: original) }
        let document: RecordDocument
        do {
            document = try RecordDocument(json: .object(members))
        } catch {
            throw NodeError(.invalidInput, "\(record): \(error)", cause: error)
        }
        return try await write(record: record, operations: RecordPublisher.operations(for: document, from: current))
    }
}
