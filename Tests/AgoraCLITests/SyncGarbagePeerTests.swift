import AgoraCore
import AgoraHTTP
import AgoraNode
import AgoraStore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// A peer whose fetch answers carry a line that is not a signed change: the attempt fails with
/// `refused-changes`, recorded; the valid lines beside it are stored (each verified as import
/// does), and nothing else is. The peer is a real TLS server on 127.0.0.1 with the node's
/// certificate that answers reconciliation truly and spoils its fetch answers.
@Suite struct SyncGarbagePeerTests {
    let roster = FederationRosterTests()

    /// The sync service the spoiling server answers with, set once the node is open.
    final class Box: @unchecked Sendable {
        // @unchecked: `sync` is written once, before the first request can reach it.
        var sync: FederationSync?
    }

    @Test func aGarbageFetchAnswerFailsTheAttemptAndStoresOnlyValidChanges() async throws {
        let tirana = try await NodeFixture.make(city: "tirana", name: "Tirana", label: "garbageTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "garbageSofia")
        #expect(await tirana.run(["keys", "generate", "--out", "node/keys/steward.key"]).code == .success)
        #expect(await tirana.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/steward.key"]).code == .success)
        try tirana.write("t1.json", FederationSyncTests.practice(city: "tirana", slug: "open-data-portal"))
        #expect(await tirana.run(["publish", "t1.json"]).code == .success)

        let tls = tirana.directory.appendingPathComponent("node/tls")
        let credentials = try TLSCredentials(certificateFile: tls.appendingPathComponent("certificate.pem").path,
                                             privateKeyFile: tls.appendingPathComponent("key.pem").path)
        let box = Box()
        let spoiled = Array(#"{"bodies":{},"header":{"record":"tirana/practice/x"},"signature":"00"}"#.utf8) + [0x0A]
        let server = try HTTPServer.start([HTTPListener(address: .tcp(host: "127.0.0.1", port: 0),
                                                        security: .tls(credentials, requireClientCertificate: true),
                                                        handler: { request in
            guard let sync = box.sync else { return HTTPResponse(status: .serviceUnavailable) }
            var router = Router()
            FederationSyncAPI(sync: sync).install(into: &router)
            var response = await router.handler(request)
            if request.path == "/federation/v1/changes/fetch" {
                response.body = ((try? await sync.fetch(ids: [], ranges: [(SyncKey(milliseconds: 0), SyncKey(milliseconds: .max))])) ?? []) + spoiled
                response.stream = nil
            }
            return response
        })])
        let port = try #require(server.port(0))
        try await roster.admit(tirana, tirana, "tirana", federationPort: port)
        try await roster.admit(tirana, sofia, "sofia", federationPort: 1)
        #expect(await tirana.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: tirana.directory.appendingPathComponent("b.jsonl"), to: sofia.directory.appendingPathComponent("b.jsonl"))
        #expect(await sofia.run(["enrol", "b.jsonl"]).code == .success)

        let node = try LocalNode(directory: NodeDirectory(root: tirana.directory.appendingPathComponent("node")), writable: true)
        box.sync = FederationSync(node: node)
        let result = await sofia.run(["sync", "--json"])
        #expect(result.code != .success, "a failed attempt makes agora sync fail")
        let report = try roster.json(result)
        #expect(report["error"]?.stringValue?.hasPrefix("refused-changes") == true, "\(report)")
        #expect(report["changesReceived"] == .number(1), "the valid line is stored: \(report)")

        let held = try await node.store.syncItems()
        await server.shutdown()
        await node.close()
        let other = try await ServedNode.open(NodeDirectory(root: sofia.directory.appendingPathComponent("node")))
        #expect(try await other.store.syncItems() == held, "exactly the peer's valid changes")
        let attempts = try await other.store.syncAttempts(peer: "tirana")
        #expect(attempts.count == 1 && attempts.first?.error?.hasPrefix("refused-changes") == true)
        await other.store.close()
    }
}
