import AgoraCore

/// How `agora adopt` turns its options and this city's current adoption entry into the body it
/// writes: the note gains (or replaces) one language, and every other member is kept unless its
/// option is given. See docs/CLI.md, "adopt".
struct AdoptionEdit {
    /// The note's text, in `language`.
    var note: String?
    /// The language of the note.
    var language: String
    var year: Int?
    var url: String?
    var adaptedAs: String?
    /// `true` marks the entry illustrative; `false` leaves the member as it was.
    var illustrative = false

    /// The entry to write over `current` (this city's entry now, if it has one).
    /// - Throws: a usage ``CLIError`` when there is no entry yet and no note, or nothing to change.
    func body(over current: JSONValue?) throws -> JSONValue {
        var body = current?.objectValue ?? [:]
        guard note != nil || !body.isEmpty else { throw CLIError.usage("missing --note TEXT (or --remove)") }
        if let note {
            var notes = body["note"]?.objectValue ?? [:]
            notes[language] = .string(note)
            body["note"] = .object(notes)
        }
        if let year { body["year"] = .number(Double(year)) }
        if let url { body["url"] = .string(url) }
        if let adaptedAs { body["adaptedAs"] = .string(adaptedAs) }
        if illustrative { body["illustrative"] = .bool(true) }
        return .object(body)
    }
}
