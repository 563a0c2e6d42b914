import AgoraCore
import AgoraNode
import Foundation

/// Reading record documents from files, with errors that name the file, the line and the field path.
enum RecordFiles {
    /// The largest record file read, in bytes.
    static let maximumBytes = 1_048_576

    /// Parses one record file.
    ///
    /// - Throws: a failure ``CLIError`` like `catalog/x.json:12: title.en: expected a non-empty string`.
    static func document(at url: URL, name: String) throws -> RecordDocument {
        guard FileManager.default.fileExists(atPath: url.path) else { throw CLIError.environment("\(name): no such file") }
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: url))
        } catch {
            throw CLIError.environment("\(name): cannot be read", cause: error)
        }
        guard bytes.count <= maximumBytes else {
            throw CLIError.failure("\(name): \(bytes.count) bytes is over the limit of \(maximumBytes) bytes for a record file")
        }
        do {
            return try RecordDocument.parse(bytes)
        } catch {
            throw CLIError.failure(describe(error, file: name, bytes: bytes), cause: error)
        }
    }

    /// `file:line: path: reason`, the line taken from the JSON error's offset or the field path.
    static func describe(_ error: RecordValidationError, file: String, bytes: [UInt8]) -> String {
        if let json = error.cause as? JSONError {
            let line = SourceLocation.line(ofOffset: json.offset, in: bytes)
            return "\(file):\(line): \(json)"
        }
        guard let line = SourceLocation.line(ofPath: error.path, in: bytes) else { return "\(file): \(error.message)" }
        return "\(file):\(line): \(error.message)"
    }

    /// Publishes files in order, printing one line per file; stops at the first failure.
    static func publish(_ paths: [(url: URL, name: String)], into node: any CityWriter, context: CommandContext) async throws -> [WriteResult] {
        var results: [WriteResult] = []
        for path in paths {
            let document = try document(at: path.url, name: path.name)
            let result = try await node.publish(document)
            results.append(result)
            describe(result, source: path.name, verb: "published", context: context)
        }
        return results
    }

    /// One line about a write: `published tirana/practice/x (3 operations, change 5d1c…)`.
    static func describe(_ result: WriteResult, source: String?, verb: String, context: CommandContext) {
        if context.arguments.flag("json") {
            context.out.line(JSONOutput.object([
                ("record", .string(result.record)), ("change", result.changeID.map(JSONValue.string) ?? .null),
                ("operations", .number(Double(result.operations))),
                ("ineffective", result.ineffectiveReason.map(JSONValue.string) ?? .null),
            ] + (source.map { [("file", JSONValue.string($0))] } ?? [])))
            return
        }
        guard let change = result.changeID else {
            context.out.line("unchanged \(result.record)" + (source.map { " (\($0))" } ?? ""))
            return
        }
        let count = result.operations == 1 ? "1 operation" : "\(result.operations) operations"
        context.out.line("\(verb) \(result.record) (\(count), change \(change))")
        if let reason = result.ineffectiveReason {
            context.err.line("agora: warning: the change is stored but has no effect: " + TerminalText.escape(reason))
        }
    }
}
