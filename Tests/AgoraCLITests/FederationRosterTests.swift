import AgoraCore
import AgoraNode
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// The federation port of a running node (real sockets on 127.0.0.1) admits exactly the roster's
/// active members: a member gets in, and a suspension or a removal made while it runs shuts it
/// out at once, with no restart. `agora roster pull` fetches over the same port with mutual TLS.
@Suite struct FederationRosterTests {
    func json(_ result: RunResult) throws -> JSONValue { try CanonicalJSON.decode(Array(result.out.utf8)) }

    func admit(_ sec: NodeFixture, _ node: NodeFixture, _ city: String, federationPort: UInt16) async throws {
        let status = try json(await node.run(["status", "--json"]))
        let added = await sec.run(["roster", "add-member", city, "--key", status["signingKey"]?.stringValue ?? "",
                                   "--url", "https://127.0.0.1:1", "--federation-url", "https://127.0.0.1:\(federationPort)",
                                   "--pin", status["pin"]?.stringValue ?? ""])
        #expect(added.code == .success, "\(added.err)")
    }

    /// `GET /federation/v1/hello` with `node`'s own certificate: the status code and the body.
    func hello(_ node: NodeFixture, port: UInt16, serverPin: String) async -> (code: String, body: String) {
        let tls = node.directory.appendingPathComponent("node/tls")
        let result = await ChildProcess.run("/usr/bin/curl", [
            "-sS", "--tlsv1.3", "--max-time", "60", "-k", "--pinnedpubkey", "sha256//\(serverPin)",
            "--cert", tls.appendingPathComponent("certificate.pem").path, "--key", tls.appendingPathComponent("key.pem").path,
            "-w", "\n%{http_code}", "https://127.0.0.1:\(port)/federation/v1/hello"])
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false)
        return (String(lines.last ?? ""), lines.dropLast().joined(separator: "\n"))
    }

    @Test func membersGetInAndLoseAccessWithTheUpdateWithoutARestart() async throws {
        let sec = try await NodeFixture.make(city: "secretariat", name: "Secretariat", label: "fedSec")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "fedSofia")
        #expect(await sec.run(["keys", "generate", "--out", "node/keys/steward.key"]).code == .success)
        #expect(await sec.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/steward.key"]).code == .success)

        let directory = NodeDirectory(root: sec.directory.appendingPathComponent("node"))
        let served = try await ServedNode.open(directory)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: directory.root.path),
                                                     adminToken: served.adminToken, federationPort: 0)
        let guardian = FederationGuard(log: nil)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node, roster: served.node.roster,
                                                                          federationGuard: guardian), log: NodeLog { _ in })
        let port = try #require(server.federationPort)
        try await admit(sec, sec, "secretariat", federationPort: port)     // through the admin socket
        try await admit(sec, sofia, "sofia", federationPort: port)
        #expect(await sec.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: sec.directory.appendingPathComponent("b.jsonl"), to: sofia.directory.appendingPathComponent("b.jsonl"))
        #expect(await sofia.run(["enrol", "b.jsonl"]).code == .success)

        let admitted = await hello(sofia, port: port, serverPin: server.pin)
        #expect(admitted.code == "200" && admitted.body.contains("\"member\":\"sofia\""), "\(admitted)")

        #expect(await sec.run(["roster", "suspend", "sofia"]).code == .success)
        let suspended = await hello(sofia, port: port, serverPin: server.pin)
        #expect(suspended.code == "403" && suspended.body.contains("suspended-member"), "\(suspended)")
        let refusedPull = await sofia.run(["roster", "pull"])
        #expect(refusedPull.code != .success && refusedPull.err.contains("403"), "\(refusedPull.err)")

        #expect(await sec.run(["roster", "reinstate", "sofia"]).code == .success)
        let pulled = await sofia.run(["roster", "pull", "--json"])
        #expect(pulled.code == .success, "\(pulled.err)")
        #expect(try json(pulled)["seq"] == .number(4), "sofia took the suspension and the reinstatement over mutual TLS")

        #expect(await sec.run(["roster", "remove-member", "sofia"]).code == .success)
        let removed = await hello(sofia, port: port, serverPin: server.pin)
        #expect(removed.code == "403" && removed.body.contains("removed-member"), "\(removed)")
        #expect(guardian.refusals["suspended-member"] == 2 && guardian.refusals["removed-member"] == 1)
        let publicState = await ChildProcess.run("/usr/bin/curl", ["-sS", "-k", "--max-time", "60", "https://127.0.0.1:\(server.port)/api/v1/roster"])
        #expect(publicState.output.contains("\"status\":\"removed\""), "the public port serves the roster's state")
        await server.shutdown()
    }
}

/// `scripts/federation-runbook` with the built binary: the runbook's procedures with real
/// processes (`agora serve` with a federation port, curl with the city's certificate).
@Suite struct FederationRunbookScriptTests {
    @Test func theRunbookScriptRunsEveryProcedure() async throws {
        guard let binary = BuiltBinary.url, let curl = ChildProcess.which("curl") else { return }
        _ = curl
        let script = ExternalVectors.projectRoot.appendingPathComponent("scripts/federation-runbook").path
        var environment = ProcessInfo.processInfo.environment
        environment["AGORA_BIN"] = binary.path
        let result = await ChildProcess.run("/bin/bash", [script], environment: environment)
        #expect(result.status == 0, "\(result.error)")
        #expect(result.error.contains("every procedure did what docs/FEDERATION.md says"), "\(result.error)")
    }
}
