import AgoraTesting
import Testing
@testable import AgoraCore

/// The tree answers every range like a plain scan of the sorted items, however it was built.
@Suite struct FingerprintTreeTests {
    func scan(_ items: [SyncItem], _ lower: SyncKey, _ upper: SyncKey) -> SyncSummary {
        SyncSummary(items.filter { !($0.key < lower) && $0.key < upper })
    }

    @Test func insertsAndBulkBuildsAgreeWithAScan() {
        var random = SplitMix64(seed: 31)
        for size in [0, 1, 47, 48, 49, 64, 65, 3_000, 20_000] {
            let items = SyncFixtures.items(size, times: 1...(UInt64(size) / 3 + 1), &random)
            let sorted = Array(Set(items)).sorted()
            let bulk = FingerprintTree(sorted: sorted)
            let inserted = FingerprintTree()
            for item in items { inserted.insert(item) }
            #expect(bulk.count == sorted.count && inserted.count == sorted.count)
            #expect(bulk.summary == SyncSummary(sorted) && inserted.summary == bulk.summary)
            for _ in 0..<50 {
                let x = SyncKey(milliseconds: UInt64(random.below(size / 3 + 3)), tail: random.next())
                let y = SyncKey(milliseconds: UInt64(random.below(size / 3 + 3)), tail: random.next())
                let (lower, upper) = (min(x, y), max(x, y))
                #expect(bulk.summary(from: lower, to: upper) == scan(sorted, lower, upper), "size \(size)")
                #expect(inserted.summary(from: lower, to: upper) == scan(sorted, lower, upper), "size \(size)")
                #expect(inserted.items(from: lower, to: upper) == sorted.filter { !($0.key < lower) && $0.key < upper })
            }
        }
    }

    @Test func anItemIsKeptOnce() {
        let item = SyncItem(milliseconds: 5, id: SyncID(words: (1, 2, 3, 4)))
        let tree = FingerprintTree(sorted: [item, item])
        #expect(tree.count == 1)
        #expect(!tree.insert(item))
        #expect(tree.count == 1)
    }

    @Test func sumsWrapModulo2To256() {
        let max = SyncID(words: (.max, .max, .max, .max))
        let one = SyncID(words: (0x0100_0000_0000_0000, 0, 0, 0))  // byte 0 = 1: the little-endian number 1
        let sum = SyncSummary(max) + SyncSummary(one)
        #expect(sum.sumBytes == [UInt8](repeating: 0, count: 32) && sum.count == 2)
        #expect(sum - SyncSummary(one) == SyncSummary(max))
    }

    @Test func splitsCoverTheRangeExactly() {
        var random = SplitMix64(seed: 32)
        for _ in 0..<500 {
            let a = SyncKey(milliseconds: random.next() >> 11, tail: random.next())
            let b = SyncKey(milliseconds: random.next() >> 11, tail: random.next())
            let (lower, upper) = (min(a, b), max(a, b))
            let parts = 1 + random.below(4_096)
            guard !lower.isNarrower(than: upper, parts: parts) else { continue }
            let bounds = lower.bounds(to: upper, parts: parts)
            #expect(bounds.first == lower && bounds.last == upper && bounds.count == parts + 1)
            #expect(zip(bounds, bounds.dropFirst()).allSatisfy { $0 < $1 })
        }
    }
}
