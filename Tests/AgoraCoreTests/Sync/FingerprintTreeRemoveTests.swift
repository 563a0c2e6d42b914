import AgoraTesting
import Testing
@testable import AgoraCore

/// Removing items (a change set aside leaves the node's set): after any mix of inserts and
/// removals the tree answers every range like a scan of the items it should hold.
@Suite struct FingerprintTreeRemoveTests {
    @Test(arguments: [0, 1, 64, 65, 3_000]) func removalsAndInsertsAgreeWithAScan(size: Int) {
        var random = SplitMix64(seed: 77 + UInt64(size))
        let items = Array(Set(SyncFixtures.items(size, times: 1...(UInt64(size) / 3 + 1), &random))).sorted()
        let tree = FingerprintTree(sorted: items)
        var held = Set(items)
        for _ in 0..<(2 * size + 10) {
            if !held.isEmpty && random.chance(0.6) {
                let item = random.pick(Array(held))
                #expect(tree.remove(item))
                #expect(!tree.remove(item), "a second removal finds nothing")
                held.remove(item)
            } else {
                let item = SyncFixtures.items(1, times: 1...(UInt64(size) / 3 + 1), &random)[0]
                #expect(tree.insert(item) == held.insert(item).inserted)
            }
        }
        let sorted = held.sorted()
        #expect(tree.count == sorted.count && tree.summary == SyncSummary(sorted))
        #expect(tree.lowestMilliseconds == sorted.first?.milliseconds)
        #expect(sorted.allSatisfy { tree.contains($0) })
        for _ in 0..<50 {
            let x = SyncKey(milliseconds: UInt64(random.below(size / 3 + 3)), tail: random.next())
            let y = SyncKey(milliseconds: UInt64(random.below(size / 3 + 3)), tail: random.next())
            let (lower, upper) = (min(x, y), max(x, y))
            let expected = sorted.filter { !($0.key < lower) && $0.key < upper }
            #expect(tree.summary(from: lower, to: upper) == SyncSummary(expected))
            #expect(tree.items(from: lower, to: upper) == expected)
        }
    }

    @Test func removingEveryItemEmptiesTheTree() {
        var random = SplitMix64(seed: 5)
        let items = Array(Set(SyncFixtures.items(500, times: 1...100, &random))).sorted()
        let tree = FingerprintTree(sorted: items)
        for item in items.shuffled(using: &random) { #expect(tree.remove(item)) }
        #expect(tree.count == 0 && tree.summary == .empty && tree.lowestMilliseconds == nil)
        #expect(tree.insert(items[0]) && tree.count == 1)
    }
}
