import AgoraCore
import AgoraStore
import AgoraTesting
import Testing
@testable import AgoraNode

/// The responder service over the store's own sync item set answers for what the store holds
/// now: a change ingested after the service was made is found by the next session, with no call
/// to the service.
@Suite struct SyncStoreSetTests {
    static let sha256: @Sendable ([UInt8]) -> [UInt8] = { TestKeys.crypto.sha256($0) }

    func item(_ change: StoredChange) throws -> SyncItem {
        SyncItem(milliseconds: UInt64(change.hlcMilliseconds), id: try #require(SyncID(bytes: change.id)))
    }

    func session(_ items: [SyncItem], _ service: SyncResponderService, _ name: String) async throws -> SyncOutcome {
        try await SyncSessionRunner.run(items: items, bound: 1_000_000, transport: InProcessSyncTransport(service: service),
                                        session: name, nonce: [8, 7, 6, 5, 4, 3, 2, 1], sha256: Self.sha256).outcome
    }

    @Test func aSessionSeesWhatTheStoreIngestedAfterTheServiceWasMade() async throws {
        let catalog = try await APICatalog.make()
        let service = SyncResponderService(set: try await catalog.store.syncItemSet(), sha256: Self.sha256)
        let held = try catalog.changes.map { try item($0) }.sorted()
        let first = try await session(Array(held.prefix(2)), service, "s1")
        #expect(first.isConsistent && first.need == [held[2].id] && first.have.isEmpty)

        let later = try APICatalog.signed(APICatalog.record("sofia/pilot/late", country: "BG", original: "bg", stage: "pilot",
                                                           title: ["bg": "Късно"], summary: ["bg": "Късно."]),
                                          key: catalog.key, hlc: 4_000)
        _ = try await catalog.store.ingest([later])
        let second = try await session(held, service, "s2"), laterID = try item(later).id
        #expect(second.isConsistent && second.need == [laterID] && second.have.isEmpty)

        // The store's set as the initiator, against a peer that holds only the first change:
        // the change stamped at or after the bound (4,000) stays out of the session.
        let peer = SyncResponderService(items: Array(held.prefix(1)), sha256: Self.sha256)
        let run = try await SyncSessionRunner.run(set: try await catalog.store.syncItemSet(), bound: 4_000,
                                                  transport: InProcessSyncTransport(service: peer), session: "s3",
                                                  nonce: [1, 1, 2, 3, 5, 8, 13, 21], sha256: Self.sha256)
        let given = run.outcome.have.count + run.outcome.haveRanges.reduce(0) { $0 + Int($1.count) }
        #expect(run.outcome.isConsistent && given == 2 && run.outcome.need.isEmpty, "the two older changes, not the later one")
        await catalog.close()
    }
}
