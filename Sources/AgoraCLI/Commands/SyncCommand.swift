import AgoraCore
import AgoraNode
import AgoraStore
import Foundation
import Synchronization

/// `agora sync`: one sync round with the roster's peers, by hand.
enum SyncCommand {
    static let spec = CommandSpec(
        "sync", summary: "Run one sync round with the roster's peers over their federation ports (mutual TLS, pinned)",
        discussion: """
            For each active peer in the roster (or only --peer): one reconciliation session, then the changes it has \
            and this node lacks are fetched and ingested as 'agora import' does (unknown keys go to the pending area), \
            and the changes it lacks are pushed. Prints per peer the round trips, bytes and changes each way, the \
            duration and the error, if any; every attempt is recorded in the database. Exits 1 if any peer failed. \
            While 'agora serve' runs on the node, the round is handed to it over the admin socket (same output). \
            On a terminal, a counter of the changes received so far is drawn on standard error during a long round.
            """,
        options: [OptionSpec("peer", valueName: "CITY", help: "Sync with this member only"),
                  .flag("json", help: "Print one JSON object per peer instead of a table")],
        examples: ["agora sync", "agora sync --peer tirana --json"],
        action: run)

    @Sendable static func run(_ context: CommandContext) async throws -> ExitCode {
        let peer = context.arguments.string("peer")
        let bar = context.progressOfLongWork("sync", total: nil)
        let attempts: [Store.SyncAttempt]
        if let client = await AdminClient.running(in: context.nodeDirectory.root.path) {
            attempts = try await handed(to: client, peer: peer, bar: bar)
        } else {
            attempts = try await context.withNode(writable: true) { node in
                let received = Mutex(0)
                node.store.storedChanges.observe { ids in bar.update(received.withLock { $0 += ids.count; return $0 }) }
                return try await node.syncRound(with: peer)
            }
        }
        bar.finish()
        if context.arguments.flag("json") {
            for attempt in attempts { context.out.line(String(decoding: CanonicalJSON.encode(attempt.json), as: UTF8.self)) }
        } else {
            var table = TextTable(header: ["PEER", "ROUND TRIPS", "SENT", "RECEIVED", "CHANGES OUT", "CHANGES IN", "MS", "ERROR"], uncut: [7])
            for a in attempts {
                table.append([a.peer, "\(a.roundTrips)", "\(a.bytesSent)", "\(a.bytesReceived)", "\(a.changesSent)",
                              "\(a.changesReceived)", "\(a.durationMilliseconds)", a.error ?? "-"])
            }
            context.out.write(table.render())
        }
        return attempts.allSatisfy { $0.error == nil } ? .success : .failure
    }

    /// The round run by the server over its admin socket, the bar fed by polling its progress.
    static func handed(to client: AdminClient, peer: String?, bar: ProgressReporter) async throws -> [Store.SyncAttempt] {
        let poller = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(progressPollMilliseconds))
                if let received = try? await client.syncProgress() { bar.update(received) }
            }
        }
        defer { poller.cancel() }
        do {
            return try await client.sync(peer: peer)
        } catch {
            if error.code == .refused { throw CLIError.failure(error.message, cause: error) }
            throw CLIError.environment("the running server did not run the sync round: \(error.message)", cause: error)
        }
    }

    /// How often a handed-off round's progress is asked for.
    static let progressPollMilliseconds = 250
}
