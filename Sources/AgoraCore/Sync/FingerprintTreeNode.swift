/// A node of `FingerprintTree`: a leaf holds items in order, an inner node holds children in
/// order; both keep the summary of everything below them and their first and last item.
final class FingerprintTreeNode {
    var items: [SyncItem]
    var children: [FingerprintTreeNode]
    var summary: SyncSummary
    var first: SyncItem
    var last: SyncItem

    /// A leaf of `items` (at least one, in order).
    init(items: [SyncItem]) {
        self.items = items
        children = []
        summary = SyncSummary(items)
        first = items[0]
        last = items[items.count - 1]
    }

    /// An inner node over `children` (at least one, in order).
    init(children: [FingerprintTreeNode]) {
        items = []
        self.children = children
        summary = children.reduce(SyncSummary.empty) { $0 + $1.summary }
        first = children[0].first
        last = children[children.count - 1].last
    }

    var isLeaf: Bool { children.isEmpty }
    var width: Int { isLeaf ? items.count : children.count }

    /// The summary of this node's items whose key is below `key`.
    func summary(below key: SyncKey) -> SyncSummary {
        var total = SyncSummary.empty
        var node = self
        while !node.isLeaf {
            guard let index = node.children.firstIndex(where: { !($0.last.key < key) }) else { return total + node.summary }
            for child in node.children[..<index] { total = total + child.summary }
            node = node.children[index]
        }
        for item in node.items {
            guard item.key < key else { break }
            total.add(item.id)
        }
        return total
    }

    /// Appends this node's items whose key is in `[lower, upper)`.
    func collect(from lower: SyncKey, to upper: SyncKey, into out: inout [SyncItem]) {
        if isLeaf {
            for item in items where !(item.key < lower) && item.key < upper { out.append(item) }
            return
        }
        for child in children {
            if child.last.key < lower { continue }
            if !(child.first.key < upper) { break }
            child.collect(from: lower, to: upper, into: &out)
        }
    }

    /// Inserts `item` below this node; returns whether it was new, and the right half when
    /// this node grew past `capacity` and split.
    func insert(_ item: SyncItem, capacity: Int) -> (inserted: Bool, split: FingerprintTreeNode?) {
        if isLeaf {
            let index = insertionIndex(of: item)
            if index < items.count && items[index] == item { return (false, nil) }
            items.insert(item, at: index)
        } else {
            let index = max(0, (children.lastIndex { !(item < $0.first) }) ?? 0)
            let (inserted, split) = children[index].insert(item, capacity: capacity)
            guard inserted else { return (false, nil) }
            if let split { children.insert(split, at: index + 1) }
        }
        summary.add(item.id)
        if item < first { first = item }
        if last < item { last = item }
        return (true, width > capacity ? splitHalf() : nil)
    }

    func insertionIndex(of item: SyncItem) -> Int {
        var low = 0, high = items.count
        while low < high {
            let mid = (low + high) / 2
            if items[mid] < item { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Moves the upper half into a new node and returns it.
    private func splitHalf() -> FingerprintTreeNode {
        let half = width / 2
        let right: FingerprintTreeNode
        if isLeaf {
            right = FingerprintTreeNode(items: Array(items[half...]))
            items.removeSubrange(half...)
            summary = SyncSummary(items)
            last = items[items.count - 1]
        } else {
            right = FingerprintTreeNode(children: Array(children[half...]))
            children.removeSubrange(half...)
            summary = children.reduce(SyncSummary.empty) { $0 + $1.summary }
            last = children[children.count - 1].last
        }
        return right
    }
}
