/// The items one side reconciles, as the session reads them: summaries of key ranges and, for
/// small ranges, the items themselves. `FingerprintTree` is the incremental implementation.
/// See `protocol/SYNC.md`, "Items".
public protocol SyncItemSource {
    /// The summary of the items whose key is in `[lower, upper)`.
    func summary(from lower: SyncKey, to upper: SyncKey) -> SyncSummary
    /// The items whose key is in `[lower, upper)`, in order.
    func items(from lower: SyncKey, to upper: SyncKey) -> [SyncItem]
    /// The lowest item's milliseconds, if there is an item.
    var lowestMilliseconds: UInt64? { get }
}
