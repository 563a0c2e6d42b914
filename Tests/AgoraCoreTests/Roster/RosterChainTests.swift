import Testing
import AgoraTesting
@testable import AgoraCore

/// The fold (`protocol/ROSTER.md`, "The fold"): any arrival order, replays, forks and their resolution.
@Suite struct RosterChainTests {
    let f: RosterFixture
    init() throws { f = try RosterFixture() }

    func cities(_ n: Int) throws -> [[RosterOperation]] {
        try (0..<n).map { [try f.addMember("city-\($0)")] }
    }

    @Test func updatesFoldToTheSameRosterInAnyArrivalOrderWithReplays() throws {
        let (roster, updates) = try f.chain(try cities(8) + [[.suspendMember(city: "city-2")], [.markCompromised(key: try f.key("city-3").publicKeyBytes)]])
        var rng = SplitMix64(seed: 13)
        for _ in 0..<40 {
            var order = updates + updates.prefix(Int(rng.next() % 4))   // replays too
            order.shuffle(using: &rng)
            let fold = try f.fold(order)
            #expect(fold.roster == roster)
            #expect(fold.applied.map(\.id) == [f.genesis.id] + updates.map(\.id))
            #expect(fold.waiting.isEmpty && fold.fork == nil && fold.refused.isEmpty)
        }
    }

    @Test func anUpdateWhoseParentIsMissingWaitsAndCountsOnceItArrives() throws {
        let (_, updates) = try f.chain(try cities(3))
        let early = try f.fold([updates[0], updates[2]])
        #expect(early.roster?.sequence == 1)
        #expect(early.waiting == [updates[2].id])
        #expect(try f.fold([updates[0], updates[2], updates[1]]).roster?.sequence == 3)
    }

    @Test func aReplayedOldUpdateIsHarmless() throws {
        let (roster, updates) = try f.chain(try cities(3))
        var chain = try RosterChain(genesis: f.genesis, crypto: f.crypto)
        for u in updates { chain.insert(u, crypto: f.crypto) }
        let replayed = chain.insert(updates[0], crypto: f.crypto), genesisAgain = chain.insert(f.genesis, crypto: f.crypto)
        #expect(!replayed && !genesisAgain)
        #expect(chain.fold(crypto: f.crypto).roster == roster)
        // Applying an old update to a later roster is refused: its parent is not the head.
        #expect(throws: RosterError.self) { try roster.applying(updates[1], crypto: f.crypto) }
    }

    @Test func twoValidUpdatesWithOneParentAreAForkAndNeitherBranchCounts() throws {
        let (base, updates) = try f.chain(try cities(2))
        let a = try f.signer.update([try f.addMember("sofia")], on: base, key: f.steward1)
        let b = try f.signer.update([try f.addMember("tirana")], on: base, key: f.steward2)
        let afterA = try f.signer.update([try f.addMember("dublin")], on: try base.applying(a, crypto: f.crypto), key: f.steward1)
        let fold = try f.fold(updates + [a, b, afterA])
        #expect(fold.roster == base)
        #expect(fold.fork == RosterFork(parent: base.head, sequence: base.sequence + 1, candidates: [a.id, b.id].sorted()))
        #expect(Set(fold.waiting) == [a.id, b.id, afterA.id])
    }

    @Test func signaturesOfOneHeaderArrivingApartAreJoined() throws {
        let root = try f.root()
        let list = [Roster.Steward(key: f.steward1.publicKeyBytes, city: "secretariat"),
                    Roster.Steward(key: try f.key("steward-3").publicKeyBytes, city: "secretariat")]
        let draft = try f.signer.update([.setStewards(stewards: list, at: HLCTimestamp(milliseconds: 1))], on: root, key: f.steward1)
        let other = try f.raw([.setStewards(stewards: list, at: HLCTimestamp(milliseconds: 1))], on: root, keys: [f.steward2])
        #expect(draft.id == other.id)
        // The one-signature draft arrives first; the second signature, arriving alone, completes it.
        let fold = try f.fold([draft, other])
        #expect(fold.roster?.head == draft.id)
        #expect(fold.applied.last?.signatures.count == 2)
    }

    @Test func aForkOnAnOldParentStopsTheFoldThere() throws {
        let (_, updates) = try f.chain(try cities(4))
        let root = try f.root()
        let rival = try f.signer.update([try f.addMember("rival")], on: root, key: f.steward2)
        let fold = try f.fold(updates + [rival])
        #expect(fold.roster?.sequence == 0)
        #expect(fold.fork?.candidates.contains(rival.id) == true)
    }

    @Test func aQuorumSignedResolutionKeepsOneBranch() throws {
        let (base, updates) = try f.chain(try cities(1))
        let a = try f.signer.update([try f.addMember("sofia")], on: base, key: f.steward1)
        let b = try f.signer.update([try f.addMember("tirana")], on: base, key: f.steward2)
        let afterA = try base.applying(a, crypto: f.crypto)
        let draft = try f.signer.update([.resolveFork(keep: a.id, drop: [b.id])], on: afterA, key: f.steward1)
        #expect(try f.fold(updates + [a, b, draft]).fork != nil)   // one steward cannot resolve it
        let resolution = try f.signer.cosign(draft, key: f.steward2)
        let fold = try f.fold(updates + [b, resolution, a])
        #expect(fold.fork == nil)
        #expect(fold.roster?.members["sofia"] != nil && fold.roster?.members["tirana"] == nil)
        #expect(fold.roster?.head == resolution.id)
        #expect(fold.waiting == [b.id])
    }
}

/// The fold as a property over random sets of updates: chains, rival branches, refused updates
/// and orphans, fed in random orders with replays, always fold to the same result.
@Suite struct RosterFoldPropertyTests {
    @Test func theFoldIsAFunctionOfTheSetOfUpdates() throws {
        let f = try RosterFixture()
        var rng = SplitMix64(seed: 2026)
        for round in 0..<12 {
            var rosters = [try f.root()]
            var updates: [RosterUpdate] = []
            for step in 0..<8 {
                let base = rosters[Int(rng.next() % UInt64(rosters.count))]   // sometimes an old parent: a fork
                let signer = rng.next() % 5 == 0 ? try f.key("mallory") : (rng.next() % 2 == 0 ? f.steward1 : f.steward2)
                let op = try f.addMember("c\(round)-\(step)")
                let update = try f.raw([op], on: base, keys: [signer])
                updates.append(update)
                if let next = try? base.applying(update, crypto: f.crypto) { rosters.append(next) }
            }
            let reference = try f.fold(updates)
            for _ in 0..<10 {
                var order = updates + updates.prefix(Int(rng.next() % 3))
                order.shuffle(using: &rng)
                let fold = try f.fold(order)
                #expect(fold.roster == reference.roster)
                #expect(fold.fork == reference.fork && fold.waiting == reference.waiting)
                #expect(Set(fold.refused.keys) == Set(reference.refused.keys))
                #expect(fold.applied.map(\.id) == reference.applied.map(\.id))
            }
        }
    }
}
