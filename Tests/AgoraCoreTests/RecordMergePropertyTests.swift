import AgoraTesting
import Foundation
import Testing
@testable import AgoraCore

/// The CRDT laws over thousands of random histories. A failure names its seed; set
/// `AGORA_PROPERTY_SEED` to replay just that history.
@Suite struct RecordMergePropertyTests {
    static let histories = 1_200

    static var seeds: [UInt64] {
        if let text = ProcessInfo.processInfo.environment["AGORA_PROPERTY_SEED"], let seed = UInt64(text) { return [seed] }
        return (0..<UInt64(histories)).map { 0xA60_0000 + $0 }
    }

    /// One generated history, shared by the tests so each is built once.
    struct History: Sendable {
        let seed: UInt64
        let directory: KeyDirectory
        let changes: [VerifiedChange]
    }

    static let corpus: [History] = seeds.compactMap { seed in
        var generator = HistoryGenerator(seed: seed)
        guard let directory = try? generator.directory(),
              let changes = try? generator.history(count: Int.random(in: 2...16, using: &generator.rng)) else { return nil }
        return History(seed: seed, directory: directory, changes: changes)
    }

    func state(_ changes: [VerifiedChange], _ directory: KeyDirectory) -> RecordState {
        RecordMerge.state(of: Fixtures.record, changes: changes, directory: directory)
    }

    /// What the record says, without its change list.
    struct Content: Equatable {
        let deleted: Bool
        let fields: [String: JSONValue]
        let sets: [String: [String: [AddTag]]]
        let contributions: [String: [String: JSONValue]]
    }

    func content(_ s: RecordState) -> Content {
        Content(deleted: s.isDeleted, fields: s.fields, sets: s.sets, contributions: s.contributions)
    }

    @Test func everyOrderDuplicationAndSplitGivesByteIdenticalState() throws {
        var checked = 0
        for history in RecordMergePropertyTests.corpus {
            let (seed, directory, changes) = (history.seed, history.directory, history.changes)
            var rng = SplitMix64(seed: ~seed)
            let expectedState = state(changes, directory)
            let expected = expectedState.canonicalJSON

            let shuffled = changes.shuffled(using: &rng)
            let duplicated = (changes + changes.filter { _ in rng.chance(0.5) }).shuffled(using: &rng)
            let cut = Int.random(in: 0...changes.count, using: &rng)
            let (left, right) = (Array(shuffled[..<cut]), Array(shuffled[cut...]))
            let regrouped = state(left, directory).changes.compactMap { status in changes.first { $0.id == status.id } }
                + state(right, directory).changes.compactMap { status in changes.first { $0.id == status.id } }
            if state(shuffled, directory).canonicalJSON != expected {
                Issue.record("seed \(seed): shuffled order gives different canonical bytes")
            }
            for (name, variant) in [("duplicated", duplicated), ("split", regrouped)] {
                if state(variant, directory) != expectedState {
                    Issue.record("seed \(seed): \(name) order gives a different state")
                }
            }
            checked += 1
        }
        #expect(checked == RecordMergePropertyTests.seeds.count)
    }

    @Test func mergingIsAssociativeOverAnyThreeWaySplit() throws {
        for history in RecordMergePropertyTests.corpus where history.changes.count >= 3 {
            let (seed, directory, changes) = (history.seed, history.directory, history.changes)
            var rng = SplitMix64(seed: seed &* 31)
            let parts = changes.shuffled(using: &rng)
            let i = Int.random(in: 1..<parts.count - 1, using: &rng), j = Int.random(in: i..<parts.count, using: &rng)
            let a = Array(parts[..<i]), b = Array(parts[i..<j]), c = Array(parts[j...])
            let leftFirst = state(state(a + b, directory).changes.compactMap { s in changes.first { $0.id == s.id } } + c, directory)
            let rightFirst = state(a + state(b + c, directory).changes.compactMap { s in changes.first { $0.id == s.id } }, directory)
            #expect(leftFirst == rightFirst, "seed \(seed)")
        }
    }

    /// `canonicalJSON` writes the state without building its JSON; it must be that JSON's canonical form.
    @Test func canonicalBytesAreTheCanonicalFormOfTheStateJSON() throws {
        for history in RecordMergePropertyTests.corpus {
            let full = state(history.changes, history.directory)
            let parts = [full] + (1..<history.changes.count).map { state(Array(history.changes.prefix($0)), history.directory) }
            for part in parts where part.canonicalJSON != CanonicalJSON.encode(part.json) {
                Issue.record("seed \(history.seed): canonicalJSON differs from CanonicalJSON.encode(json)")
            }
        }
    }

    @Test func ineffectiveChangesAndRedactedBodiesChangeNothing() throws {
        for history in RecordMergePropertyTests.corpus {
            let (seed, directory, changes) = (history.seed, history.directory, history.changes)
            let full = state(changes, directory)
            let ineffective = Set(full.changes.filter {
                if case .ineffective = $0.outcome { return true } else { return false }
            }.map(\.id))
            let withoutIneffective = state(changes.filter { !ineffective.contains($0.id) }, directory)
            #expect(content(withoutIneffective) == content(full), "seed \(seed): an ineffective change wrote something")
            let redacted = Set(full.changes.filter { if case .redacted = $0.outcome { return true } else { return false } }.map(\.id))
            let stripped = changes.map { redacted.contains($0.id) ? $0.withoutBodies : $0 }
            #expect(state(stripped, directory) == full, "seed \(seed): dropping redacted bodies changed the state")
            for status in full.changes where directory.entry(forHex: status.key)?.status == .compromised {
                #expect(!status.isEffective, "seed \(seed): a compromised key's change counted")
            }
        }
    }
}
