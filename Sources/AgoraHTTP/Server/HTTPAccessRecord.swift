/// One response the server wrote (or gave up writing), for an access log.
///
/// The server hands these to `HTTPServerConfiguration.accessLog` in batches, from its event-loop
/// thread, once per poll round: a log line costs no system call of its own on the loop.
public struct HTTPAccessRecord: Sendable, Equatable {
    /// The listener's name (`HTTPListener.name`).
    public var listener: String
    /// The request method, or nil when the request was refused before its method was known.
    public var method: HTTPMethod?
    /// The request path without the query (still percent-encoded), or nil as for `method`.
    public var path: String?
    /// The status sent.
    public var status: Int
    /// Bytes written for the response: head, body and chunk framing.
    public var bytes: Int
    /// Nanoseconds from the end of the request to the last byte of the response.
    public var nanoseconds: UInt64
    /// The peer.
    public var client: ClientAddress
    /// Whether the whole response was written (false: the connection closed first).
    public var completed: Bool
}

/// The request being answered on a connection, until its access record is made.
struct PendingAccess {
    var method: HTTPMethod?
    var path: String?
    var status = 0
    var bytes = 0
    var started: UInt64
}
