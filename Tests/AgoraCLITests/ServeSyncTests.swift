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
        try await serve(fixture, configuration: .init(policy: policy, progressStep: 1))
    }

    /// Serves `fixture` with a federation port and an engine configured as `configuration`.
    static func serve(_ fixture: NodeFixture, configuration engineConfiguration: SyncEngine.Configuration) async throws -> Served {
        let directory = NodeDirectory(root: fixture.directory.appendingPathComponent("node"))
        let served = try await ServedNode.open(directory)
        let lines = LogLines()
        let engine = SyncEngine(node: served.node, configuration: engineConfiguration, log: lines.log)
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

    /// Tirana with a steward key, the roster's genesis and one published practice.
    static func founder(label: String) async throws -> NodeFixture {
        let tirana = try await NodeFixture.make(city: "tirana", name: "Tirana", label: label)
        #expect(await tirana.run(["keys", "generate", "--out", "node/keys/steward.key"]).code == .success)
        #expect(await tirana.run(["roster", "genesis", "--coalition", "ccdr", "--steward-key", "node/keys/steward.key"]).code == .success)
        try tirana.write("t1.json", FederationSyncTests.practice(city: "tirana", slug: "open-data-portal"))
        #expect(await tirana.run(["publish", "t1.json"]).code == .success)
        return tirana
    }

    /// Tirana founds the roster with both members; Sofia enrols from the bundle while serving.
    func found(_ tirana: Served, _ sofia: Served, sofiaPort: UInt16, offline: [NodeFixture] = []) async throws {
        try await roster.admit(tirana.fixture, tirana.fixture, "tirana", federationPort: try #require(tirana.server.federationPort))
        try await roster.admit(tirana.fixture, sofia.fixture, "sofia", federationPort: sofiaPort)
        for node in offline { try await roster.admit(tirana.fixture, node, node.city, federationPort: 1) }
        #expect(await tirana.fixture.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        let bundle = try Data(contentsOf: tirana.fixture.directory.appendingPathComponent("b.jsonl"))
        _ = try await sofia.node.node.enrol(bundle: Array(bundle), genesis: nil)
    }

    @Test func nodesConvergeWithoutSyncByHandAndAFreshPublishArrivesByPush() async throws {
        let tirana = try await Self.founder(label: "engineTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "engineSofia")
        try sofia.write("s1.json", FederationSyncTests.practice(city: "sofia", slug: "open-budget"))
        try sofia.write("s2.json", FederationSyncTests.practice(city: "sofia", slug: "participatory-budget"))
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
        let fetchedAndPushed = try await Self.eventually {  // the attempt is recorded once its transfers are done
            try await s.node.store.syncAttempts(peer: "tirana").contains { $0.error == nil && $0.changesReceived >= 1 && $0.changesSent >= 1 }
        }
        let sofiaAttempts = try await s.node.store.syncAttempts(peer: "tirana")
        #expect(fetchedAndPushed, "the NAT'd node fetched and pushed in its own session: \(sofiaAttempts)")
        #expect(try await Self.eventually { try await t.node.store.syncAttempts(peer: "sofia").count > 0 })
        let unreachable = try await t.node.store.syncAttempts(peer: "sofia")
        #expect(unreachable.allSatisfy { $0.error != nil }, "Tirana cannot reach Sofia; every attempt is a recorded failure")
        #expect(await Self.eventually { t.engine.currentSchedule.isBackingOff("sofia") })
        #expect(s.lines.all.contains { $0.contains(#""event":"sync progress""#) && $0.contains(#""received":"1""#) },
                "a session that receives changes logs its progress")

        // Sofia publishes through its server (the CLI hands the write over the admin socket):
        // the change reaches Tirana by push, with the next session an hour away.
        #expect(await sofia.run(["publish", "s2.json"]).code == .success)
        let pushed = try await Self.eventually {
            try await t.node.store.syncItems().count == 3
        }
        #expect(pushed, "the fresh change arrives by push: \(s.lines.all)")
        #expect(await Self.eventually {  // the line is written once the push has returned, after Tirana stored it
            s.lines.all.contains { $0.contains(#""event":"pushed""#) && $0.contains(#""peer":"tirana""#) }
        })
        #expect(try await s.node.store.syncAttempts(peer: "tirana").count == sofiaAttempts.count, "no session carried it")
        let states = try await t.node.store.allStates(), theirs = try await s.node.store.allStates()
        #expect(states.map(\.state) == theirs.map(\.state) && states.count == 3)
        await s.stop()
        await t.stop()
    }

    @Test func syncAndImportAreHandedToTheRunningServer() async throws {
        let tirana = try await Self.founder(label: "handTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "handSofia")
        let dublin = try await NodeFixture.make(city: "dublin", name: "Dublin", label: "handDublin")
        try dublin.write("d1.json", FederationSyncTests.practice(city: "dublin", slug: "smart-meters"))
        #expect(await dublin.run(["publish", "d1.json"]).code == .success)
        #expect(await dublin.run(["export", "--format", "jsonl", "--out", "d.jsonl"]).code == .success)
        let exported = try String(contentsOf: dublin.directory.appendingPathComponent("d.jsonl"), encoding: .utf8)
        try sofia.write("d.jsonl", exported + "{not a change}\n")

        let policy = SyncSchedule.Policy(interval: 3_600_000, backoffCap: 3_600_000)
        let t = try await Self.serve(tirana, policy: policy)
        let s = try await Self.serve(sofia, policy: policy)
        try await found(t, s, sofiaPort: try #require(s.server.federationPort), offline: [dublin])
        #expect(try await Self.eventually { try await s.node.store.syncItems().count == 1 })

        // agora sync while serving: the server runs the round; the same figures as by hand.
        let synced = await sofia.run(["sync", "--peer", "tirana", "--json"])
        #expect(synced.code == .success, "\(synced.out) \(synced.err)")
        let attempt = try roster.json(synced)
        #expect(attempt["peer"] == .string("tirana") && attempt["error"] == .null && attempt["roundTrips"] == .number(1)
                && attempt["changesReceived"] == .number(0), "\(synced.out)")
        let unreachable = await sofia.run(["sync", "--peer", "dublin"])
        #expect(unreachable.code == .failure && unreachable.out.contains("dublin") && unreachable.out.contains("unreachable"), "\(unreachable.out)")
        let stranger = await sofia.run(["sync", "--peer", "paris"])
        #expect(stranger.code == .failure && stranger.err.contains("paris is not an active peer"), "\(stranger.err)")

        // agora import while serving: batches to the server, refusals by file line; what is new is pushed on.
        let imported = await sofia.run(["import", "d.jsonl"])
        #expect(imported.code == .partial, "\(imported.out) \(imported.err)")
        #expect(imported.out.contains("d.jsonl: 2 lines: 1 accepted, 0 duplicate, 1 refused"), "\(imported.out)")
        #expect(imported.err.contains("d.jsonl: line 2: refused"), "\(imported.err)")
        let pushed = try await Self.eventually { try await t.node.store.syncItems().count == 2 }
        #expect(pushed, "the imported change reaches Tirana by push: \(s.lines.all)")
        let again = await sofia.run(["import", "d.jsonl", "--json"])
        let report = try roster.json(again)
        #expect(report["accepted"] == .number(0) && report["duplicates"] == .number(1) && report["lines"] == .number(2), "\(again.out)")
        await s.stop()
        await t.stop()
    }

    @Test func aPeerThatIsDownCostsRecordedAttemptsThatBackOff() async throws {
        let tirana = try await Self.founder(label: "downTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "downSofia")
        let policy = SyncSchedule.Policy(interval: 100, jitter: 0, backoffCap: 60_000)
        let t = try await Self.serve(tirana, policy: policy)
        try await roster.admit(tirana, tirana, "tirana", federationPort: try #require(t.server.federationPort))
        try await roster.admit(tirana, sofia, "sofia", federationPort: 1)  // nothing listens there
        let four = try await Self.eventually { try await t.node.store.syncAttempts(peer: "sofia").count >= 4 }
        #expect(four, "\(t.lines.all)")
        let attempts = try await t.node.store.syncAttempts(peer: "sofia")
        #expect(attempts.allSatisfy { $0.error?.contains("unreachable") == true }, "\(attempts)")
        // Each wait is at least the backoff delay: 200, 400, 800 ms after 1, 2, 3 failures (a
        // lower bound only: a loaded machine can only make the waits longer).
        for k in 1..<4 {
            let gap = attempts[k].startedMilliseconds - (attempts[k - 1].startedMilliseconds + attempts[k - 1].durationMilliseconds)
            #expect(gap >= policy.delay(afterFailures: k) - 5, "wait \(k) was \(gap) ms")
        }
        #expect(t.engine.currentSchedule.peers["sofia"]?.failures ?? 0 >= 4)
        #expect(t.lines.all.contains { $0.contains(#""event":"sync failed""#) && $0.contains(#""peer":"sofia""#) })
        await t.stop()
    }

    @Test func aPushedChangeIsGossipedOnToPeersTheWriterDidNotPick() async throws {
        let tirana = try await Self.founder(label: "gossipTirana")
        let sofia = try await NodeFixture.make(city: "sofia", name: "Sofia", label: "gossipSofia")
        let dublin = try await NodeFixture.make(city: "dublin", name: "Dublin", label: "gossipDublin")
        try sofia.write("s1.json", FederationSyncTests.practice(city: "sofia", slug: "open-budget"))
        // Fanout 1: the writer pushes to one peer; the third node can get the change only from
        // that peer's gossip (the next sessions are an hour away).
        let policy = SyncSchedule.Policy(interval: 3_600_000, backoffCap: 3_600_000, fanout: 1)
        let nodes = [try await Self.serve(tirana, policy: policy), try await Self.serve(sofia, policy: policy),
                     try await Self.serve(dublin, policy: policy)]
        try await found(nodes[0], nodes[1], sofiaPort: try #require(nodes[1].server.federationPort))
        try await roster.admit(tirana, dublin, "dublin", federationPort: try #require(nodes[2].server.federationPort))
        #expect(await tirana.run(["roster", "bundle", "--out", "b.jsonl"]).code == .success)
        let bundle = try Data(contentsOf: tirana.directory.appendingPathComponent("b.jsonl"))
        _ = try await nodes[2].node.node.enrol(bundle: Array(bundle), genesis: nil)
        _ = try await nodes[1].node.node.enrol(bundle: Array(bundle), genesis: nil)

        // Every node hears from every other one (a peer that failed before it enrolled is tried
        // again at once when it calls), so nobody backs off and the sets agree.
        let settled = try await Self.eventually {
            var items: [[SyncItem]] = []
            for node in nodes { items.append(try await node.node.store.syncItems()) }
            return nodes.allSatisfy { node in node.engine.currentSchedule.peers.count == 2
                && node.engine.currentSchedule.peers.values.allSatisfy { $0.failures == 0 } } && Set(items.map(\.count)) == [1]
        }
        #expect(settled, "\(nodes.map { $0.engine.currentSchedule.peers })")
        let before = nodes.map(\.lines.all.count)

        #expect(await sofia.run(["publish", "s1.json"]).code == .success)
        let everywhere = try await Self.eventually {
            for node in nodes where try await node.node.store.syncItems().count != 2 { return false }
            return true
        }
        #expect(everywhere, "\(nodes.map(\.lines.all))")
        let pushed = { (index: Int) in nodes[index].lines.all.dropFirst(before[index]).filter { $0.contains(#""event":"pushed""#) } }
        #expect(await Self.eventually { pushed(0).count + pushed(2).count == 1 }, "one gossip hop: \(pushed(0)) \(pushed(2))")
        #expect(pushed(1).count == 1, "the writer pushed to one peer: \(pushed(1))")
        #expect(!(pushed(0) + pushed(2)).contains { $0.contains(#""peer":"sofia""#) }, "never back to the writer")
        for node in nodes { await node.stop() }
    }

    @Test func serveRefusesSyncFlagsOutsideTheirRanges() async throws {
        let node = try await NodeFixture.make(city: "tirana", name: "Tirana", label: "serveFlags")
        for (flag, value, message) in [("--sync-interval", "0", "--sync-interval must be a number of seconds from 0.1 to 86400"),
                                       ("--sync-interval", "86401", "from 0.1 to 86400"), ("--sync-interval", "soon", "invalid value"),
                                       ("--push-fanout", "-1", "--push-fanout must be an integer from 0 to 64"),
                                       ("--push-fanout", "65", "from 0 to 64")] {
            let result = await node.run(["serve", "--public-port", "0", flag, value])
            #expect(result.code == .usage && result.err.contains(message), "\(flag) \(value): \(result.err)")
        }
    }
}
