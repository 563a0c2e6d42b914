@testable import AgoraNode
import AgoraTesting
import Testing

/// The engine's timetable as a pure state machine (`protocol/SYNC.md`, section 11): jitter
/// stays within its bounds, failures double the wait up to the cap, a success resets it, and
/// the push fanout is bounded, random and skips failing peers.
@Suite struct SyncScheduleTests {
    static let cities = ["amsterdam", "barcelona", "brussels", "dublin", "sofia", "tirana"]

    @Test func aNewPeerIsDueAtOnceAndAForgottenOneIsDropped() {
        var schedule = SyncSchedule()
        schedule.setPeers(["sofia", "tirana"], now: 1_000)
        #expect(schedule.due(at: 1_000) == ["sofia", "tirana"])
        #expect(schedule.due(at: 999).isEmpty)
        var random = SplitMix64(seed: 1)
        schedule.succeeded("sofia", now: 1_000, using: &random)
        schedule.setPeers(["sofia", "dublin"], now: 2_000)
        #expect(schedule.peers.keys.sorted() == ["dublin", "sofia"], "tirana left the roster")
        #expect(schedule.peers["sofia"]?.due ?? 0 > 2_000, "a known peer keeps its state")
        #expect(schedule.due(at: 2_000) == ["dublin"])
    }

    @Test func jitterStaysWithinItsBoundsAndSpreadsTheDelays() {
        let policy = SyncSchedule.Policy(interval: 10_000, jitter: 0.25)
        var random = SplitMix64(seed: 7)
        var delays = Set<Int64>()
        for _ in 0..<1_000 {
            var schedule = SyncSchedule(policy: policy)
            schedule.setPeers(["sofia"], now: 0)
            schedule.succeeded("sofia", now: 0, using: &random)
            let due = schedule.peers["sofia"]?.due ?? -1
            #expect((7_500...12_500).contains(due), "due \(due) outside interval ± 25 %")
            delays.insert(due)
        }
        #expect(delays.count > 100, "the delays spread out rather than repeat")
        #expect(delays.min() ?? 0 < 8_000 && delays.max() ?? 0 > 12_000, "both ends of the range are reached")
    }

    @Test func failuresDoubleTheWaitUpToTheCapAndASuccessResetsIt() {
        let policy = SyncSchedule.Policy(interval: 1_000, jitter: 0, backoffCap: 20_000)
        #expect((0...7).map { policy.delay(afterFailures: $0) } == [1_000, 2_000, 4_000, 8_000, 16_000, 20_000, 20_000, 20_000])
        #expect(policy.delay(afterFailures: 10_000) == 20_000, "no overflow however long the peer is down")
        var schedule = SyncSchedule(policy: policy)
        var random = SplitMix64(seed: 3)
        schedule.setPeers(["sofia"], now: 0)
        var now: Int64 = 0
        var waits: [Int64] = []
        for _ in 0..<6 {
            schedule.failed("sofia", now: now, using: &random)
            let due = schedule.peers["sofia"]?.due ?? 0
            waits.append(due - now)
            now = due
        }
        #expect(waits == [2_000, 4_000, 8_000, 16_000, 20_000, 20_000])
        #expect(schedule.isBackingOff("sofia") && schedule.peers["sofia"]?.failures == 6)
        schedule.succeeded("sofia", now: now, using: &random)
        #expect(schedule.peers["sofia"] == SyncSchedule.PeerState(due: now + 1_000, failures: 0), "a success resets the backoff")
        #expect(!schedule.isBackingOff("sofia"))
    }

    @Test func theCapIsNeverBelowTheInterval() {
        let policy = SyncSchedule.Policy(interval: 60_000, backoffCap: 1_000)
        #expect(policy.backoffCap == 60_000 && policy.delay(afterFailures: 3) == 60_000)
    }

    @Test func makeAllDueBringsEveryPeerForwardButKeepsFailures() {
        var schedule = SyncSchedule(policy: .init(interval: 1_000, jitter: 0))
        var random = SplitMix64(seed: 4)
        schedule.setPeers(["sofia", "tirana"], now: 0)
        schedule.failed("sofia", now: 0, using: &random)
        schedule.succeeded("tirana", now: 0, using: &random)
        schedule.makeAllDue(now: 500)
        #expect(schedule.due(at: 500) == ["sofia", "tirana"] && schedule.peers["sofia"]?.failures == 1)
        #expect(schedule.nextDue == 500)
    }

    @Test func theFanoutIsBoundedRandomAndSkipsFailingAndExcludedPeers() {
        var schedule = SyncSchedule(policy: .init(fanout: 3))
        var random = SplitMix64(seed: 11)
        schedule.setPeers(Self.cities, now: 0)
        schedule.failed("dublin", now: 0, using: &random)
        var seen: [String: Int] = [:]
        for _ in 0..<2_000 {
            let targets = schedule.pushTargets(excluding: ["sofia"], using: &random)
            #expect(targets.count == 3 && Set(targets).count == 3, "three distinct peers")
            #expect(!targets.contains("dublin") && !targets.contains("sofia"))
            for city in targets { seen[city, default: 0] += 1 }
        }
        #expect(seen.keys.sorted() == ["amsterdam", "barcelona", "brussels", "tirana"])
        // Each of the 4 candidates is picked with probability 3/4: 1,500 of 2,000 expected.
        #expect(seen.values.allSatisfy { (1_350...1_650).contains($0) }, "uniform: \(seen)")
        let few = schedule.pushTargets(excluding: ["amsterdam", "barcelona", "brussels", "sofia"], using: &random)
        #expect(few == ["tirana"], "fewer healthy peers than the fanout: all of them")
        #expect(SyncSchedule(policy: .init(fanout: 0)).pushTargets(using: &random).isEmpty)
    }
}

/// The bounded queue of changes waiting to be pushed.
@Suite struct PushQueueTests {
    static func id(_ n: Int) -> [UInt8] { [UInt8](repeating: UInt8(n % 256), count: 32) }

    @Test func batchesKeepOrderAndOneSourceEach() {
        var queue = PushQueue(maximumChanges: 100)
        queue.add([Self.id(1), Self.id(2)], source: nil)
        queue.add([Self.id(3)], source: "sofia")
        queue.add([Self.id(4)], source: nil)
        #expect(queue.take(10).map(\.id) == [Self.id(1), Self.id(2)])
        #expect(queue.take(10) == [PushQueue.Entry(id: Self.id(3), source: "sofia")])
        #expect(queue.take(10).map(\.id) == [Self.id(4)])
        #expect(queue.take(10).isEmpty && queue.count == 0)
    }

    @Test func theQueueIsBoundedAndCountsWhatItDrops() {
        var queue = PushQueue(maximumChanges: 5)
        #expect(queue.add((0..<3).map(Self.id), source: nil) == 0)
        #expect(queue.add((3..<8).map(Self.id), source: nil) == 3)
        #expect(queue.count == 5 && queue.dropped == 3)
        #expect(queue.take(2).map(\.id) == [Self.id(0), Self.id(1)])
        #expect(queue.add([Self.id(9)], source: nil) == 0, "taking makes room")
        #expect(queue.take(100).map(\.id) == [Self.id(2), Self.id(3), Self.id(4), Self.id(9)])
    }
}
