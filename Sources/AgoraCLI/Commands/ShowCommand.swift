import AgoraCore
import AgoraNode
import Foundation

/// `agora show`: a record's state and provenance.
enum ShowCommand {
    static let spec = CommandSpec(
        "show", summary: "Show a record: every field, adoptions, and where it comes from",
        discussion: """
        Prints the record's current state in every language, its adoptions by other cities, and its
        provenance: the owner city, and for every change the author city and key, whether its
        signature verifies against the key directory, and whether the merge let it take effect.
        --history lists every change; --json prints the state (and history) as JSON.
        """,
        options: [
            .flag("history", help: "List every change of the record"),
            .flag("json", help: "Print {\"state\":…,\"history\":[…]} as JSON"),
        ],
        positionals: [PositionalSpec("ID", help: "The record id")],
        examples: ["agora show tirana/practice/open-data-portal", "agora show tirana/practice/open-data-portal --history --json"],
        action: run)

    @Sendable static func run(_ context: CommandContext) async throws -> ExitCode {
        let id = try WriteCommands.recordID(context).description
        let (stateText, history) = try await context.withNode(writable: false) { node in
            (try await node.stateJSON(id), try await node.provenance(id))
        }
        guard let stateText, let state = try? CanonicalJSON.decode(Array(stateText.utf8)) else {
            throw CLIError.failure("no record \(id) on this node")
        }
        if context.arguments.flag("json") {
            var members: [(String, JSONValue)] = [("state", state)]
            if context.arguments.flag("history") { members.append(("history", .array(history.map(json)))) }
            context.out.line(JSONOutput.object(members))
            return .success
        }
        context.out.write(RecordRendering.text(RecordView(state: state)))
        context.out.write(summary(history, owner: String(id.prefix { $0 != "/" })))
        if context.arguments.flag("history") { context.out.write(Self.history(history)) }
        return .success
    }

    static func summary(_ history: [ChangeProvenance], owner: String) -> String {
        let unverified = history.filter { $0.verificationProblem != nil }.count
        let ineffective = history.filter { !$0.isEffective && !$0.isErased }.count
        let cities = Set(history.map(\.city)).sorted().joined(separator: ", ")
        var text = "\nprovenance: owned by \(owner); \(history.count) change\(history.count == 1 ? "" : "s") signed by \(cities); "
        text += unverified == 0 ? "every signature verified" : "\(unverified) NOT verified"
        if ineffective > 0 { text += "; \(ineffective) without effect" }
        return text + "\n"
    }

    /// One block per change, with its full id (what `agora redact` takes).
    static func history(_ history: [ChangeProvenance]) -> String {
        history.map { change in
            let received = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: Double(change.receivedMilliseconds) / 1000))
            let reason = TerminalText.escape(change.reason ?? "ineffective")
            let effect = change.isErased ? "redacted" : change.isEffective ? "effective" : "no effect: \(reason)"
            let signature = change.verificationProblem.map { "signature NOT verified: \(TerminalText.escape($0))" } ?? "signature verified"
            return "\nchange \(change.id)\n"
                + "  stamped \(change.hlc.milliseconds).\(change.hlc.counter), received \(received)\n"
                + "  by \(change.city), key \(change.key)\n"
                + "  \(signature); \(effect)\n"
                + "  \(TerminalText.escape(collapse(change.operations)))\n"
        }.joined()
    }

    /// Operations with repeats counted: `add partners ×5`.
    static func collapse(_ operations: [String]) -> String {
        var runs: [(text: String, count: Int)] = []
        for operation in operations {
            if runs.last?.text == operation { runs[runs.count - 1].count += 1 } else { runs.append((operation, 1)) }
        }
        return runs.map { $0.count > 1 ? "\($0.text) ×\($0.count)" : $0.text }.joined(separator: ", ")
    }

    static func json(_ change: ChangeProvenance) -> JSONValue {
        .object([
            "id": .string(change.id), "city": .string(change.city), "key": .string(change.key), "hlc": change.hlc.json,
            "received": .number(Double(change.receivedMilliseconds)), "effective": .bool(change.isEffective),
            "reason": change.reason.map(JSONValue.string) ?? .null, "redacted": .bool(change.isErased),
            "signatureVerified": .bool(change.verificationProblem == nil),
            "verificationProblem": change.verificationProblem.map(JSONValue.string) ?? .null,
            "operations": .array(change.operations.map(JSONValue.string)),
        ])
    }
}
