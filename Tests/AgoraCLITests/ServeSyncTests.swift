import AgoraCore
import AgoraNode
import AgoraStore
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// The sync engine inside `agora serve`, between real servers on 127.0.0.1 over mutual TLS:
/// nodes converge with no `agora sync`, a fresh publish arrives by push long before the
/// anti-entropy interval, a node nobody can reach (behind NAT) syncs both ways by initiating,
/// and a peer that is down costs recorded attempts that back off.
@Suite struct ServeSyncTests {
    let roster = FederationRosterTests()

    /// A node served in-process with its engine.
    struct Served {
        let fixture: NodeFixture
        let node: ServedNode
        let server: NodeServer
        let engine: SyncEngine
        let lines: LogLines

        func stop() async {
            await server.shutdown()
            await node.store.close()
        }
    }

    /// The log lines a server wrote.
    final class LogLines: @unchecked Sendable {
        // @unchecked: `lines` is only touched under `lock`.
        private let lock = NSLock()
        private var lines: [String] = []
        var log: NodeLog { NodeLog { [self] line in lock.withLock { lines.append(line) } } }
        var all: [String] { lock.withLock { lines } }
    }

    /// Serves `fixture` with a federation port and an engine running `policy`.
    static func serve(_ fixture: NodeFixture, policy: SyncSchedule.Policy) async throws -> Served {
        let directory = NodeDirectory(root: fixture.directory.appendingPathComponent("node"))
        let served = try await ServedNode.open(directory)
        let lines = LogLines()
        let engine = SyncEngine(node: served.node, configuration: .init(policy: policy), log: lines.log)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: directory.root.path),
                                                     adminToken: served.adminToken, federationPort: 0)
        let writer = LocalNodeWriter(node: served.node)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: writer, exporter: served.node,
                                                                          roster: served.node.roster, sync: FederationSync(node: served.node),
                                                                          engine: engine), log: lines.log)
        return Served(fixture: fixture, node: served, server: server, engine: engine, lines: lines)
    }

    /// Polls `condition` every 100 ms for up to `seconds` (generous: the suite shares 2 cores).
    static func eventually(_ seconds: Double = 120, _ condition: () async throws -> Bool) async rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return try await condition()
    }

    /// Tirana founds the roster with both members; Sofia enrols from the bundle while serving.
    func found(_ tirana: Served, _ sofia: Served, sofiaPort: UInt16) async throws {
        try await roster.admit(tirana.fixture, tirana.fixture, "tirana", federationPort: try #require(tirana.server.federationPort))
        try await roster.admit(tirana.fixture, sofia.fixture, "sofia", federationPort: sofiaPort)
        #expect(await tirana.fixture.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        let bundle = try Data(contentsOf: tirana.fixture.directory.appendingPathComponent("b.jsonl"))
        _ = try await sofia.node.node.enrol(bundle: Array(bundle), genesis: nil)
    }

    @Test func nodesConvergeWithoutSyncByHandAndAFreshPublishArrivesByPush() async throws {
        let tirana = try await NodeFixture.make(city: "tirana", name: "Tirana", label: "engineTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "engineSofia")
        #expect(await tirana.run(["keys", "generate", "--out", "node/keys/steward.key"]).code == .success)
        #expect(await tirana.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/steward.key"]).code == .success)
        try tirana.write("t1.json", FederationSyncTests.practice(city: "tirana", slug: "open-data-portal"))
        try sofia.write("s1.json", FederationSyncTests.practice(city: "sofia", slug: "open-budget"))
        try sofia.write("s2.json", FederationSyncTests.practice(city: "sofia", slug: "participatory-budget"))
        #expect(await tirana.run(["publish", "t1.json"]).code == .success)
        #expect(await sofia.run(["publish", "s1.json"]).code == .success)

        // An hour between sessions: after the first round (a new peer is due at once), only
        // push can carry a change within the test. Sofia is behind NAT: its federation URL is
        // unreachable, so Tirana's sessions with it fail and back off, and Sofia initiates.
        let policy = SyncSchedule.Policy(interval: 3_600_000, backoffCap: 3_600_000)
        let t = try await Self.serve(tirana, policy: policy)
        let s = try await Self.serve(sofia, policy: policy)
        try await found(t, s, sofiaPort: 1)

        let converged = try await Self.eventually {
            let mine = try await t.node.store.syncItems(), theirs = try await s.node.store.syncItems()
            return mine == theirs && mine.count == 2
        }
        #expect(converged, "the engines converge with no 'agora sync': \(t.lines.all) \(s.lines.all)")
        let sofiaAttempts = try await s.node.store.syncAttempts(peer: "tirana")
        #expect(sofiaAttempts.contains { $0.error == nil && $0.changesReceived >= 1 && $0.changesSent >= 1 },
                "the NAT'd node fetched and pushed in its own session: \(sofiaAttempts)")
        #expect(try await Self.eventually { try await t.node.store.syncAttempts(peer: "sofia").count > 0 })
        let unreachable = try await t.node.store.syncAttempts(peer: "sofia")
        #expect(unreachable.allSatisfy { $0.error != nil }, "Tirana cannot reach Sofia; every attempt is a recorded failure")
        #expect(t.engine.currentSchedule.isBackingOff("sofia"))

        // Sofia publishes through its server (the CLI hands the write over the admin socket):
        // the change reaches Tirana by push, with the next session an hour away.
        #expect(await sofia.run(["publish", "s2.json"]).code == .success)
        let pushed = try await Self.eventually {
            try await t.node.store.syncItems().count == 3
        }
        #expect(pushed, "the fresh change arrives by push: \(s.lines.all)")
        #expect(s.lines.all.contains { $0.contains(#""event":"pushed""#) && $0.contains(#""peer":"tirana""#) })
        #expect(try await s.node.store.syncAttempts(peer: "tirana").count == sofiaAttempts.count, "no session carried it")
        let states = try await t.node.store.allStates(), theirs = try await s.node.store.allStates()
        #expect(states.map(\.state) == theirs.map(\.state) && states.count == 3)
        await s.stop()
        await t.stop()
    }
}
