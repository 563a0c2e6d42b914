/// Removing items: a stored change leaves the node's set when it is set aside (held without
/// bodies and not effectively redacted; `protocol/SYNC.md`, "Items"). Removal never merges
/// underfull nodes: the tree's height never grows by removing, so every operation stays
/// O(log n) of the most items the tree has held. Removals are rare (set-aside transitions).
extension FingerprintTree {
    /// Whether the tree holds `item`. O(log n).
    public func contains(_ item: SyncItem) -> Bool {
        guard var node = root, !(item < node.first), !(node.last < item) else { return false }
        while !node.isLeaf {
            guard let child = node.children.first(where: { !($0.last < item) }) else { return false }
            node = child
        }
        let index = node.insertionIndex(of: item)
        return index < node.items.count && node.items[index] == item
    }

    /// Removes `item`; returns false if it was not there. O(log n).
    @discardableResult
    public func remove(_ item: SyncItem) -> Bool {
        guard let node = root, node.remove(item) else { return false }
        if node.width == 0 {
            root = nil
        } else if !node.isLeaf && node.width == 1 {
            root = node.children[0]
        }
        return true
    }
}

extension FingerprintTreeNode {
    /// Removes `item` below this node; returns whether it was there. A node left empty is
    /// dropped by its parent (or by the tree, for the root).
    func remove(_ item: SyncItem) -> Bool {
        guard !(item < first), !(last < item) else { return false }
        if isLeaf {
            let index = insertionIndex(of: item)
            guard index < items.count, items[index] == item else { return false }
            items.remove(at: index)
        } else {
            guard let index = children.firstIndex(where: { !($0.last < item) }), children[index].remove(item) else { return false }
            if children[index].width == 0 { children.remove(at: index) }
        }
        summary = summary - SyncSummary(item.id)
        if width > 0 {
            first = isLeaf ? items[0] : children[0].first
            last = isLeaf ? items[items.count - 1] : children[children.count - 1].last
        }
        return true
    }
}
