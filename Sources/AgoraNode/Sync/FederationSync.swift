public import AgoraCore
import AgoraCrypto
public import AgoraStore
import Foundation

/// The answering side of sync on the federation port: reconciliation sessions against the
/// store's current set of change ids, fetches of changes by id or key range, and ingest of
/// pushed batches exactly as `agora import` does it. See `protocol/SYNC.md`, "HTTP".
///
/// Sessions are answered against the store's sync item set as its writer keeps it
/// (`Store.syncItemSet()`, O(log n) per write), with no copy and no rebuild: each message is
/// answered against the set as it is at that message, so a write that lands mid-session is seen
/// by the session's later messages (`protocol/SYNC.md` 10 says what the initiator sees then).
/// Fetches are answered from the store's `changes_by_time` index (``Store/syncChanges(ids:ranges:after:limit:byteLimit:)``).
public final class FederationSync: @unchecked Sendable {
    // @unchecked: `service` and `counts` are only touched under `lock`; the rest is immutable.
    /// The node answering.
    public let node: LocalNode
    private let lock = NSLock()
    private var service: SyncResponderService?
    private var counts: [String: Int] = [:]

    /// The sync service of `node`.
    public init(node: LocalNode) { self.node = node }

    /// Refusals so far, by code (malformed messages, oversized batches, ...).
    public var refusals: [String: Int] { lock.withLock { counts } }

    /// Counts a refusal under `code`.
    func count(_ code: String) { lock.withLock { counts[code, default: 0] += 1 } }

    /// The answer to reconciliation message `message` of session `session`.
    /// - Throws: `SyncError` or `SyncServiceError` (the session is then over).
    public func reconcile(_ message: [UInt8], session: String) async throws -> [UInt8] {
        try await responder().answer(message, session: session)
    }

    /// The one responder service, over the writer-kept set (made on first use: loading the set is O(n) once).
    private func responder() async throws -> SyncResponderService {
        if let held = lock.withLock({ service }) { return held }
        let fresh = SyncResponderService(set: try await node.store.syncItemSet(), sha256: { SHA256.hash($0) })
        return lock.withLock {
            if let held = service { return held }
            service = fresh
            return fresh
        }
    }

    /// The wire form of the stored changes among `ids` and in `ranges`, in (HLC, id) order, one
    /// per line, up to ``FederationSyncLimits/maximumFetchChanges`` and stopping after the line that
    /// passes ``FederationSyncLimits/maximumFetchAnswerBytes``, read from the store's index in
    /// O(answer · log n). A change whose bodies a redaction erased goes body-less (`"bodies":{}`);
    /// its redaction is a change of its own in the set.
    public func fetch(ids: [SyncID], ranges: [SyncKeyBounds]) async throws -> [UInt8] {
        let changes = try await node.store.syncChanges(ids: ids, ranges: ranges, limit: FederationSyncLimits.maximumFetchChanges,
                                                       byteLimit: FederationSyncLimits.maximumFetchAnswerBytes)
        var out: [UInt8] = []
        for change in changes { out += change.wireBytes + [0x0A] }
        return out
    }

    /// Verifies and stores a pushed batch as `agora import` does (unknown keys go to the pending area).
    public func ingest(_ batch: [UInt8]) async throws -> ImportReport {
        var remaining = batch.isEmpty ? nil : Data(batch)
        let reader = LineReader { _ in
            defer { remaining = nil }
            return remaining ?? Data()
        }
        return try await node.importChanges(from: reader)
    }
}
