public import AgoraCore
import Foundation

/// The node's reconciliation set, kept current by the store's writer: every stored change
/// except the set-aside ones (held without bodies and not effectively redacted), as
/// `(hlc_ms, id)` items in a `FingerprintTree`. See `protocol/SYNC.md`, "Items", and
/// `protocol/STORAGE.md`, "The sync item set".
///
/// The writer applies each committed transaction's membership changes under the lock, in
/// O(log n) per change; readers (a responder's session, a simulation) read under the same lock
/// with ``reading(_:)``, so one message is answered against one consistent set.
public final class SyncItemSet: @unchecked Sendable {
    // @unchecked: `tree` is only touched while `lock` is held.
    private let lock = NSLock()
    private var tree: FingerprintTree

    /// A set of `items` (in order).
    init(sorted items: [SyncItem]) { tree = FingerprintTree(sorted: items) }

    /// Runs `body` with the tree, holding the lock: no write lands meanwhile. `body` must not keep
    /// the tree past its return, nor call back into this set.
    public func reading<T>(_ body: (FingerprintTree) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(tree)
    }

    /// How many items the set holds.
    public var count: Int { reading { $0.count } }

    /// The summary of the whole set (the fingerprint property tests compare).
    public var summary: SyncSummary { reading { $0.summary } }

    /// The items below `bound` milliseconds, in order: what an initiator with upper bound `bound`
    /// reconciles (changes stamped at or after it are far-future and wait; `protocol/SYNC.md`).
    public func items(below bound: UInt64) -> [SyncItem] {
        reading { $0.items(from: SyncKey(milliseconds: 0), to: SyncKey(milliseconds: min(bound, HLCTimestamp.maxMilliseconds))) }
    }

    /// Applies the membership of changes after a committed write: each is inserted when it
    /// belongs, removed when it does not. Idempotent.
    func apply(_ memberships: [SyncMembership]) {
        guard !memberships.isEmpty else { return }
        reading { tree in
            for membership in memberships {
                if membership.isMember { tree.insert(membership.item) } else { tree.remove(membership.item) }
            }
        }
    }

    /// Replaces the whole set (after a rebuild recomputed every verdict).
    func replace(sorted items: [SyncItem]) {
        let fresh = FingerprintTree(sorted: items)
        lock.lock()
        tree = fresh
        lock.unlock()
    }
}

/// Whether a stored change belongs to the sync set after a write.
struct SyncMembership: Sendable {
    let item: SyncItem
    let isMember: Bool
}
