import AgoraCore
import AgoraNode
import AgoraStore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// Sync between two real nodes over mutual TLS on 127.0.0.1: Tirana serves its federation port,
/// Sofia runs `agora sync`; both end with the same change ids and byte-identical record states.
/// A certificate the roster does not hold, and malformed sync requests, are refused and counted.
@Suite struct FederationSyncTests {
    /// The roster tests' helpers (status JSON, admitting a member).
    let roster = FederationRosterTests()
    func json(_ result: RunResult) throws -> JSONValue { try roster.json(result) }

    /// A practice of `city` (the Tirana fixture with its city swapped).
    static func practice(city: String, slug: String) -> String {
        NodeFixture.practice(slug: slug).replacingOccurrences(of: "tirana/practice", with: "\(city)/practice")
            .replacingOccurrences(of: "\"city\": \"tirana\"", with: "\"city\": \"\(city)\"")
    }

    /// `POST path` on the federation port with `node`'s certificate: status code and body.
    func post(_ node: NodeFixture, port: UInt16, pin: String, _ path: String, body: String, headers: [String] = []) async -> (code: String, body: String) {
        let tls = node.directory.appendingPathComponent("node/tls")
        try? node.write("body.bin", body)
        let result = await ChildProcess.run("/usr/bin/curl", [
            "-sS", "--tlsv1.3", "--max-time", "60", "-k", "--pinnedpubkey", "sha256//\(pin)",
            "--cert", tls.appendingPathComponent("certificate.pem").path, "--key", tls.appendingPathComponent("key.pem").path,
            "--data-binary", "@" + node.directory.appendingPathComponent("body.bin").path]
            + headers.flatMap { ["-H", $0] } + ["-w", "\n%{http_code}", "https://127.0.0.1:\(port)\(path)"])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    @Test func twoNodesConvergeAndStrangersAreRefused() async throws {
        let tirana = try await NodeFixture.make(city: "tirana", name: "Tirana", label: "syncTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "syncSofia")
        let stranger = try await NodeFixture.make(city: "paris", name: "Paris", label: "syncParis")
        #expect(await tirana.run(["keys", "generate", "--out", "node/keys/steward.key"]).code == .success)
        #expect(await tirana.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/steward.key"]).code == .success)
        try tirana.write("t1.json", Self.practice(city: "tirana", slug: "open-data-portal"))
        try sofia.write("s1.json", Self.practice(city: "sofia", slug: "open-budget"))
        try sofia.write("s2.json", Self.practice(city: "sofia", slug: "participatory-budget"))
        #expect(await tirana.run(["publish", "t1.json"]).code == .success)

        let directory = NodeDirectory(root: tirana.directory.appendingPathComponent("node"))
        let served = try await ServedNode.open(directory)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: directory.root.path),
                                                     adminToken: served.adminToken, federationPort: 0)
        let guardian = FederationGuard(log: nil)
        let sync = FederationSync(node: served.node)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node, roster: served.node.roster,
                                                                          federationGuard: guardian, sync: sync), log: NodeLog { _ in })
        let port = try #require(server.federationPort)
        try await roster.admit(tirana, tirana, "tirana", federationPort: port)
        try await roster.admit(tirana, sofia, "sofia", federationPort: 1)  // Sofia initiates; nobody calls it
        #expect(await tirana.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: tirana.directory.appendingPathComponent("b.jsonl"), to: sofia.directory.appendingPathComponent("b.jsonl"))
        #expect(await sofia.run(["enrol", "b.jsonl"]).code == .success)
        #expect(await sofia.run(["publish", "s1.json"]).code == .success)
        #expect(await sofia.run(["publish", "s2.json"]).code == .success)

        let first = await sofia.run(["sync", "--json"])
        #expect(first.code == .success, "\(first.out) \(first.err)")
        let report = try json(first)
        #expect(report["peer"]?.stringValue == "tirana" && report["error"] == .null, "\(first.out)")
        #expect(report["changesReceived"]?.numberValue ?? 0 >= 1 && report["changesSent"]?.numberValue ?? 0 >= 2, "\(first.out)")
        #expect(report["roundTrips"]?.numberValue ?? 0 >= 1 && report["bytesSent"]?.numberValue ?? 0 > 0)

        let again = try json(await sofia.run(["sync", "--json"]))
        #expect(again["changesReceived"] == .number(0) && again["changesSent"] == .number(0) && again["roundTrips"] == .number(1),
                "equal sets cost one round trip and move nothing: \(again)")

        // Refusals: a certificate not in the roster; malformed sync requests from a member.
        let strangerPin = try json(await stranger.run(["status", "--json"]))["pin"]?.stringValue ?? ""
        #expect(!strangerPin.isEmpty)
        let outsider = await post(stranger, port: port, pin: server.pin, "/federation/v1/changes", body: "")
        #expect(outsider.code == "403" && outsider.body.contains("unknown-pin"), "\(outsider)")
        let noSession = await post(sofia, port: port, pin: server.pin, "/federation/v1/reconcile", body: "x")
        #expect(noSession.code == "400" && noSession.body.contains("bad-session"), "\(noSession)")
        let garbage = await post(sofia, port: port, pin: server.pin, "/federation/v1/reconcile", body: "\u{7}garbage",
                                 headers: ["\(SyncWire.sessionHeader): " + String(repeating: "ab", count: 16)])
        #expect(garbage.code == "400" && garbage.body.contains("unsupported-version"), "\(garbage)")
        let badFetch = await post(sofia, port: port, pin: server.pin, "/federation/v1/changes/fetch", body: #"{"ids":["zz"]}"#)
        #expect(badFetch.code == "400" && badFetch.body.contains("bad-id"), "\(badFetch)")
        let oversized = await post(sofia, port: port, pin: server.pin, "/federation/v1/changes",
                                   body: String(repeating: "{}\n", count: FederationSyncLimits.maximumBatchLines + 1))
        #expect(oversized.code == "413" && oversized.body.contains("batch-too-large"), "\(oversized)")
        let forged = await post(sofia, port: port, pin: server.pin, "/federation/v1/changes", body: "{\"header\":{}}\n")
        #expect(forged.code == "200" && forged.body.contains(#""accepted":0"#) && forged.body.contains("refused"), "\(forged)")
        #expect(guardian.refusals["unknown-pin"] == 1)
        #expect(sync.refusals["bad-session"] == 1 && sync.refusals["unsupported-version"] == 1 && sync.refusals["bad-id"] == 1
                && sync.refusals["batch-too-large"] == 1 && sync.refusals["refused-change"] == 1)

        let servedItems = try await served.store.syncItems(), servedStates = try await served.store.allStates()
        await server.shutdown()
        await served.store.close()
        let other = try await ServedNode.open(NodeDirectory(root: sofia.directory.appendingPathComponent("node")))
        #expect(try await other.store.syncItems() == servedItems)
        let otherStates = try await other.store.allStates()
        #expect(otherStates.map(\.id) == servedStates.map(\.id) && otherStates.map(\.state) == servedStates.map(\.state))
        #expect(servedStates.count == 3)
        #expect(try await other.store.syncAttempts(peer: "tirana").count == 2, "every attempt is recorded")
        await other.store.close()
    }
}
