/// The size limits of the federation port's sync routes (`protocol/SYNC.md`, "HTTP").
/// Every one is checked before the work it bounds, and a breach is a `400` or `413` with a code.
public enum FederationSyncLimits {
    /// Bytes of one reconciliation message in a request body: the message limit of SYNC.md 8,
    /// which is also the federation listener's request body limit (1 MiB).
    public static let maximumMessageBytes = 1 << 20
    /// Change ids one fetch request may name.
    public static let maximumFetchIDs = 1_000
    /// Key ranges one fetch request may name.
    public static let maximumFetchRanges = 256
    /// Changes one fetch answer carries at most; a client asks again for what is left.
    public static let maximumFetchChanges = 1_000
    /// Bytes of one fetch answer, after which it stops (at least one change is always sent).
    public static let maximumFetchAnswerBytes = 8 << 20
    /// Bytes of one pushed batch of changes (the listener's request body limit).
    public static let maximumBatchBytes = 1 << 20
    /// Lines of one pushed batch of changes.
    public static let maximumBatchLines = 1_000
}
