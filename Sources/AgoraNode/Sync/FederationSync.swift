public import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// The answering side of sync on the federation port: reconciliation sessions against the
/// store's current set of change ids, fetches of changes by id or key range, and ingest of
/// pushed batches exactly as `agora import` does it. See `protocol/SYNC.md`, "HTTP".
///
/// The set a session answers for is the store's as the session opens: a new session after a
/// write rebuilds the responder from `Store.syncItems()`; sessions already open keep theirs.
public final class FederationSync: @unchecked Sendable {
    // @unchecked: `state` and `counts` are only touched under `lock`; the rest is immutable.
    /// The node answering.
    public let node: LocalNode
    private let lock = NSLock()
    private var state = State()
    private var counts: [String: Int] = [:]

    private struct State {
        var version: Int64 = -1
        var service: SyncResponderService?
        var sessions: [String: SyncResponderService] = [:]
    }

    /// The sync service of `node`.
    public init(node: LocalNode) { self.node = node }

    /// Refusals so far, by code (malformed messages, oversized batches, ...).
    public var refusals: [String: Int] { lock.withLock { counts } }

    /// Counts a refusal under `code`.
    func count(_ code: String) { lock.withLock { counts[code, default: 0] += 1 } }

    /// The answer to reconciliation message `message` of session `session`.
    /// - Throws: `SyncError` or `SyncServiceError` (the session is then over).
    public func reconcile(_ message: [UInt8], session: String) async throws -> [UInt8] {
        var opening = false
        if case .open = try SyncMessage(bytes: message) { opening = true }
        let service = try await service(for: session, opening: opening)
        return try await service.answer(message, session: session)
    }

    private func service(for session: String, opening: Bool) async throws -> SyncResponderService {
        if !opening, let held = lock.withLock({ state.sessions[session] }) { return held }
        let version = try await node.store.version()
        if let current = lock.withLock({ state.version == version ? state.service : nil }) { return remember(current, session) }
        let fresh = SyncResponderService(items: try await node.store.syncItems(), sha256: { SHA256.hash($0) })
        lock.withLock { state.version = version; state.service = fresh }
        return remember(fresh, session)
    }

    private func remember(_ service: SyncResponderService, _ session: String) -> SyncResponderService {
        lock.withLock {
            if state.sessions.count >= SyncResponderService.defaultMaximumSessions { state.sessions.removeAll() }
            state.sessions[session] = service
        }
        return service
    }

    /// The wire form of the stored changes among `ids` and in `ranges`, in (HLC, id) order, one
    /// per line, up to ``FederationSyncLimits/maximumFetchChanges`` and about
    /// ``FederationSyncLimits/maximumFetchAnswerBytes``. A change whose bodies a redaction erased
    /// goes body-less (`"bodies":{}`); its redaction is a change of its own in the set.
    public func fetch(ids: [SyncID], ranges: [(lower: SyncKey, upper: SyncKey)]) async throws -> [UInt8] {
        var wanted = Set(ids)
        if !ranges.isEmpty {
            for item in try await node.store.syncItems() where ranges.contains(where: { item.key >= $0.lower && item.key < $0.upper }) {
                wanted.insert(item.id)
            }
        }
        var entries: [HistoryEntry] = []
        for id in wanted {
            if let entry = try await node.store.change(id.bytes) { entries.append(entry) }
        }
        entries.sort { a, b in
            a.change.hlcMilliseconds != b.change.hlcMilliseconds ? a.change.hlcMilliseconds < b.change.hlcMilliseconds
                : a.change.id.lexicographicallyPrecedes(b.change.id)
        }
        var out: [UInt8] = []
        for entry in entries.prefix(FederationSyncLimits.maximumFetchChanges) {
            if !out.isEmpty && out.count >= FederationSyncLimits.maximumFetchAnswerBytes { break }
            out += entry.change.wireBytes + [0x0A]
        }
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
