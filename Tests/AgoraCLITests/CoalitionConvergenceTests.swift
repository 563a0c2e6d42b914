import AgoraCore
import Foundation
import Testing

/// Issue 14 item 7 with real `agora serve` processes on 127.0.0.1: concurrent edits of one
/// record on different nodes, a node stopped during edits, a node restored from an old backup,
/// and a partition of the coalition into two halves all end in byte-identical state on every node
/// (the same set of changes and the same record states from each node's API).
@Suite(.serialized) struct CoalitionConvergenceTests {
    static let portal = "tirana/practice/open-data-portal"

    /// Tirana publishes the portal with `coAuthors` (they may edit its content fields too).
    static func publishPortal(_ coalition: Coalition, coAuthors: [String]) async throws {
        try coalition.write("portal.json", NodeFixture.practice())
        try await coalition.agora("tirana", ["publish", "portal.json"])
        try await coalition.agora("tirana", ["edit", portal, "--set", "coAuthors=" + coAuthors.joined(separator: ",")])
    }

    /// A record of `city` published on its node (its server, or the directory when stopped).
    static func publish(_ coalition: Coalition, _ city: String, slug: String) async throws {
        let file = try coalition.write("\(city)-\(slug).json", FederationSyncTests.practice(city: city, slug: slug))
        try await coalition.agora(city, ["publish", file])
    }

    /// Every change's verdict in a record state is `effective`.
    static func allEffective(_ state: JSONValue) -> Bool {
        guard case .array(let changes)? = state["changes"] else { return false }
        return !changes.isEmpty && changes.allSatisfy { $0["status"]?.stringValue == "effective" }
    }

    /// With the engine (`agora serve` syncs and pushes on its own) and without it (`agora sync` by hand).
    @Test(arguments: [true, false])
    func concurrentEditsOfOneRecordConvergeToByteIdenticalState(engine: Bool) async throws {
        try await withCoalition(["tirana", "sofia", "dublin"], engine: engine) { coalition in
            try await Self.publishPortal(coalition, coAuthors: ["sofia", "dublin"])
            let before = try await coalition.converge()
            #expect(before.records[Self.portal] != nil)
            // Three cities edit the same record on their own nodes, with no sync in between: the
            // same field (stage) three ways, and different fields beside it.
            try await coalition.agora("tirana", ["edit", Self.portal, "--set", "stage=scaling", "--set", "summary=Edited in Tirana", "--lang", "en"])
            try await coalition.agora("sofia", ["edit", Self.portal, "--set", "stage=pilot", "--set", "tags=open data,budget"])
            try await coalition.agora("dublin", ["edit", Self.portal, "--set", "stage=discontinued", "--set", "title=Dublin's title", "--lang", "en"])
            try await coalition.sync("sofia", peer: "dublin")  // a partial round, then more concurrent edits
            try await coalition.agora("dublin", ["edit", Self.portal, "--set", "tags=open data,dublin"])
            try await coalition.agora("tirana", ["edit", Self.portal, "--set", "stage=implementation"])
            let after = try await coalition.converge()
            #expect(after.changes.count == before.changes.count + 5)
            let state = try await coalition.recordState("secretariat", Self.portal)
            let fields = state["fields"]
            #expect(fields?["title"]?["en"]?.stringValue == "Dublin's title", "\(state)")
            #expect(fields?["summary"]?["en"]?.stringValue == "Edited in Tirana", "\(state)")
            #expect(["scaling", "pilot", "discontinued", "implementation"].contains(fields?["stage"]?.stringValue ?? ""), "\(state)")
            #expect(Self.allEffective(state), "co-authors' edits all count: \(state)")
            await coalition.stopAll()
            try await coalition.expectSameStoredSets()
        }
    }

    @Test func aStoppedNodeAndANodeRestoredFromAnOldBackupCatchUpBothWays() async throws {
        try await withCoalition(["tirana", "sofia"]) { coalition in
            try await Self.publishPortal(coalition, coAuthors: ["sofia"])
            try await coalition.converge()
            let sofia = coalition.node("sofia")
            await sofia.stop()                                      // stopped during edits
            try await coalition.agora("tirana", ["edit", Self.portal, "--set", "stage=scaling"])
            try await Self.publish(coalition, "sofia", slug: "open-budget")  // offline, in its directory
            let backup = coalition.root.appendingPathComponent("sofia-backup")
            try FileManager.default.copyItem(at: sofia.directory, to: backup)  // holds open-budget, which no peer has
            try await Self.publish(coalition, "tirana", slug: "bike-lanes")
            try await sofia.start()
            let caughtUp = try await coalition.converge()
            #expect(caughtUp.records.keys.contains("sofia/practice/open-budget"), "what the stopped node made spread")
            #expect(caughtUp.records.keys.contains("tirana/practice/bike-lanes"), "it caught up with what it missed")

            // More edits everywhere, then sofia's disk is lost: it comes back from the old backup,
            // and signs one more change before its first round.
            try await Self.publish(coalition, "sofia", slug: "participatory-budget")
            try await coalition.agora("tirana", ["edit", Self.portal, "--set", "stage=implementation"])
            let full = try await coalition.converge()
            await sofia.stop()
            try FileManager.default.removeItem(at: sofia.directory)
            try FileManager.default.copyItem(at: backup, to: sofia.directory)
            try await Self.publish(coalition, "sofia", slug: "digital-rights-office")
            try await coalition.agora("sofia", ["edit", Self.portal, "--set", "summary=Restored Sofia's summary", "--lang", "en"])
            #expect(try await coalition.storedSet("sofia").items.count < full.changes.count, "the backup is old")
            try await sofia.start()
            let restored = try await coalition.converge()
            #expect(Set(full.changes).isSubset(of: Set(restored.changes)), "the restored node got back its own later changes")
            #expect(restored.changes.count == full.changes.count + 2)
            #expect(restored.records.keys.contains("sofia/practice/digital-rights-office"))
            let state = try await coalition.recordState("tirana", Self.portal)
            #expect(state["fields"]?["stage"]?.stringValue == "implementation" && state["fields"]?["summary"]?["en"]?.stringValue == "Restored Sofia's summary")
            await coalition.stopAll()
            try await coalition.expectSameStoredSets()
        }
    }

    @Test func aPartitionIntoTwoHalvesWithEditsOnBothSidesHeals() async throws {
        try await withCoalition(["tirana", "sofia", "dublin"]) { coalition in
            try await Self.publishPortal(coalition, coAuthors: ["sofia", "dublin"])
            try await coalition.converge()
            let west = ["secretariat", "tirana"], east = ["dublin", "sofia"]
            // The east half is cut off (its nodes are down for the west): the west edits and syncs.
            for city in east { await coalition.node(city).stop() }
            try await coalition.agora("tirana", ["edit", Self.portal, "--set", "stage=scaling", "--set", "tags=west"])
            try await Self.publish(coalition, "tirana", slug: "bike-lanes")
            let westRun = try await coalition.sync("secretariat")
            #expect(westRun.failures.count == 2 && westRun.attempts.count == 3, "the east is unreachable: \(westRun.attempts)")
            let westState = try await coalition.converge(west)
            // Meanwhile the east edits the same record, offline, and then syncs within its half
            // while the west is unreachable.
            try await coalition.agora("sofia", ["edit", Self.portal, "--set", "stage=pilot", "--set", "tags=east"])
            try await Self.publish(coalition, "dublin", slug: "citizen-panel")
            for city in west { await coalition.node(city).stop() }
            for city in east { try await coalition.node(city).start() }
            let eastRun = try await coalition.sync("dublin")
            #expect(eastRun.failures.count == 2, "the west is unreachable: \(eastRun.attempts)")
            let eastState = try await coalition.converge(east)
            #expect(westState != eastState, "the halves diverged")
            #expect(!westState.records.keys.contains("dublin/practice/citizen-panel") && !eastState.records.keys.contains("tirana/practice/bike-lanes"))

            for city in west { try await coalition.node(city).start() }  // the partition ends
            let healed = try await coalition.converge()
            #expect(Set(westState.changes).union(eastState.changes) == Set(healed.changes), "nothing lost, nothing added")
            let tags = try await coalition.recordState("dublin", Self.portal)["sets"]?["tags"]
            #expect(tags?["west"] != nil && tags?["east"] != nil, "concurrent adds on both sides both survive: \(String(describing: tags))")
            await coalition.stopAll()
            try await coalition.expectSameStoredSets()
        }
    }
}
