import AgoraCore
import AgoraNode
import AgoraStore
import Foundation

/// `agora sync`: one sync round with the roster's peers, by hand.
enum SyncCommand {
    static let spec = CommandSpec(
        "sync", summary: "Run one sync round with the roster's peers over their federation ports (mutual TLS, pinned)",
        discussion: """
            For each active peer in the roster (or only --peer): one reconciliation session, then the changes it has \
            and this node lacks are fetched and ingested as 'agora import' does (unknown keys go to the pending area), \
            and the changes it lacks are pushed. Prints per peer the round trips, bytes and changes each way, the \
            duration and the error, if any; every attempt is recorded in the database. Exits 1 if any peer failed. \
            Run it while 'agora serve' is stopped (a running server holds the store).
            """,
        options: [OptionSpec("peer", valueName: "CITY", help: "Sync with this member only"),
                  .flag("json", help: "Print one JSON object per peer instead of a table")],
        examples: ["agora sync", "agora sync --peer tirana --json"],
        action: { context in
            if await AdminClient.running(in: context.nodeDirectory.root.path) != nil {
                throw CLIError.failure("agora serve is running on this node and holds its store: stop it to run 'agora sync' by hand")
            }
            let peer = context.arguments.string("peer")
            let attempts = try await context.withNode(writable: true) { try await $0.syncRound(with: peer) }
            if context.arguments.flag("json") {
                for attempt in attempts { context.out.line(String(decoding: CanonicalJSON.encode(json(attempt)), as: UTF8.self)) }
            } else {
                var table = TextTable(header: ["PEER", "ROUND TRIPS", "SENT", "RECEIVED", "CHANGES OUT", "CHANGES IN", "MS", "ERROR"], uncut: [7])
                for a in attempts {
                    table.append([a.peer, "\(a.roundTrips)", "\(a.bytesSent)", "\(a.bytesReceived)", "\(a.changesSent)",
                                  "\(a.changesReceived)", "\(a.durationMilliseconds)", a.error ?? "-"])
                }
                context.out.write(table.render())
            }
            return attempts.allSatisfy { $0.error == nil } ? .success : .failure
        })

    /// One attempt as JSON (the `--json` line).
    static func json(_ a: Store.SyncAttempt) -> JSONValue {
        .object(["peer": .string(a.peer), "startedMs": .number(Double(a.startedMilliseconds)),
                 "durationMs": .number(Double(a.durationMilliseconds)), "roundTrips": .number(Double(a.roundTrips)),
                 "bytesSent": .number(Double(a.bytesSent)), "bytesReceived": .number(Double(a.bytesReceived)),
                 "changesSent": .number(Double(a.changesSent)), "changesReceived": .number(Double(a.changesReceived)),
                 "error": a.error.map { .string($0) } ?? .null])
    }
}
