import AgoraCore
import AgoraCrypto
import AgoraNode
import AgoraStore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// The transfers of sync over mutual TLS on 127.0.0.1 (issue 14, item 2): a brand-new node
/// backfills 3,000 changes (several fetch answers), a redacted change travels body-less with its
/// redaction (in different answers), a node holding the bodies drops them when the redaction
/// arrives, and a change by a key its roster does not hold goes to its pending area.
@Suite struct SyncTransferTests {
    let roster = FederationRosterTests()
    let record = "tirana/practice/bulk"

    func sign(_ key: Ed25519.PrivateKey, city: String = "tirana", record: String? = nil, _ ms: UInt64,
              _ operations: [UnsignedOperation]) throws -> VerifiedChange {
        try ChangeSigner(crypto: OpenSSLChangeCryptography()).sign(
            UnsignedChange(coalition: "ccdr", record: try #require(RecordID(record ?? self.record)), city: city,
                           hlc: HLCTimestamp(milliseconds: ms), operations: operations), key: key)
    }

    func importing(_ changes: [SignedChange], into local: LocalNode) async throws -> ImportReport {
        var chunks = [Data(changes.map { String(decoding: $0.wireBytes, as: UTF8.self) + "\n" }.joined().utf8)]
        return try await local.importChanges(from: LineReader { _ in chunks.isEmpty ? Data() : chunks.removeFirst() })
    }

    func syncReport(_ node: NodeFixture) async throws -> JSONValue {
        let result = await node.run(["sync", "--json"])
        #expect(result.code == .success, "\(result.out) \(result.err)")
        return try roster.json(result)
    }

    @Test func backfillRedactionsAndUnknownKeysTravelThroughSync() async throws {
        let tirana = try await NodeFixture.make(city: "tirana", name: "Tirana", label: "xferTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "xferSofia")
        #expect(await tirana.run(["keys", "generate", "--out", "node/keys/steward.key"]).code == .success)
        #expect(await tirana.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/steward.key"]).code == .success)
        // Tirana also trusts a Paris key the roster does not hold; Sofia does not know it.
        let paris = try TestKeys.privateKey("paris-sync")
        let root = NodeDirectory(root: tirana.directory.appendingPathComponent("node"))
        let trusted = try KeyDirectory(Array(try root.keyDirectory().entries.values) + [KeyDirectory.Entry(key: paris.publicKeyBytes, city: "paris")])
        try tirana.write("node/keys/directory.json", JSONWriter.pretty(trusted.json) + "\n")

        let served = try await ServedNode.open(root)
        let own = try KeyFile.readEd25519PrivateKey(at: tirana.directory.appendingPathComponent("node/keys/signing.key").path)
        let early = try sign(own, 1_690_000_000_000, [.set(field: "budget", language: nil, value: .string("EUR 1"))])
        let kept = try sign(own, 1_690_000_000_001, [.set(field: "budget", language: nil, value: .string("EUR 2"))])
        let fillers = try (0..<3_000).map { n in
            try sign(own, 1_700_000_000_000 + UInt64(n), [.set(field: "title", language: "en", value: .string("Title \(n)"))]).change
        }
        let stranger = try sign(paris, city: "paris", record: "paris/practice/x", 1_700_000_100_000,
                                [.set(field: "title", language: "en", value: .string("Paris"))]).change
        // Redactions are signed here with the node's key, stamped after the fillers (the CLI's clock is fixed).
        let redactEarly = try sign(own, 1_700_000_200_000, [.redact(change: early.id)]).change
        let redactKept = try sign(own, 1_700_000_300_000, [.redact(change: kept.id)]).change
        let imported = try await importing([early.change, kept.change] + fillers + [stranger, redactEarly], into: served.node)
        #expect(imported.accepted == 3_004 && imported.refusals.isEmpty, "\(imported.refusals.prefix(3))")
        let earlyID = early.id.hex, keptID = kept.id.hex

        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: root.root.path),
                                                     adminToken: served.adminToken, federationPort: 0)
        let sync = FederationSync(node: served.node)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node, roster: served.node.roster,
                                                                          federationGuard: FederationGuard(log: nil), sync: sync),
                                          log: NodeLog { _ in })
        let port = try #require(server.federationPort)
        try await roster.admit(tirana, tirana, "tirana", federationPort: port)
        try await roster.admit(tirana, sofia, "sofia", federationPort: 1)
        #expect(await tirana.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        try FileManager.default.copyItem(at: tirana.directory.appendingPathComponent("b.jsonl"), to: sofia.directory.appendingPathComponent("b.jsonl"))
        #expect(await sofia.run(["enrol", "b.jsonl"]).code == .success)

        // The redacted change goes body-less; its redaction is an item of its own.
        let answer = String(decoding: try await sync.fetch(ids: [try #require(SyncID(bytes: Hex.decode(earlyID, count: 32) ?? []))], ranges: []), as: UTF8.self)
        #expect(answer.contains(#""bodies":{}"#) && !answer.contains("EUR 1"), "\(answer)")

        let first = try await syncReport(sofia)
        #expect(first["error"] == .null, "\(first)")
        #expect(first["changesReceived"] == .number(3_003), "3,000 fillers, two budget changes (one body-less) and the redaction: \(first)")
        #expect(try await importing([redactKept], into: served.node).accepted == 1)
        let second = try await syncReport(sofia)
        #expect(second["error"] == .null && second["changesReceived"] == .number(1), "the second redaction: \(second)")

        let servedItems = try await served.store.syncItems()
        await server.shutdown()
        await served.store.close()
        let other = try await ServedNode.open(NodeDirectory(root: sofia.directory.appendingPathComponent("node")))
        let held = try await other.store.syncItems()
        #expect(held.count == servedItems.count - 1 && Set(held).isSubset(of: Set(servedItems)), "all but the stranger's change")
        #expect(try await other.store.pendingChanges().count == 1, "the change by a key Sofia's roster does not hold waits")
        for id in [earlyID, keptID] {
            let change = try #require(try await other.store.change(Hex.decode(id, count: 32) ?? []))
            #expect(change.change.bodies == nil && change.isRedacted, "\(id): bodies dropped, redacted")
        }
        await other.store.close()
    }
}
