/// The items of one node's change set in a B+ tree whose nodes keep the summary (sum of ids
/// and count) of everything below them, so that inserting an item and summarising any key
/// range both cost O(log n). See `protocol/SYNC.md`, "Incremental fingerprints".
///
/// Not thread-safe: the owner serialises access (the store keeps it behind its writer).
public final class FingerprintTree: SyncItemSource {
    /// The most items in a leaf and children in an inner node before it splits.
    public static let capacity = 64
    /// How full a bulk build packs each node (leaves room for inserts without splitting).
    static let bulkFill = 48

    var root: FingerprintTreeNode?

    /// An empty tree.
    public init() {}

    /// A tree of `items`, built bottom-up in O(n). The items must be in order
    /// (by milliseconds, then id); repeated items are kept once.
    public init(sorted items: [SyncItem]) {
        var unique: [SyncItem] = []
        unique.reserveCapacity(items.count)
        for item in items where unique.last != item { unique.append(item) }
        guard !unique.isEmpty else { return }
        var level = stride(from: 0, to: unique.count, by: FingerprintTree.bulkFill).map {
            FingerprintTreeNode(items: Array(unique[$0..<min($0 + FingerprintTree.bulkFill, unique.count)]))
        }
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: FingerprintTree.bulkFill).map {
                FingerprintTreeNode(children: Array(level[$0..<min($0 + FingerprintTree.bulkFill, level.count)]))
            }
        }
        root = level[0]
    }

    /// How many items the tree holds.
    public var count: Int { Int(root?.summary.count ?? 0) }

    /// The summary of every item.
    public var summary: SyncSummary { root?.summary ?? .empty }

    /// Adds `item`; returns false if it was already there. O(log n).
    @discardableResult
    public func insert(_ item: SyncItem) -> Bool {
        guard let root else {
            self.root = FingerprintTreeNode(items: [item])
            return true
        }
        let (inserted, split) = root.insert(item, capacity: FingerprintTree.capacity)
        if let split { self.root = FingerprintTreeNode(children: [root, split]) }
        return inserted
    }

    public func summary(from lower: SyncKey, to upper: SyncKey) -> SyncSummary {
        guard let root, lower < upper else { return .empty }
        return root.summary(below: upper) - root.summary(below: lower)
    }

    public func items(from lower: SyncKey, to upper: SyncKey) -> [SyncItem] {
        var out: [SyncItem] = []
        if let root, lower < upper { root.collect(from: lower, to: upper, into: &out) }
        return out
    }

    public var lowestMilliseconds: UInt64? { root?.first.milliseconds }
}
