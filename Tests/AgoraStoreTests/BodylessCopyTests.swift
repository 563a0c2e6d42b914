import Foundation
import Testing
import AgoraCore
import AgoraTesting
@testable import AgoraStore

/// Body-less copies of changes (`protocol/PROTOCOL.md` 4 step 10 and 5.6): a redaction vouches for
/// one only when it effectively redacts it, and a complete copy replaces a body-less one that no
/// effective redaction covers. Issue 12, item 1.
@Suite struct BodylessCopyTests {
    let fixtures: CoreFixtures
    let record = "tirana/practice/budget"
    init() throws { fixtures = try CoreFixtures() }

    /// `tirana-2`, a second key of Tirana, with `status`.
    func keys(_ status: KeyDirectory.Status) throws -> KeyDirectory {
        try fixtures.directory(adding: [("tirana-2", "tirana", status, false)])
    }

    /// X sets the budget (and a searchable title); R, signed by `tirana-2`, redacts X.
    func changes() throws -> (x: VerifiedChange, r: VerifiedChange) {
        let x = try fixtures.sign(record, hlc: 1_000, [.set(field: "budget", language: nil, value: .string("EUR 5")),
                                                       .set(field: "title", language: "en", value: .string("Participatory budget"))])
        let r = try fixtures.sign(record, key: "tirana-2", hlc: 2_000, [.redact(change: x.id)])
        return (x, r)
    }

    func wire(_ store: Store) async throws -> [[UInt8]] {
        var lines: [[UInt8]] = []
        for try await entry in store.allChanges() { lines.append(entry.change.wireBytes) }
        return lines
    }

    /// The verdicts and erasure of every held change, by id: what two nodes must agree on besides the states.
    func verdicts(_ store: Store) async throws -> [String: String] {
        var out: [String: String] = [:]
        for try await entry in store.allChanges() {
            out[entry.change.idHex] = "\(entry.isEffective)/\(entry.isRedacted)/\(entry.reason ?? "")/\(entry.isErased)"
        }
        return out
    }

    /// The issue's scenario: A imports X without bodies plus R by a compromised key, B imports X with
    /// its bodies plus R; after exporting and importing both ways both hold the same ids and must
    /// hold the same state, with the budget (R does not count, so X is effective).
    @Test func nodesThatGotABodylessAndAFullCopyAgreeAfterExchangingBothWays() async throws {
        let (x, r) = try changes()
        let directory = try keys(.compromised)
        let a = try fixtures.store(in: Fixtures.directory(#function + "-a"), keys: directory)
        let b = try fixtures.store(in: Fixtures.directory(#function + "-b"), keys: directory)
        let first = try await a.ingest(wire: [x.withoutBodies.change.wireBytes, r.change.wireBytes])
        #expect(first.refusals.map(\.code) == ["missing-body"] && first.refusals.first?.index == 0 && first.accepted == 1)
        _ = try await b.ingest(wire: [x.change.wireBytes, r.change.wireBytes])
        let fromA = try await wire(a), fromB = try await wire(b)
        _ = try await a.ingest(wire: fromB)
        _ = try await b.ingest(wire: fromA)
        let stateA = try #require(try await a.record(record)), stateB = try #require(try await b.record(record))
        #expect(stateA == stateB)
        #expect(stateA.contains("\"budget\":\"EUR 5\""))
        #expect(try await verdicts(a) == verdicts(b))
        await a.close()
        await b.close()
    }

    /// A node whose directory changed after it erased X (R's key later marked compromised) holds X
    /// without bodies and not redacted: `missing-body`, listed by `changesMissingBodies()`. A
    /// complete copy then replaces it: bodies stored, state re-merged, search updated.
    @Test func aCompleteCopyReplacesABodylessOneNoRedactionCovers() async throws {
        let (x, r) = try changes()
        let dir = Fixtures.directory()
        let before = try fixtures.store(in: dir, keys: try keys(.active))
        let erased = try await before.ingest(wire: [x.change.wireBytes, r.change.wireBytes])
        #expect(erased.erasedChanges == 1)
        await before.close()

        let store = try fixtures.store(in: dir, keys: try keys(.compromised))
        _ = try await store.rebuild()
        let xID = try #require(Hex.decode(x.id.hex, count: 32))
        #expect(try await store.changesMissingBodies() == [xID])
        #expect(try await store.change(xID)?.reason?.hasPrefix("missing-body") == true)
        #expect(try await store.search(SearchQuery(text: "participatory")).total == 0)

        let report = try await store.ingest(wire: [x.change.wireBytes])
        #expect(report.restoredBodies == 1 && report.duplicates == 1 && report.accepted == 0)
        #expect(try await store.changesMissingBodies().isEmpty)
        let entry = try #require(try await store.change(xID))
        #expect(entry.isEffective && !entry.isErased)
        #expect(try await store.record(record)?.contains("\"budget\":\"EUR 5\"") == true)
        #expect(try await store.search(SearchQuery(text: "participatory")).total == 1)
        let state = try await store.record(record)
        _ = try await store.rebuild()
        #expect(try await store.record(record) == state)
        await store.close()
    }

    /// The reverse: a complete copy of a change an effective redaction covers stays erased.
    @Test func aCompleteCopyOfARedactedChangeIsADuplicateAndStaysErased() async throws {
        let (x, r) = try changes()
        let store = try fixtures.store(in: Fixtures.directory(), keys: try keys(.active))
        _ = try await store.ingest(wire: [x.withoutBodies.change.wireBytes, r.change.wireBytes])
        let report = try await store.ingest(wire: [x.change.wireBytes])
        #expect(report.duplicates == 1 && report.restoredBodies == 0 && report.erasedChanges == 0)
        let xID = try #require(Hex.decode(x.id.hex, count: 32))
        let entry = try #require(try await store.change(xID))
        #expect(entry.isRedacted && entry.isErased && !entry.isEffective)
        #expect(try await store.changesMissingBodies().isEmpty)
        #expect(try await store.record(record)?.contains("EUR 5") == false)
        await store.close()
    }

    /// In one batch, a complete copy after a body-less one of the same change wins; R's key is
    /// compromised, so no redaction covers X.
    @Test func aCompleteCopyLaterInTheSameBatchReplacesTheBodylessOne() async throws {
        let (x, r) = try changes()
        let store = try fixtures.store(in: Fixtures.directory(), keys: try keys(.compromised))
        let report = try await store.ingest(wire: [x.withoutBodies.change.wireBytes, r.change.wireBytes, x.change.wireBytes])
        #expect(report.accepted == 2 && report.duplicates == 1 && report.refused == 0)
        #expect(try await store.record(record)?.contains("\"budget\":\"EUR 5\"") == true)
        #expect(try await store.changesMissingBodies().isEmpty)
        await store.close()
    }

    /// A body-less copy vouched for only by a redaction of another city (not permitted) is refused,
    /// and a steward's redaction vouches for any city's change.
    @Test func onlyAPermittedRedactionVouchesForABodylessCopy() async throws {
        let (x, _) = try changes()
        let directory = try fixtures.directory(adding: [("steward", "coalition", .active, true)])
        let sofia = try fixtures.sign(record, city: "sofia", hlc: 2_000, [.redact(change: x.id)])
        let takedown = try fixtures.sign(record, city: "coalition", key: "steward", hlc: 3_000, [.redact(change: x.id)])
        let store = try fixtures.store(in: Fixtures.directory(), keys: directory)
        let refused = try await store.ingest(wire: [x.withoutBodies.change.wireBytes, sofia.change.wireBytes])
        #expect(refused.refusals.map(\.code) == ["missing-body"])
        let kept = try await store.ingest(wire: [x.withoutBodies.change.wireBytes, takedown.change.wireBytes])
        #expect(kept.accepted == 2 && kept.refused == 0)
        #expect(try await store.change(try #require(Hex.decode(x.id.hex, count: 32)))?.isRedacted == true)
        await store.close()
    }
}
