import AgoraTesting
import Foundation
import Testing
@testable import AgoraCore

/// Issue 12, items 1 and 6: which redactions vouch for a body-less copy, per-target redaction,
/// and what a missing body means to the merge (`protocol/PROTOCOL.md` 4 step 10, 5.3, 5.6).
@Suite struct BodylessCopyRuleTests {
    let tirana = Author("tirana")
    let tiranaOld = Author("tirana", keyName: "tirana-old")
    let sofia = Author("sofia")
    let now: UInt64 = 1_700_000_000_000

    func directory(old: KeyDirectory.Status) throws -> KeyDirectory {
        try KeyDirectory([tirana.entry(), tiranaOld.entry(old), sofia.entry()])
    }

    func verified(_ lines: [[UInt8]], _ directory: KeyDirectory) -> [Result<VerifiedChange, ChangeRejection>] {
        ChangeVerifier(crypto: Fixtures.crypto, coalition: Fixtures.coalition, directory: directory)
            .verifyBatch(lines, wallMilliseconds: nil)
    }

    func outcome(_ id: ChangeID, in state: RecordState) -> ChangeStatus.Outcome? {
        state.changes.first { $0.id == id }?.outcome
    }

    /// A redaction vouches only when its key passes 5.3's key checks: a compromised key, or one
    /// retired before the redaction's stamp, does not; one retired after it does.
    @Test func onlyARedactionWhoseKeyPassesVouchesForABodylessCopy() throws {
        let x = try Fixtures.change(tirana, 10, [.set(field: "budget", language: nil, value: "EUR 5")])
        let r = try Fixtures.change(tiranaOld, 20, [.redact(change: x.id)])
        let lines = [x.change.withoutBodies.wireBytes, r.change.wireBytes]
        for (status, vouches) in [(KeyDirectory.Status.active, true), (.compromised, false),
                                  (.retired(at: HLCTimestamp(milliseconds: 19)), false), (.retired(at: HLCTimestamp(milliseconds: 20)), true)] {
            let results = verified(lines, try directory(old: status))
            #expect(((try? results[0].get()) != nil) == vouches, "\(status)")
            if !vouches { #expect(throws: ChangeRejection.self) { try results[0].get() } }
            #expect((try? results[1].get()) != nil, "the redaction itself always verifies")
        }
    }

    /// A partial copy that a redaction vouches for comes back with no bodies at all.
    @Test func aVouchedPartialCopyHoldsNoBodies() throws {
        let x = try Fixtures.change(tirana, 10, [.set(field: "budget", language: nil, value: "EUR 5"),
                                                 .set(field: "stage", language: nil, value: "pilot")])
        let r = try Fixtures.change(tirana, 20, [.redact(change: x.id)])
        let keep = x.header.operations[0].bodyHash ?? ""
        let partial = SignedChange(header: x.header, signature: x.change.signature, bodies: x.bodies.filter { $0.key == keep })
        let results = verified([partial.wireBytes, r.change.wireBytes], try directory(old: .active))
        #expect(try results[0].get().bodies.isEmpty)
    }

    /// A redaction redacts each target it may redact whatever else it names: another city's change
    /// arriving later makes the redaction `not-permitted` but does not bring X back.
    @Test func aRedactionRedactsTheTargetsItMayWhicheverOthersArePresent() throws {
        let x = try Fixtures.change(tirana, 10, [.set(field: "budget", language: nil, value: "EUR 5")])
        let y = try Fixtures.change(sofia, 11, [.contribute(entry: "adoption", language: nil, value: ["note": ["en": "Adopted."]])])
        let r = try Fixtures.change(tirana, 20, [.redact(change: x.id), .redact(change: y.id)])
        let keys = try directory(old: .active)
        let without = RecordMerge.state(of: Fixtures.record, changes: [x.withoutBodies, r], directory: keys)
        let with = RecordMerge.state(of: Fixtures.record, changes: [x.withoutBodies, r, y], directory: keys)
        #expect(outcome(x.id, in: without) == .redacted(by: [r.id]))
        #expect(outcome(x.id, in: with) == .redacted(by: [r.id]))
        #expect(outcome(r.id, in: without) == .effective)
        #expect(outcome(r.id, in: with)?.reasonCode == "not-permitted")
        #expect(outcome(y.id, in: with) == .effective)
        #expect(with.contributions["sofia"] != nil && with.fields["budget"] == nil)
    }

    /// A body-less copy that no effective redaction covers is not part of the set: it counts for
    /// nothing and the state does not list it, so no verdict depends on whether a node holds the
    /// bodies. Item 6: a copy is complete only with the body of every operation, supported or
    /// not, so a copy lacking only an unsupported operation's body is not part of the set either.
    @Test func aBodylessCopyNoRedactionCoversIsNotPartOfTheSet() throws {
        let deletes = try Fixtures.change(tirana, 10, [.raw(["op": "rate", "value": 5]), .delete])
        let sets = try Fixtures.change(tirana, 11, [.raw(["op": "rate", "value": 5]), .set(field: "budget", language: nil, value: "kept")])
        let r = try Fixtures.change(tiranaOld, 12, [.redact(change: deletes.id), .redact(change: sets.id)])
        let partial = VerifiedChange(trusting: SignedChange(header: sets.header, signature: sets.change.signature,
                                                            bodies: sets.bodies.filter { $0.key == sets.header.operations[1].bodyHash }),
                                     crypto: Fixtures.crypto)
        let compromised = try directory(old: .compromised)
        let state = RecordMerge.state(of: Fixtures.record, changes: [deletes.withoutBodies, partial, r], directory: compromised)
        #expect(state.changes.map(\.id) == [r.id])
        #expect(!state.isDeleted && state.fields["budget"] == nil)
        #expect(state == RecordMerge.state(of: Fixtures.record, changes: [r], directory: compromised))
        let covered = RecordMerge.state(of: Fixtures.record, changes: [deletes.withoutBodies, partial, r], directory: try directory(old: .active))
        #expect(outcome(deletes.id, in: covered) == .redacted(by: [r.id]) && outcome(sets.id, in: covered) == .redacted(by: [r.id]))
        let complete = RecordMerge.state(of: Fixtures.record, changes: [deletes, sets.withoutBodies, sets, r], directory: compromised)
        #expect(complete.isDeleted && complete.fields["budget"] == "kept")
        #expect(complete.changes.first { $0.id == sets.id }?.unsupported == [0])
    }

    /// Any mix of body-less and complete copies, in any order, merges to the state of the complete
    /// changes, as long as each change that no effective redaction covers has a complete copy.
    @Test func anyMixOfBodylessAndCompleteCopiesGivesTheStateOfTheCompleteChanges() {
        for history in RecordMergePropertyTests.corpus {
            let expected = RecordMerge.state(of: Fixtures.record, changes: history.changes, directory: history.directory)
            let redacted = Set(expected.changes.filter { if case .redacted = $0.outcome { true } else { false } }.map(\.id))
            var rng = SplitMix64(seed: history.seed &* 7)
            let held = history.changes.map { redacted.contains($0.id) && rng.chance(0.5) ? $0.withoutBodies : $0 }
            let extra = history.changes.filter { _ in rng.chance(0.4) }.map(\.withoutBodies)
            let copies = (held + extra).shuffled(using: &rng)
            let merged = RecordMerge.state(of: Fixtures.record, changes: copies, directory: history.directory)
            #expect(merged.canonicalJSON == expected.canonicalJSON, "seed \(history.seed)")
        }
    }
}

extension ChangeStatus.Outcome {
    /// The reason code of an ineffective outcome.
    var reasonCode: String? {
        if case .ineffective(let reason) = self { return reason.code }
        return nil
    }
}
