import AgoraTesting
import Testing
@testable import AgoraCore

/// The set fingerprint of `agora status` (`protocol/SYNC.md` 11): fixed values another
/// implementation must reach, and independence from how the set was built.
@Suite struct SyncSetFingerprintTests {
    let sha256 = SyncFixtures.sha256

    /// Computed outside Swift: `printf 'agora-sync-v1' > f; head -c 48 /dev/zero >> f; sha256sum f`.
    @Test func theEmptySetHasTheDocumentedFingerprint() {
        #expect(SyncSetFingerprint.hex(of: .empty, sha256: sha256) == "5a36652c20427181f1143e957871b6b1")
    }

    /// Computed outside Swift (Python): the ids SHA-256("a") and SHA-256("b") summed as 256-bit
    /// little-endian numbers, count 2, zero nonce.
    @Test func twoItemsHaveTheFingerprintComputedElsewhere() throws {
        let ids = try ["a", "b"].map { try #require(SyncID(bytes: sha256(Array($0.utf8)))) }
        let tree = FingerprintTree()
        for (index, id) in ids.enumerated() { tree.insert(SyncItem(milliseconds: UInt64(1_000 + index), id: id)) }
        #expect(SyncSetFingerprint.hex(of: tree.summary, sha256: sha256) == "c5bd54faec6ae124a99d9a7acf8bc2c6")
        #expect(tree.highestMilliseconds == 1_001)
    }

    /// Two nodes that reached the same set by different histories (other insertion orders, items
    /// added then removed) show the same fingerprint; one item more or less changes it.
    @Test func theFingerprintDependsOnlyOnTheSet() {
        var random = SplitMix64(seed: 14)
        for size in [1, 65, 2_000] {
            let items = Array(Set(SyncFixtures.items(size, times: 1...500, &random))).sorted()
            let bulk = FingerprintTree(sorted: items)
            let grown = FingerprintTree()
            let extra = SyncFixtures.items(20, times: 1...500, &random).filter { !items.contains($0) }
            for item in (items + extra).shuffled(using: &random) { grown.insert(item) }
            for item in extra { grown.remove(item) }
            let expected = SyncSetFingerprint.hex(of: bulk.summary, sha256: sha256)
            #expect(SyncSetFingerprint.hex(of: grown.summary, sha256: sha256) == expected)
            #expect(SyncSetFingerprint.hex(of: SyncSummary(items), sha256: sha256) == expected, "the tree's root equals a scan")
            #expect(SyncSetFingerprint.hex(of: SyncSummary(items.dropLast()), sha256: sha256) != expected)
            #expect(bulk.highestMilliseconds == items.last?.milliseconds)
        }
    }
}
