import AgoraCore
import AgoraTesting
import Testing
@testable import AgoraStore

/// `Store.syncChanges`, the query behind sync fetches and pushes, answered from the
/// `changes_by_time` index: over random stores, ids, ranges and limits, it returns exactly what a
/// brute-force filter of every sync item returns, in (HLC ms, id) order, cut at the limits.
@Suite struct SyncChangesTests {
    /// The brute-force answer: every sync item named or in a range (and after `after`), in order,
    /// at most `limit`, stopping after the change that passes `byteLimit`.
    static func expected(_ items: [SyncItem], sizes: [SyncID: Int], ids: [SyncID], ranges: [SyncKeyBounds], after: SyncItem?,
                         limit: Int, byteLimit: Int) -> [SyncID] {
        let named = Set(ids)
        let chosen = items.filter { item in
            (named.contains(item.id) || ranges.contains { item.key >= $0.lower && item.key < $0.upper }) && after.map { item > $0 } ?? true
        }
        var out: [SyncID] = [], bytes = 0
        for item in chosen.prefix(limit) where bytes <= byteLimit {
            out.append(item.id)
            bytes += (sizes[item.id] ?? 0) + 1
        }
        return out
    }

    static func key(_ random: inout SplitMix64, near items: [SyncItem]) -> SyncKey {
        switch random.next() % 4 {
        case 0: return SyncKey(milliseconds: random.next() % 12, tail: random.next())
        case 1: return SyncKey(milliseconds: random.next() % 12)
        default:
            guard let item = items.randomElement(using: &random) else { return SyncKey(milliseconds: 0) }
            return SyncKey(milliseconds: item.milliseconds, tail: item.key.tail &+ (random.next() % 3) &- 1)
        }
    }

    @Test(arguments: 0..<12) func answersEqualABruteForceFilter(seed: UInt64) async throws {
        var random = SplitMix64(seed: 0x5EED_0000 + seed)
        let store = try Fixtures.store(in: Fixtures.directory())
        let changes = (0..<Int(40 + random.next() % 200)).map { n in
            Fixtures.change("tirana/practice/p\(n % 17)", ["n": n, "pad": String(repeating: "x", count: Int(random.next() % 300))],
                            hlc: Int64(1 + random.next() % 10))
        }
        _ = try await store.ingest(changes)
        let items = try await store.syncItems()
        let sizes = Dictionary(changes.map { (SyncID(bytes: $0.id)!, $0.wireBytes.count) }, uniquingKeysWith: { a, _ in a })
        #expect(items.count == changes.count)
        for _ in 0..<25 {
            var ids = (0..<Int(random.next() % 6)).compactMap { _ in items.randomElement(using: &random)?.id }
            if random.next() % 2 == 0 { ids.append(SyncID(bytes: Fixtures.id("absent \(random.next())"))!) }
            let ranges: [SyncKeyBounds] = (0..<Int(random.next() % 4)).compactMap { _ in
                let a = Self.key(&random, near: items), b = Self.key(&random, near: items)
                return a == b ? nil : (min(a, b), max(a, b))
            }
            let after = random.next() % 3 == 0 ? items.randomElement(using: &random) : nil
            let limit = Int(1 + random.next() % 40), byteLimit = Int(random.next() % 6_000)
            let got = try await store.syncChanges(ids: ids, ranges: ranges, after: after, limit: limit, byteLimit: byteLimit)
            let want = Self.expected(items, sizes: sizes, ids: ids, ranges: ranges, after: after, limit: limit, byteLimit: byteLimit)
            #expect(got.map { SyncID(bytes: $0.id)! } == want, "seed \(seed): ids \(ids.count), ranges \(ranges), limit \(limit), bytes \(byteLimit)")
        }
        await store.close()
    }

    @Test func rangesAboveTheLargestTimeAndEmptyRequestsFindNothing() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        _ = try await store.ingest([Fixtures.record("tirana/practice/a", title: ["en": "A"], hlc: 5)])
        let top = HLCTimestamp.maxMilliseconds
        #expect(try await store.syncChanges(ranges: [(SyncKey(milliseconds: top + 1), SyncKey(milliseconds: .max))], limit: 10, byteLimit: 1_000).isEmpty)
        #expect(try await store.syncChanges(limit: 10, byteLimit: 1_000).isEmpty)
        let all = try await store.syncChanges(ranges: [(SyncKey(milliseconds: 0), SyncKey(milliseconds: .max, tail: .max))], limit: 10, byteLimit: 0)
        #expect(all.count == 1, "an upper bound past 2^53 covers everything; one change comes whatever the byte limit")
        await store.close()
    }
}
