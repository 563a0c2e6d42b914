import AgoraCore
import AgoraNode
import AgoraCrypto
import AgoraStore
import Foundation

/// `agora status`: who this node is (city, signing key, URLs, pin), its roster, its pending area
/// and its sync state (`NodeSyncStatus`: set size and fingerprint, clock, peers).
enum StatusCommand {
    static let spec = CommandSpec(
        "status", summary: "Show this node's city, signing key, URLs, TLS pin, roster, pending area and sync state",
        discussion: """
            The URLs come from node.json's "node": {"url", "federationUrl"} (the public URL falls back to publicURL, which \
            agora init writes; null without them). With --json a script can build an 'agora roster add-member' line from the \
            output. The sync state: the number of changes in the sync set and its fingerprint (equal on nodes holding the same \
            set), the clock's drift, the roster head, and per peer the latest sync, the latest attempt with its error, and the \
            changes refused as stamped beyond the allowed clock skew, with how far ahead they were (the peer's clock skew). \
            While 'agora serve' runs, the sync state comes from the server.
            """,
        options: [.flag("json", help: "Print the status as JSON")],
        examples: ["agora status", "agora status --json"],
        action: { context in
            let served = await AdminClient.running(in: context.nodeDirectory.root.path)
            let status = try await context.withNode(writable: false) { node in try await describe(node, served: served) }
            if context.arguments.flag("json") {
                context.out.line(String(decoding: CanonicalJSON.encode(status), as: UTF8.self))
                return .success
            }
            for name in ["city", "coalition", "signingKey", "url", "federationUrl", "pin"] {
                context.out.line("\(name): \(status[name]?.stringValue ?? "-")")
            }
            let roster = status["roster"]
            context.out.line("roster: " + (roster?.isNull == false ? "seq \(Int(roster?["seq"]?.numberValue ?? 0)), membership \(roster?["membership"]?.stringValue ?? "-")" : "none"))
            if let fork = roster?["fork"], !fork.isNull { context.out.line("ALERT: the roster is forked at seq \(Int(fork["seq"]?.numberValue ?? 0))") }
            context.out.line("pending: \(Int(status["pending"]?["waiting"]?.numberValue ?? 0)) waiting, \(Int(status["pending"]?["dropped"]?.numberValue ?? 0)) dropped at the caps")
            StatusSyncLines.write(status, to: context.out)
            return .success
        })

    /// The status of `node`; its sync part from the running server `served` when there is one
    /// and it answers (its writer keeps the set: no scan), else read from the file.
    static func describe(_ node: LocalNode, served: AdminClient? = nil) async throws -> JSONValue {
        let config = node.config
        let keyHex = try signingKeyHex(node)
        let summary = try await node.store.pendingSummary()
        var roster: JSONValue = .null
        if let fold = node.roster.snapshot.fold, let r = fold.roster {
            roster = .object(["seq": .number(Double(r.sequence)), "head": .string(r.head.hex), "genesis": .string(r.genesis.hex),
                              "membership": .string(r.members[config.cityID]?.status.rawValue ?? "not-a-member"),
                              "fork": RosterShowCommands.forkJSON(fold.fork), "waiting": .number(Double(fold.waiting.count))])
        }
        // A server without the status route (one serving no sync) or gone meanwhile: read the file.
        var sync = try? await served?.syncStatus()
        if sync == nil { sync = try await node.syncStatus().json(includePrivate: true) }
        guard case .object(var fields)? = sync else { throw CLIError.environment("the running server's status is not an object") }
        try fields.merge(identity(node, keyHex: keyHex, roster: roster, summary: summary)) { _, identity in identity }
        return .object(fields)
    }

    /// Who the node is: city, coalition, key, URLs, pin, roster, pending area.
    static func identity(_ node: LocalNode, keyHex: String, roster: JSONValue, summary: Store.PendingSummary) throws -> [String: JSONValue] {
        let config = node.config
        let nodeURLs = config.other["node"]
        return [
            "city": .string(config.cityID), "coalition": .string(config.coalition), "name": .string(config.cityName),
            "country": config.country.map { .string($0) } ?? .null, "signingKey": .string(keyHex),
            "url": nodeURLs?["url"] ?? config.other["publicURL"] ?? .null, "federationUrl": nodeURLs?["federationUrl"] ?? .null,
            "pin": .string(try node.tlsPin()), "roster": roster,
            "pending": .object(["waiting": .number(Double(summary.total)), "dropped": .number(Double(summary.dropped.values.reduce(0, +))),
                                "byPeer": .object(summary.waiting.mapValues { .number(Double($0)) })]),
        ]
    }

    /// The node's signing public key, read from its key file.
    static func signingKeyHex(_ node: LocalNode) throws -> String {
        let key = try KeyFile.readEd25519PrivateKey(at: node.directory.url(for: node.config.signingKeyPath).path)
        return Hex.encode(key.publicKey.rawRepresentation)
    }
}
