import AgoraTesting
import Testing
@testable import AgoraCore

/// A hostile or broken peer gets a precise error and cannot make a session loop or grow.
@Suite struct SyncSessionErrorTests {
    let p = SyncParameters.default

    func initiator(_ count: Int = 5) -> SyncInitiator {
        var random = SplitMix64(seed: 21)
        let tree = FingerprintTree(sorted: SyncFixtures.items(count, times: 1...1_000, &random).sorted())
        return SyncInitiator(source: tree, bound: 2_000, nonce: [1, 2, 3, 4, 5, 6, 7, 8], sha256: SyncFixtures.sha256)
    }

    func reply(_ entries: [SyncEntry]) -> SyncMessage {
        .reply(SyncReply(parameters: p, lower: 0, fingerprint: [UInt8](repeating: 9, count: 16), entries: entries))
    }

    func code(_ body: () throws -> Void) -> SyncError.Code? {
        do {
            try body()
            return nil
        } catch { return (error as? SyncError)?.code }
    }

    @Test func anEntryPastTheOpenRangesIsOutOfOrder() {
        var a = initiator()
        _ = a.start()
        #expect(code { _ = try a.receive(reply([SyncEntry(skip: 1, action: .none)])) } == .rangesOutOfOrder)
    }

    @Test func anEntryAfterLaterIsOutOfOrder() {
        var a = initiator()
        _ = a.start()
        #expect(code { _ = try a.receive(reply([SyncEntry(skip: 0, action: .later), SyncEntry(skip: 0, action: .none)])) } == .rangesOutOfOrder)
    }

    @Test func aListLeftUnansweredIsRefused() throws {
        var a = initiator()
        _ = a.start()
        let listing = try #require(try a.receive(reply([SyncEntry(skip: 0, action: .split(parts: 1, fingerprints: [0, 0, 0]))])))
        guard case .next(_, let entries) = listing, case .list = entries.first?.action else {
            Issue.record("expected a list, got \(listing)")
            return
        }
        #expect(code { _ = try a.receive(.next(parameters: p, entries: [])) } == .unansweredList)
    }

    @Test func otherLengthsThanTheSessionsAreRefused() throws {
        var a = initiator()
        _ = a.start()
        let other = try SyncParameters(fingerprintLength: 4, tagLength: 3)
        let message = SyncMessage.reply(SyncReply(parameters: other, lower: 0, fingerprint: [UInt8](repeating: 9, count: 16), entries: []))
        #expect(code { _ = try a.receive(message) } == .fingerprintLength)
    }

    @Test func onlyTheResponderAnswersAndOnlyTheInitiatorLists() throws {
        var a = initiator()
        _ = a.start()
        #expect(code { _ = try a.receive(reply([SyncEntry(skip: 0, action: .list(tags: []))])) } == .badAction)
        var random = SplitMix64(seed: 22)
        let other = FingerprintTree(sorted: SyncFixtures.items(500, times: 1...1_000, &random).sorted())
        var b = SyncResponder(source: other, sha256: SyncFixtures.sha256)
        var c = initiator()
        _ = try b.receive(c.start())
        #expect(code { _ = try b.receive(.next(parameters: p, entries: [SyncEntry(skip: 0, action: .none)])) } == .badAction)
    }

    @Test func aResponderThatNeverNarrowsHitsTheMessageLimit() throws {
        var a = initiator()
        _ = a.start()
        var message = reply([SyncEntry(skip: 0, action: .split(parts: 1, fingerprints: [0, 0, 0]))])
        var sent = 1
        let error = code {
            while true {
                guard try a.receive(message) != nil else { return }
                sent += 1
                message = .next(parameters: p, entries: [SyncEntry(skip: 0, action: .split(parts: 1, fingerprints: [0, 0, 0]))])
            }
        }
        #expect(error == .overLimit)
        #expect(sent <= SyncLimits.standard.maximumMessages)
    }

    @Test func aResponderRefusesMessagesOutOfTurn() throws {
        var b = SyncResponder(source: FingerprintTree(), sha256: SyncFixtures.sha256)
        #expect(code { _ = try b.receive(.next(parameters: p, entries: [])) } == .unexpectedKind)
        #expect(code { _ = try b.receive(.equal) } == .unexpectedKind)
        var a = initiator(0)
        #expect(try b.receive(a.start()) == .equal)
        #expect(code { _ = try b.receive(a.start()) } == .sessionOver)
    }

    @Test func aSplitIntoMorePartsThanKeyPointsIsRefused() throws {
        var fresh = initiator(0)
        _ = fresh.start()
        // An empty initiator's range is [2000, 2000) once the responder agrees to 2000: no key point at all.
        let tooMany = SyncMessage.reply(SyncReply(parameters: p, lower: 2_000, fingerprint: [UInt8](repeating: 9, count: 16), entries: [
            SyncEntry(skip: 0, action: .split(parts: 2, fingerprints: [UInt8](repeating: 0, count: 6))),
        ]))
        #expect(code { _ = try fresh.receive(tooMany) } == .invalidAction)
    }
}
