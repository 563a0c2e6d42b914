public import AgoraStore

/// The public API's limits on work per request: query time, reader waits, concurrent exports.
///
/// Every one is documented, with what a client gets beyond it, in `docs/API.md` ("Limits").
public struct APILimits: Sendable, Equatable {
    /// Bounds on every database read a request makes (time limit, wait for a reader).
    public var query: QueryLimits
    /// Most exports streaming at once, from all clients; one more gets 503 `busy`.
    public var maximumConcurrentExports: Int
    /// Most exports streaming at once to one client address (an IPv4 address, an IPv6 /64);
    /// one more gets 429 `too_many_requests`.
    public var maximumConcurrentExportsPerClient: Int
    /// The `Retry-After` seconds of a 503 `busy` or 429 answer.
    public var retryAfterSeconds: Int

    public static let defaultMaximumConcurrentExports = 16
    public static let defaultMaximumConcurrentExportsPerClient = 2
    public static let defaultRetryAfterSeconds = 5

    /// Limits, each defaulting to its named default.
    public init(query: QueryLimits = .api, maximumConcurrentExports: Int = defaultMaximumConcurrentExports,
                maximumConcurrentExportsPerClient: Int = defaultMaximumConcurrentExportsPerClient,
                retryAfterSeconds: Int = defaultRetryAfterSeconds) {
        self.query = query
        self.maximumConcurrentExports = maximumConcurrentExports
        self.maximumConcurrentExportsPerClient = maximumConcurrentExportsPerClient
        self.retryAfterSeconds = retryAfterSeconds
    }
}
