import Foundation
import Testing
import AgoraCore
@testable import AgoraStore

/// The pending area's quota per peer and total cap: what is over them is dropped, counted per
/// peer and said; what waits is kept, once.
@Suite struct PendingAreaTests {
    func item(_ n: Int, peer: String) -> Store.PendingChange {
        Store.PendingChange(id: Fixtures.id("\(peer)-\(n)"), peer: peer, city: "sofia", key: Array(repeating: 7, count: 32),
                            reason: "unknown-key", wire: Array("{\"n\":\(n)}".utf8))
    }

    @Test func aPeerOverItsQuotaIsDroppedAndCountedWhileOthersStillGetIn() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let limits = Store.PendingLimits(perPeer: 3, total: 5)
        let first = try await store.holdPending((0..<5).map { item($0, peer: "sofia") }, limits: limits)
        #expect(first.held == 3 && first.dropped == ["sofia": 2])
        let second = try await store.holdPending((0..<4).map { item($0, peer: "dublin") }, limits: limits)
        #expect(second.held == 2 && second.dropped == ["dublin": 2], "the total cap of 5 is reached")
        let again = try await store.holdPending([item(0, peer: "sofia")], limits: limits)
        #expect(again.duplicates == 1 && again.held == 0 && again.dropped.isEmpty)
        let summary = try await store.pendingSummary()
        #expect(summary.waiting == ["sofia": 3, "dublin": 2] && summary.total == 5)
        #expect(summary.dropped == ["sofia": 2, "dublin": 2])
        #expect(try await store.pendingChanges().map(\.wire).first == Array("{\"n\":0}".utf8))
        try await store.removePending([Fixtures.id("sofia-0")])
        #expect(try await store.pendingSummary().waiting["sofia"] == 2)
        await store.close()
    }

    @Test func theRosterChainRowsRoundTrip() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let genesis = Store.RosterRow(id: Fixtures.id("g"), parent: nil, sequence: 0, wire: [1])
        let next = Store.RosterRow(id: Fixtures.id("n"), parent: Fixtures.id("g"), sequence: 1, wire: [2])
        try await store.saveRoster([next, genesis])
        #expect(try await store.rosterRows() == [genesis, next])
        try await store.saveRoster([Store.RosterRow(id: Fixtures.id("n"), parent: Fixtures.id("g"), sequence: 1, wire: [3])], removing: [])
        #expect(try await store.rosterRows().last?.wire == [3], "a copy with more signatures replaces the row")
        try await store.saveRoster([], removing: [Fixtures.id("n")])
        #expect(try await store.rosterRows() == [genesis])
        await store.close()
    }
}
