import Foundation
import Testing
import AgoraCore
@testable import AgoraStore

/// What `agora status` reads from the store: each peer's latest attempt and latest successful
/// one (through the per-peer index), and the future-timestamp refusals per author city
/// (schema version 9), which add up and keep the latest lead.
@Suite struct SyncStatusStoreTests {
    @Test func theLatestAttemptAndTheLatestSuccessArePerPeer() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        #expect(try await store.latestSyncAttempts(peer: "sofia") == (nil, nil))
        let ok = Store.SyncAttempt(peer: "sofia", startedMilliseconds: 1_000, roundTrips: 1)
        let failed = Store.SyncAttempt(peer: "sofia", startedMilliseconds: 2_000, error: "unreachable: 127.0.0.1:1: refused")
        let other = Store.SyncAttempt(peer: "dublin", startedMilliseconds: 3_000)
        for attempt in [ok, failed, other] { try await store.recordSyncAttempt(attempt) }
        let sofia = try await store.latestSyncAttempts(peer: "sofia")
        #expect(sofia.latest == failed && sofia.latestSuccess == ok)
        let dublin = try await store.latestSyncAttempts(peer: "dublin")
        #expect(dublin.latest == other && dublin.latestSuccess == other)
        await store.close()
    }

    @Test func refusalsAddUpPerCityAndKeepTheLatestLead() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        #expect(try await store.clockRefusals().isEmpty)
        try await store.recordClockRefusals([Store.ClockRefusals(city: "sofia", refused: 2, lastRefusedMilliseconds: 10, leadMilliseconds: 600_000)])
        try await store.recordClockRefusals([Store.ClockRefusals(city: "sofia", refused: 1, lastRefusedMilliseconds: 20, leadMilliseconds: 450_000),
                                             Store.ClockRefusals(city: "dublin", refused: 1, lastRefusedMilliseconds: 20, leadMilliseconds: 301_000)])
        let refusals = try await store.clockRefusals()
        #expect(refusals["sofia"] == Store.ClockRefusals(city: "sofia", refused: 3, lastRefusedMilliseconds: 20, leadMilliseconds: 450_000))
        #expect(refusals["dublin"]?.refused == 1 && refusals.count == 2)
        await store.close()
    }
}
