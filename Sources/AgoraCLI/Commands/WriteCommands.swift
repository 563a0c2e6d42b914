import AgoraCore
import AgoraNode
import Foundation

/// The node commands that sign and store changes: publish, edit, delete, redact, adopt.
enum WriteCommands {
    static let json = OptionSpec.flag("json", help: "Print one JSON object per change")

    static let publish = CommandSpec(
        "publish", summary: "Publish record documents: sign and store only what differs",
        discussion: """
        Each FILE is one complete record document (protocol/RECORDS.md). Publishing compares it with
        the record's current state and signs one change with only the differences, including nulls
        for fields the file no longer has; an unchanged file writes nothing. Files are published in
        order; the first invalid file stops the command with 'FILE:LINE: field.path: reason'.
        """,
        options: [json],
        positionals: [PositionalSpec("FILE", help: "Record documents (JSON)", isRepeated: true)],
        examples: ["agora publish open-data-portal.json", "agora publish nodes/tirana/catalog/*.json"],
        action: { context in
            let files = context.arguments.positionalList("FILE").map { (context.io.resolve($0), $0) }
            let results = try await context.withWriter { node in
                try await RecordFiles.publish(files, into: node, context: context)
            }
            return results.contains { $0.ineffectiveReason != nil } ? .failure : .success
        })

    static let edit = CommandSpec(
        "edit", summary: "Change fields of a record",
        discussion: """
        --set field=value writes a string (a text field in --lang, else the record's original
        language; a set field takes a comma-separated list; illustrative takes true or false).
        --set field:=JSON writes any JSON value (e.g. sources:='[{"title":"…"}]').
        --unset field removes a field, or with --lang one language of it. The edited record
        must still be valid; the error names the field path.
        """,
        options: [
            OptionSpec("set", short: "s", arity: .repeated, valueName: "FIELD=VALUE", help: "Write a field"),
            OptionSpec("unset", arity: .repeated, valueName: "FIELD", help: "Remove a field (or one language with --lang)"),
            OptionSpec("lang", short: "l", valueName: "TAG", help: "The language of text fields", defaultDescription: "the record's original language"),
            json,
        ],
        positionals: [PositionalSpec("ID", help: "The record id, <city>/<kind>/<slug>")],
        examples: [
            "agora edit tirana/practice/open-data-portal --set stage=scaling",
            "agora edit tirana/practice/open-data-portal --set 'title=Open data portal' --lang en",
            "agora edit tirana/practice/open-data-portal --set 'themes=transparency/open-data,access/digital-literacy'",
        ],
        action: { context in
            let record = try recordID(context)
            let language = context.arguments.string("lang")
            var edits = try context.arguments.strings("set").map { try FieldEdit.parse($0, language: language) }
            edits += try context.arguments.strings("unset").map { try FieldEdit.unset($0, language: language) }
            guard !edits.isEmpty else { throw CLIError.usage("nothing to do: give --set FIELD=VALUE or --unset FIELD", command: context.path) }
            let result = try await context.withWriter { try await $0.edit(record, edits) }
            RecordFiles.describe(result, source: nil, verb: "edited", context: context)
            return result.ineffectiveReason == nil ? .success : .failure
        })

    static let delete = CommandSpec(
        "delete", summary: "Mark a record deleted (its history stays; --undo brings it back)",
        options: [.flag("undo", help: "Undelete the record"), json],
        positionals: [PositionalSpec("ID", help: "The record id")],
        examples: ["agora delete tirana/practice/old-portal", "agora delete tirana/practice/old-portal --undo"],
        action: { context in
            let record = try recordID(context)
            let undo = context.arguments.flag("undo")
            let result = try await context.withWriter { try await $0.delete(record, undo: undo) }
            RecordFiles.describe(result, source: nil, verb: undo ? "undeleted" : "deleted", context: context)
            return .success
        })

    static let redact = CommandSpec(
        "redact", summary: "Redact one of this city's changes (right to erasure)",
        discussion: """
        Signs a redaction of the change: every node then drops its bodies and keeps only the signed
        header, and the merge treats it as writing nothing. The database is purged of the text
        (secure_delete, FTS optimize, WAL truncate). Backups keep it until they are rotated.
        Find change ids with 'agora show ID --history'.
        """,
        options: [json],
        positionals: [PositionalSpec("CHANGE_ID", help: "The change id (64 hex digits)")],
        examples: ["agora redact 5d1c0f…"],
        action: { context in
            let change = try context.arguments.required("CHANGE_ID")
            let result = try await context.withWriter { try await $0.redact(changeID: change) }
            RecordFiles.describe(result, source: nil, verb: "redacted a change of", context: context)
            return result.ineffectiveReason == nil ? .success : .failure
        })

    static let adopt = CommandSpec(
        "adopt", summary: "Record that this city adopted another city's record",
        discussion: """
        Writes this city's own adoption entry on another city's record: a note (in --lang), and
        optionally the year, a link, and this city's own record for it (--as, an id of this city).
        Adopting again adds or replaces the note in --lang and keeps every other language and
        member unless its option is given. --remove takes the entry back. A city does not adopt
        its own record.
        """,
        options: [
            OptionSpec("note", short: "n", valueName: "TEXT", help: "What this city did with it"),
            OptionSpec("lang", short: "l", valueName: "TAG", help: "The language of the note",
                       defaultDescription: "the city's language (city.language in node.json), else en"),
            OptionSpec("year", valueName: "YYYY", help: "The year of the adoption"),
            OptionSpec("url", valueName: "URL", help: "A page about the adoption"),
            OptionSpec("as", valueName: "ID", help: "This city's own record of it"),
            .flag("illustrative", help: "Mark the entry illustrative rather than sourced"),
            .flag("remove", help: "Remove this city's adoption entry"),
            json,
        ],
        positionals: [PositionalSpec("ID", help: "The adopted record's id")],
        examples: ["agora adopt tirana/practice/open-data-portal --note 'Sofia adapted this in 2023' --year 2023"],
        action: runAdopt)

    @Sendable static func runAdopt(_ context: CommandContext) async throws -> ExitCode {
        let args = context.arguments
        let record = try recordID(context)
        var adoption: JSONValue?
        if !args.flag("remove") {
            let (cityLanguage, current) = try await context.withNode(writable: false) { node in
                (node.config.language, try await node.state(of: record).contributions[node.config.cityID]?["adoption"])
            }
            if args.string("lang") == nil && cityLanguage == nil && args.string("note") != nil {
                context.err.line("agora: warning: node.json names no city.language; the note is taken as English (give --lang)")
            }
            let edit = AdoptionEdit(note: args.string("note"), language: args.string("lang") ?? cityLanguage ?? "en",
                                    year: try args.value("year", as: Int.self), url: args.string("url"),
                                    adaptedAs: args.string("as"), illustrative: args.flag("illustrative"))
            do { adoption = try edit.body(over: current) } catch var error as CLIError {
                error.helpCommand = context.path
                throw error
            }
        }
        let result = try await context.withWriter { try await $0.adopt(record, adoption: adoption) }
        RecordFiles.describe(result, source: nil, verb: adoption == nil ? "removed the adoption of" : "adopted", context: context)
        return result.ineffectiveReason == nil ? .success : .failure
    }

    /// The ID positional as a record id.
    static func recordID(_ context: CommandContext) throws -> RecordID {
        let text = try context.arguments.required("ID")
        guard let id = RecordID(text) else {
            throw CLIError.usage("'\(text)' is not a record id: expected <city>/<kind>/<slug>, e.g. tirana/practice/open-data-portal")
        }
        return id
    }
}
