import Foundation

/// One accepted connection. Owned and touched only by the event loop that accepted it.
final class ServerConnection {
    enum State {
        /// TLS handshake in progress.
        case handshaking
        /// No byte of the next request yet (keep-alive idle, or a fresh connection).
        case waiting
        /// Part of a request has arrived.
        case reading
        /// A handler is running; the socket is not polled.
        case handling
        /// Writing a response.
        case writing
        /// Waiting for the next piece of a streamed body; the socket is not polled.
        case producing
        /// Response written and write side shut; discarding input until the peer closes.
        case lingering
    }

    let id: UInt64
    let fd: Int32
    /// TLS on a TLS listener; replaced by plain TCP when a client speaks plain HTTP there.
    var transport: any ByteTransport
    let listener: BoundListener
    let remoteAddress: String
    /// The peer's `ClientAddress.limitKey`, under which the listener counts it.
    let clientKey: String
    /// Over the connection cap: the first request gets 503 and the connection closes.
    let rejecting: Bool

    var parser: HTTPRequestParser
    var state: State
    /// Poll events wanted (POLLIN / POLLOUT), or 0 not to poll.
    var interest = Int16(POLLIN)
    /// Monotonic nanoseconds at which the current phase times out; 0 for none.
    var deadline: UInt64
    var lastPhase = HTTPRequestParser.Phase.idle
    var sentContinue = false
    var peerPin: String?
    /// Whether the first byte was checked to be TLS rather than a plain-HTTP request.
    var sniffed = false
    var servedRequests = 0

    var keepAlive = true
    var isHeadRequest = false
    var requestVersion = HTTPVersion.http1_1
    var output: [UInt8] = []
    var written = 0
    var closeAfterWrite = false
    /// The body stream still to be sent, and whether its pieces are chunk-framed.
    var stream: HTTPBodyStream?
    var streamChunked = false
    /// The response being written, for the access log.
    var access: PendingAccess?

    init(id: UInt64, fd: Int32, transport: any ByteTransport, listener: BoundListener, remoteAddress: String,
         clientKey: String, rejecting: Bool, limits: HTTPParserLimits, state: State, deadline: UInt64) {
        self.id = id
        self.fd = fd
        self.transport = transport
        self.listener = listener
        self.remoteAddress = remoteAddress
        self.clientKey = clientKey
        self.rejecting = rejecting
        self.parser = HTTPRequestParser(limits: limits)
        self.state = state
        self.deadline = deadline
    }
}
