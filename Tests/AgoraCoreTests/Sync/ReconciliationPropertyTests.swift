import AgoraTesting
import Testing
@testable import AgoraCore

/// Sessions over random sets: whenever the final check passes, each side learns exactly what
/// the other lacks, below the time bound; the session always ends.
@Suite struct ReconciliationPropertyTests {
    /// One random case: a shared part and a part of each side's own, of random sizes.
    func check(seed: UInt64, parameters: SyncParameters = .default, times: ClosedRange<UInt64> = 1_000...1_000_000) throws -> Bool {
        var random = SplitMix64(seed: seed)
        let sizes = [0, 1, 2, 5, 40, 300, 1_500]
        let shared = SyncFixtures.items(random.pick(sizes), times: times, &random)
        let onlyA = SyncFixtures.items(random.pick(sizes), times: times, &random)
        let onlyB = SyncFixtures.items(random.pick(sizes), times: times, &random)
        let bound = random.chance(0.3) ? UInt64.random(in: times, using: &random) : times.upperBound + 1
        let a = shared + onlyA, b = shared + onlyB
        let run = try SyncFixtures.run(a, b, bound: bound, nonce: (0..<8).map { _ in UInt8.random(in: 0...255, using: &random) },
                                       parameters: parameters)
        let (give, get) = SyncFixtures.expand(run.outcome, a, b)
        let wantGive = Set(onlyA.filter { $0.milliseconds < bound }.map(\.id))
        let wantGet = Set(onlyB.filter { $0.milliseconds < bound }.map(\.id))
        if run.outcome.isConsistent {
            // Complete: everything each side lacks is found, and only items of the side that gives.
            let belowA = Set(a.filter { $0.milliseconds < bound }.map(\.id)), belowB = Set(b.filter { $0.milliseconds < bound }.map(\.id))
            #expect(wantGive.isSubset(of: give) && give.isSubset(of: belowA), "seed \(seed): the initiator's gifts")
            #expect(wantGet.isSubset(of: get) && get.isSubset(of: belowB), "seed \(seed): the initiator's needs")
            if parameters == .default {
                #expect(give == wantGive && get == wantGet, "seed \(seed): more than the difference")
            }
        }
        #expect(run.roundTrips <= 32, "seed \(seed): \(run.roundTrips) round trips")
        return run.outcome.isConsistent
    }

    @Test func randomSetsReconcileExactly() throws {
        for seed in UInt64(1)...60 {
            #expect(try check(seed: seed), "seed \(seed): the final check failed with default lengths")
        }
    }

    @Test func identicalTimestampsReconcile() throws {
        for seed in UInt64(200)...240 { #expect(try check(seed: seed, times: 5_000...5_000)) }
    }

    @Test func fewTimestampsReconcile() throws {
        for seed in UInt64(300)...340 { #expect(try check(seed: seed, times: 5_000...5_003)) }
    }

    @Test func oneByteFingerprintsAndTagsAreCaughtByTheFinalCheck() throws {
        let tiny = try SyncParameters(fingerprintLength: 1, tagLength: 1)
        var passed = 0
        for seed in UInt64(400)...520 where try check(seed: seed, parameters: tiny) { passed += 1 }
        // Collisions of 1-byte values are common here; whatever passes the check must be exact (above).
        #expect(passed > 0)
    }

    @Test func itemsAtTheBoundAreLeftOut() throws {
        var random = SplitMix64(seed: 9)
        let atBound = SyncItem(milliseconds: 500, id: SyncFixtures.id(&random))
        let below = SyncItem(milliseconds: 499, id: SyncFixtures.id(&random))
        let run = try SyncFixtures.run([atBound, below], [], bound: 500)
        let (give, get) = SyncFixtures.expand(run.outcome, [atBound, below], [])
        #expect(give == [below.id])
        #expect(get.isEmpty)
        #expect(run.outcome.isConsistent)
    }

    @Test func emptySetsAgreeInOneRoundTrip() throws {
        let run = try SyncFixtures.run([], [], bound: 1_000)
        #expect(run.roundTrips == 1)
        #expect(run.outcome.isEmpty && run.outcome.isConsistent)
    }

    @Test func equalSetsCostOneRoundTripUnderOneHundredBytes() throws {
        var random = SplitMix64(seed: 3)
        let items = SyncFixtures.items(20_000, times: 1_700_000_000_000...1_731_536_000_000, &random)
        let run = try SyncFixtures.run(items, items, bound: 1_731_536_000_001)
        #expect(run.roundTrips == 1)
        #expect(run.total < 100, "\(run.total) bytes")
        #expect(run.outcome.isEmpty && run.outcome.isConsistent)
    }

    @Test func aBrandNewNodeGetsOneRangeToFetch() throws {
        var random = SplitMix64(seed: 4)
        let items = SyncFixtures.items(5_000, times: 1...1_000_000, &random)
        let run = try SyncFixtures.run([], items, bound: 2_000_000)
        #expect(run.roundTrips == 1)
        #expect(run.outcome.needRanges.map(\.count) == [5_000])
        #expect(run.outcome.isConsistent)
    }

    @Test func allDifferentSetsReconcile() throws {
        var random = SplitMix64(seed: 5)
        let a = SyncFixtures.items(2_000, times: 1...1_000_000, &random)
        let b = SyncFixtures.items(2_000, times: 1...1_000_000, &random)
        let run = try SyncFixtures.run(a, b, bound: 2_000_000)
        let (give, get) = SyncFixtures.expand(run.outcome, a, b)
        #expect(give == Set(a.map(\.id)) && get == Set(b.map(\.id)))
        #expect(run.outcome.isConsistent)
    }

    @Test func aSmallMessageBudgetStillReconciles() throws {
        var policy = SyncPolicy()
        policy.messageBudget = 600
        var random = SplitMix64(seed: 6)
        let shared = SyncFixtures.items(3_000, times: 1...1_000_000, &random)
        let onlyA = SyncFixtures.items(200, times: 1...1_000_000, &random)
        let onlyB = SyncFixtures.items(200, times: 1...1_000_000, &random)
        let run = try SyncFixtures.run(shared + onlyA, shared + onlyB, bound: 2_000_000, policy: policy)
        let (give, get) = SyncFixtures.expand(run.outcome, shared + onlyA, shared + onlyB)
        #expect(give == Set(onlyA.map(\.id)) && get == Set(onlyB.map(\.id)))
        #expect(run.outcome.isConsistent)
    }
}
