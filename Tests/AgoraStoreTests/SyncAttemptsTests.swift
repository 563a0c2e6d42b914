import Foundation
import Testing
@testable import AgoraStore

/// The record of sync attempts: kept to a bounded history per peer, while the totals (the
/// counters of `/metrics`) count every attempt ever recorded.
@Suite struct SyncAttemptsTests {
    @Test func historyIsBoundedPerPeerAndTotalsCountEveryAttempt() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        let kept = Store.syncAttemptsKeptPerPeer, extra = 5
        for index in 0..<(kept + extra) {
            let failed = index % 10 == 0
            try await store.recordSyncAttempt(Store.SyncAttempt(
                peer: "sofia", startedMilliseconds: 1_000 + Int64(index), roundTrips: 1, bytesSent: 10, bytesReceived: 20,
                changesSent: 1, changesReceived: 2, error: failed ? "unreachable: refused" : nil))
        }
        try await store.recordSyncAttempt(Store.SyncAttempt(peer: "tirana", startedMilliseconds: 5, error: "bad-answer: x"))

        let sofia = try await store.syncAttempts(peer: "sofia")
        #expect(sofia.count == kept, "only the latest attempts are kept")
        #expect(sofia.first?.startedMilliseconds == 1_000 + Int64(extra) && sofia.last?.startedMilliseconds == 1_000 + Int64(kept + extra - 1))
        #expect(try await store.syncAttempts(peer: "tirana").count == 1, "another peer's history is its own")

        let summary = try await store.syncSummary()
        #expect(summary.map(\.peer) == ["sofia", "tirana"])
        let total = try #require(summary.first)
        let attempts = kept + extra, failures = (attempts + 9) / 10
        #expect(total.attempts == attempts && total.failures == failures)
        #expect(total.bytesSent == 10 * attempts && total.bytesReceived == 20 * attempts)
        #expect(total.changesSent == attempts && total.changesReceived == 2 * attempts && total.roundTrips == attempts)
        #expect(total.lastAttemptMilliseconds == 1_000 + Int64(attempts - 1))
        let lastSuccess = (0..<attempts).last { $0 % 10 != 0 }.map { 1_000 + Int64($0) }
        #expect(total.lastSuccessMilliseconds == lastSuccess)
        #expect(summary.last?.lastSuccessMilliseconds == nil && summary.last?.failures == 1, "a peer never reached has no success")
        await store.close()
    }

    /// The status shows a peer's last successful sync: pruning keeps it, however many failures
    /// came after it.
    @Test func theLatestSuccessOutlivesTheFailuresAfterIt() async throws {
        let store = try Fixtures.store(in: Fixtures.directory())
        try await store.recordSyncAttempt(Store.SyncAttempt(peer: "sofia", startedMilliseconds: 1, changesReceived: 7))
        for index in 0..<(Store.syncAttemptsKeptPerPeer + 3) {
            try await store.recordSyncAttempt(Store.SyncAttempt(peer: "sofia", startedMilliseconds: 10 + Int64(index), error: "unreachable: x"))
        }
        let latest = try await store.latestSyncAttempts(peer: "sofia")
        #expect(latest.latestSuccess?.startedMilliseconds == 1 && latest.latestSuccess?.changesReceived == 7)
        #expect(try await store.syncAttempts(peer: "sofia").count == Store.syncAttemptsKeptPerPeer + 1, "the kept failures, and the success")
        await store.close()
    }
}
