import Foundation
import Testing
import AgoraCore
import AgoraTesting
@testable import AgoraStore

/// The writer keeps the node's sync item set current (`protocol/STORAGE.md`, "The sync item set"):
/// after any history of ingests, body-less copies, completions, redactions, rebuilds and key
/// directory changes, the incrementally kept set equals a fresh scan, and set-aside changes
/// (held without bodies, not effectively redacted) are in neither the set nor an export.
@Suite struct SyncItemSetTests {
    let fixtures: CoreFixtures
    init() throws { fixtures = try CoreFixtures() }

    static var seeds: [UInt64] {
        if let text = ProcessInfo.processInfo.environment["AGORA_PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
        return [1, 2, 3, 4]
    }

    /// `tirana-2`, a second key of Tirana, with `status`.
    func keys(_ status: KeyDirectory.Status) throws -> KeyDirectory {
        try fixtures.directory(adding: [("tirana-2", "tirana", status, false)])
    }

    func item(_ change: VerifiedChange) throws -> SyncItem {
        SyncItem(milliseconds: change.header.hlc.milliseconds, id: try #require(SyncID(bytes: Hex.decode(change.id.hex, count: 32) ?? [])))
    }

    /// X erased by R (R's key active), then R's key marked compromised: after the rebuild X is
    /// held without bodies and not redacted, so it leaves the set and the exports; a complete
    /// copy brings it back into both.
    @Test func aSetAsideChangeLeavesTheSetAndTheExportsAndACompletedOneJoins() async throws {
        let record = "tirana/practice/budget"
        let x = try fixtures.sign(record, hlc: 1_000, [.set(field: "budget", language: nil, value: .string("EUR 5"))])
        let r = try fixtures.sign(record, key: "tirana-2", hlc: 2_000, [.redact(change: x.id)])
        let (ix, ir) = (try item(x), try item(r))
        let dir = Fixtures.directory()
        let before = try fixtures.store(in: dir, keys: try keys(.active))
        let set0 = try await before.syncItemSet()
        _ = try await before.ingest(wire: [x.withoutBodies.change.wireBytes, r.change.wireBytes])
        #expect(set0.count == 2, "an effectively redacted body-less copy is in the set")
        await before.close()

        let store = try fixtures.store(in: dir, keys: try keys(.compromised))
        let set = try await store.syncItemSet()
        _ = try await store.rebuild()
        #expect(set.reading { $0.contains(ix) } == false)
        #expect(set.count == 1 && set.summary == SyncSummary([ir]))
        #expect(try await store.syncItems() == [ir])
        var exported: [String] = []
        for try await entry in store.allChanges() { exported.append(entry.change.idHex) }
        #expect(exported == [r.id.hex], "a set-aside change is not exported (a peer refuses it: missing-body)")
        let snapshot = try await store.snapshot()
        let page = try await snapshot.changes(after: 0, limit: 10)
        #expect(page.map(\.change.idHex) == [r.id.hex] && snapshot.counts.changes == 1)
        snapshot.close()

        _ = try await store.ingest(wire: [x.change.wireBytes])
        #expect(set.count == 2 && set.summary == SyncSummary([ix, ir]))
        #expect(try await store.syncItems() == [ix, ir])
        await store.close()
    }

    /// The items below a bound leave out far-future changes.
    @Test func itemsBelowABoundLeaveOutLaterChanges() async throws {
        let store = try fixtures.store(in: Fixtures.directory())
        let changes = try (0..<6).map { try fixtures.sign("tirana/practice/p\($0)", hlc: 1_000 + UInt64($0) * 1_000, [.set(field: "stage", language: nil, value: .string("pilot"))]) }
        _ = try await store.ingest(wire: changes.map(\.change.wireBytes))
        let below = try changes.prefix(3).map { try item($0) }
        #expect(try await store.syncItems(below: 4_000) == below)
        #expect(try await store.syncItemSet().items(below: 4_000) == below)
        await store.close()
    }

    /// The property: random histories keep the incremental set equal to a fresh scan.
    @Test(arguments: seeds) func theKeptSetEqualsAFreshScanAfterAnyHistory(seed: UInt64) async throws {
        var random = SplitMix64(seed: seed)
        let dir = Fixtures.directory("\(#function)-\(seed)")
        var status = KeyDirectory.Status.active
        var store = try fixtures.store(in: dir, keys: try keys(status))
        var set = try await store.syncItemSet()
        var held: [VerifiedChange] = [], records: [String] = []
        var setAsideSteps = 0
        for step in 0..<60 {
            let record = "tirana/practice/r\(random.below(4))"
            var batch: [[UInt8]] = []
            switch random.below(7) {
            case 0, 1:
                let change = try fixtures.sign(record, hlc: 1_000 + UInt64(step) * 10, [.set(field: "budget", language: nil, value: .string("EUR \(step)"))])
                held.append(change)
                records.append(record)
                batch = [random.chance(0.3) ? change.withoutBodies.change.wireBytes : change.change.wireBytes]
            case 2 where !held.isEmpty:
                let index = random.below(held.count)
                let target = held[index]
                let redaction = try fixtures.sign(records[index], key: "tirana-2", hlc: 1_000 + UInt64(step) * 10 + 5,
                                                  [.redact(change: target.id)])
                held.append(redaction)
                records.append(records[index])
                batch = random.chance(0.5) ? [target.withoutBodies.change.wireBytes, redaction.change.wireBytes] : [redaction.change.wireBytes]
            case 3 where !held.isEmpty:
                batch = [random.pick(held).change.wireBytes]  // a complete copy
            case 4 where !held.isEmpty:
                batch = [random.pick(held).withoutBodies.change.wireBytes]
            case 5:
                _ = try await store.rebuild()
            default:
                await store.close()
                status = status == .active ? .compromised : .active
                store = try fixtures.store(in: dir, keys: try keys(status))
                if random.chance(0.5) { set = try await store.syncItemSet() }  // loaded before the rebuild
                _ = try await store.rebuild()
                set = try await store.syncItemSet()
            }
            if !batch.isEmpty { _ = try await store.ingest(wire: batch) }
            let scanned = try await store.syncItems()
            #expect(set.summary == SyncSummary(scanned) && set.count == scanned.count, "seed \(seed) step \(step)")
            let setAside = Set(try await store.changesMissingBodies().compactMap { SyncID(bytes: $0) })
            #expect(set.reading { tree in scanned.allSatisfy { tree.contains($0) } }, "seed \(seed) step \(step)")
            #expect(scanned.allSatisfy { !setAside.contains($0.id) }, "seed \(seed) step \(step): a set-aside change is in the set")
            setAsideSteps += setAside.isEmpty ? 0 : 1
            let (changes, _) = try await store.counts()
            #expect(scanned.count == changes - setAside.count, "seed \(seed) step \(step)")
        }
        #expect(setAsideSteps > 0, "seed \(seed): the history never set a change aside")
        await store.close()
    }
}
