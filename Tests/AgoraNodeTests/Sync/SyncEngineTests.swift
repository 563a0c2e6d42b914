import AgoraCore
import AgoraNode
import AgoraTesting
import Testing

/// The initiator's runner and the responder's service, over the in-process transport.
@Suite struct SyncEngineTests {
    static let sha256: @Sendable ([UInt8]) -> [UInt8] = { TestKeys.crypto.sha256($0) }

    func items(_ count: Int, _ random: inout SplitMix64) -> [SyncItem] {
        (0..<count).map { _ in
            SyncItem(milliseconds: 1_000 + random.next() % 1_000_000, id: SyncID(words: (random.next(), random.next(), random.next(), random.next())))
        }
    }

    @Test func aSessionOverTheInProcessTransportFindsTheDifference() async throws {
        var random = SplitMix64(seed: 41)
        let shared = items(5_000, &random), mine = items(30, &random), theirs = items(40, &random)
        let service = SyncResponderService(items: (shared + theirs).sorted(), sha256: Self.sha256)
        let run = try await SyncSessionRunner.run(items: (shared + mine).sorted(), bound: 2_000_000,
                                                  transport: InProcessSyncTransport(service: service), session: "s1",
                                                  nonce: [1, 2, 3, 4, 5, 6, 7, 8], sha256: Self.sha256)
        #expect(run.outcome.isConsistent)
        #expect(Set(run.outcome.have.map(\.id)) == Set(mine.map(\.id)))
        #expect(Set(run.outcome.need) == Set(theirs.map(\.id)))
        #expect(run.roundTrips <= 3 && run.bytesSent > 0 && run.bytesReceived > 0)
        #expect(await service.openSessions == 0)
    }

    @Test func aMessageOfAnUnknownSessionIsRefused() async throws {
        let service = SyncResponderService(items: [], sha256: Self.sha256)
        let message = SyncMessage.next(parameters: .default, entries: []).bytes
        await #expect(throws: SyncServiceError.self) { _ = try await service.answer(message, session: "nobody") }
    }

    @Test func theOldestSessionIsPushedOutPastTheLimit() async throws {
        var random = SplitMix64(seed: 42)
        let service = SyncResponderService(items: items(1_000, &random).sorted(), sha256: Self.sha256, maximumSessions: 2)
        let other = FingerprintTree(sorted: items(1_000, &random).sorted())
        var openings: [[UInt8]] = []
        for n in 0..<3 {
            var initiator = SyncInitiator(source: other, bound: 2_000_000, nonce: [UInt8(n), 0, 0, 0, 0, 0, 0, 0], sha256: Self.sha256)
            openings.append(initiator.start().bytes)
        }
        for (n, opening) in openings.enumerated() { _ = try await service.answer(opening, session: "s\(n)") }
        #expect(await service.openSessions == 2)
        let next = SyncMessage.next(parameters: .default, entries: []).bytes
        await #expect(throws: SyncServiceError.self) { _ = try await service.answer(next, session: "s0") }
    }
}
