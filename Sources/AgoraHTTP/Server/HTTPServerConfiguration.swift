/// Time limits of the server. Each one is documented, with what happens when it fires, in docs/HTTP.md.
public struct HTTPTimeouts: Sendable, Equatable {
    /// From accept to the end of the TLS handshake. Then: the connection is closed.
    public var handshake: Duration
    /// From the first byte of a request (or from connecting, for the first request) to the end of its
    /// header block. Then: 408 and close. This is what defeats slowloris.
    public var header: Duration
    /// From the end of the head to the end of the body. Then: 408 and close.
    public var body: Duration
    /// How long a keep-alive connection may sit between requests. Then: closed silently.
    public var idle: Duration
    /// How long a response write may make no progress. Then: the connection is closed.
    public var write: Duration
    /// After an error response (or 503), how long the server keeps reading and discarding what the
    /// client still sends, so that the client sees the response rather than a reset.
    public var linger: Duration

    public static let defaultHandshake = Duration.seconds(10)
    public static let defaultHeader = Duration.seconds(10)
    public static let defaultBody = Duration.seconds(30)
    public static let defaultIdle = Duration.seconds(60)
    public static let defaultWrite = Duration.seconds(30)
    public static let defaultLinger = Duration.seconds(2)

    /// The timeouts, each defaulting to its named default.
    public init(handshake: Duration = defaultHandshake, header: Duration = defaultHeader, body: Duration = defaultBody,
                idle: Duration = defaultIdle, write: Duration = defaultWrite, linger: Duration = defaultLinger) {
        self.handshake = handshake
        self.header = header
        self.body = body
        self.idle = idle
        self.write = write
        self.linger = linger
    }
}

/// How a server runs: parser limits, timeouts, connection caps and threads.
public struct HTTPServerConfiguration: Sendable {
    /// Request size limits.
    public var limits: HTTPParserLimits
    /// Time limits.
    public var timeouts: HTTPTimeouts
    /// Most connections served at once on each listener that does not set its own
    /// (`HTTPListener.maxConnections`). Beyond it a connection gets a fast 503.
    public var maxConnections: Int
    /// Most connections being turned away with 503 at once, per listener; beyond it they are
    /// closed at accept.
    public var maxRejectedConnections: Int
    /// Most connections one client address (an IPv4 address, an IPv6 /64) may hold on each TCP
    /// listener that does not set its own; a connection beyond it is closed at accept, so idle
    /// connections from one client cannot crowd out the others.
    public var maxConnectionsPerClient: Int
    /// The `Retry-After` seconds of a 503.
    public var retryAfterSeconds: Int
    /// Event-loop threads the server owns; all socket and TLS work runs on them.
    public var eventLoopThreads: Int
    /// The listen(2) backlog.
    public var listenBacklog: Int32
    /// Whether `start` raises the open-files soft limit to the hard limit.
    public var raisesOpenFilesLimit: Bool
    /// Receives a record of every response, in batches from the event-loop thread (nil: none).
    /// It must return at once: hand the lines to a thread of your own if writing can block.
    public var accessLog: (@Sendable ([HTTPAccessRecord]) -> Void)?

    public static let defaultMaxConnections = 4096
    public static let defaultMaxRejectedConnections = 64
    public static let defaultMaxConnectionsPerClient = 256
    public static let defaultRetryAfterSeconds = 1
    public static let defaultEventLoopThreads = 1
    public static let defaultListenBacklog: Int32 = 1024

    /// A configuration, each field defaulting to its named default.
    public init(limits: HTTPParserLimits = HTTPParserLimits(), timeouts: HTTPTimeouts = HTTPTimeouts(),
                maxConnections: Int = defaultMaxConnections, maxRejectedConnections: Int = defaultMaxRejectedConnections,
                maxConnectionsPerClient: Int = defaultMaxConnectionsPerClient,
                retryAfterSeconds: Int = defaultRetryAfterSeconds, eventLoopThreads: Int = defaultEventLoopThreads,
                listenBacklog: Int32 = defaultListenBacklog, raisesOpenFilesLimit: Bool = true) {
        self.limits = limits
        self.timeouts = timeouts
        self.maxConnections = maxConnections
        self.maxRejectedConnections = maxRejectedConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
        self.retryAfterSeconds = retryAfterSeconds
        self.eventLoopThreads = max(1, eventLoopThreads)
        self.listenBacklog = listenBacklog
        self.raisesOpenFilesLimit = raisesOpenFilesLimit
    }
}

/// One socket a server listens on, and the handler for its requests.
public struct HTTPListener: Sendable {
    /// Where to listen.
    public enum Address: Sendable, Equatable {
        /// TCP on `host` (`"127.0.0.1"`, `"0.0.0.0"`, `"::"`); port 0 picks a free port.
        case tcp(host: String, port: UInt16)
        /// A Unix-domain socket file, created with mode 0600 (owner only).
        case unix(path: String)
    }

    /// Whether and how TLS runs on the socket.
    public enum Security: Sendable {
        /// No TLS (the admin Unix socket, tests).
        case plain
        /// TLS 1.3 with these credentials. `requireClientCertificate`: the federation port asks every
        /// client for a certificate and hands its pin to the handler; the public port never asks.
        case tls(TLSCredentials, requireClientCertificate: Bool)
    }

    public var address: Address
    public var security: Security
    public var handler: HTTPHandler
    /// Answers the requests it can without an await, on the event-loop thread (nil: not this
    /// one, run `handler`). Usually a router's `immediateHandler`. It must not block.
    public var immediate: (@Sendable (HTTPRequest) -> HTTPResponse?)?
    /// This listener's own connection cap (nil: the configuration's `maxConnections`).
    public var maxConnections: Int?
    /// This listener's own cap per client address (nil: the configuration's `maxConnectionsPerClient`).
    public var maxConnectionsPerClient: Int?
    /// What the access log calls it (`public`, `federation`, `admin`).
    public var name: String

    public init(address: Address, security: Security, handler: @escaping HTTPHandler,
                immediate: (@Sendable (HTTPRequest) -> HTTPResponse?)? = nil, name: String = "http",
                maxConnections: Int? = nil, maxConnectionsPerClient: Int? = nil) {
        self.address = address
        self.security = security
        self.handler = handler
        self.immediate = immediate
        self.name = name
        self.maxConnections = maxConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
    }
}

/// Counters of a running server, for tests, logs and `/metrics`.
public struct HTTPServerStatistics: Sendable, Equatable {
    /// Connections accepted and admitted (under `maxConnections`).
    public var acceptedConnections = 0
    /// Connections open now, admitted ones only.
    public var openConnections = 0
    /// Connections answered 503 because the server was full.
    public var rejectedConnections = 0
    /// Connections closed at accept because even the 503 queue was full, or their client held its share.
    public var droppedConnections = 0
    /// Of `droppedConnections`, those whose client address already held `maxConnectionsPerClient`.
    public var clientLimitDrops = 0
    /// Plain-HTTP requests that reached a TLS listener and were answered 400 in plain text.
    public var plainHTTPOnTLS = 0
    /// Connections being answered 503 now.
    public var rejectingConnections = 0
    /// Requests handed to a handler.
    public var requests = 0
    /// Requests refused by the parser (400, 411, 413, 414, 431, 501, 505).
    public var parseErrors = 0
    /// TLS handshakes that failed (wrong version, no client certificate, garbage).
    public var handshakeFailures = 0
    /// Connections timed out, by phase.
    public var handshakeTimeouts = 0, headerTimeouts = 0, bodyTimeouts = 0, idleTimeouts = 0, writeTimeouts = 0
}
