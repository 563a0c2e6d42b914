/// Where a client request goes.
public struct HTTPEndpoint: Sendable, Hashable, CustomStringConvertible {
    enum Kind: Sendable, Hashable {
        case tls(host: String, port: UInt16, pin: String)
        case plain(host: String, port: UInt16)
        case unix(path: String)
    }

    let kind: Kind

    /// HTTPS to `host:port`, accepted only if the server's SPKI pin is `pin` (base64 SHA-256).
    public static func tls(host: String, port: UInt16, pin: String) -> HTTPEndpoint { HTTPEndpoint(kind: .tls(host: host, port: port, pin: pin)) }
    /// Plain HTTP to `host:port` (tests, loopback admin).
    public static func plain(host: String, port: UInt16) -> HTTPEndpoint { HTTPEndpoint(kind: .plain(host: host, port: port)) }
    /// Plain HTTP over a Unix-domain socket (the admin socket).
    public static func unix(path: String) -> HTTPEndpoint { HTTPEndpoint(kind: .unix(path: path)) }

    /// `host:port`, or the socket path.
    public var description: String {
        switch kind {
        case .tls(let host, let port, _), .plain(let host, let port): return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        case .unix(let path): return path
        }
    }

    var hostHeader: String {
        if case .unix = kind { return "localhost" }
        return description
    }
}

/// A request the client sends.
public struct HTTPClientRequest: Sendable {
    public var method: HTTPMethod
    /// Origin-form target: `/path?query`.
    public var target: String
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Whether the client may resend it on a fresh connection when a reused one turns out closed
    /// before any response byte. Defaults to true for GET, HEAD, PUT, DELETE and OPTIONS.
    public var isIdempotent: Bool

    public init(method: HTTPMethod = .get, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        self.isIdempotent = [.get, .head, .put, .delete, .options].contains(method)
    }

    /// The request's bytes; `Host` and `Content-Length` are the client's, a caller's values are dropped.
    func serialized(host: String) -> [UInt8] {
        var out = Array("\(method.rawValue) \(target) HTTP/1.1\r\nHost: \(host)\r\n".utf8)
        for field in headers where HTTPResponseSerializer.isWritable(field.name) && !HTTPHeaders.sameName(field.name, "Host") {
            out += "\(field.name): \(HTTPResponseSerializer.clean(field.value))\r\n".utf8
        }
        if !body.isEmpty || [.post, .put, .patch].contains(method) { out += "Content-Length: \(body.count)\r\n".utf8 }
        out += "\r\n".utf8
        return out + body
    }
}

/// Time limits of the client.
public struct HTTPClientTimeouts: Sendable, Equatable {
    /// To establish the TCP connection.
    public var connect: Duration
    /// For the TLS handshake.
    public var handshake: Duration
    /// How long a write may make no progress.
    public var write: Duration
    /// How long the response may make no progress.
    public var read: Duration

    public static let defaultConnect = Duration.seconds(5)
    public static let defaultHandshake = Duration.seconds(10)
    public static let defaultWrite = Duration.seconds(30)
    public static let defaultRead = Duration.seconds(30)

    public init(connect: Duration = defaultConnect, handshake: Duration = defaultHandshake,
                write: Duration = defaultWrite, read: Duration = defaultRead) {
        self.connect = connect
        self.handshake = handshake
        self.write = write
        self.read = read
    }
}

/// How a client runs.
public struct HTTPClientConfiguration: Sendable {
    public var timeouts: HTTPClientTimeouts
    public var limits: HTTPResponseLimits
    /// The certificate and key presented to servers that ask (the federation port).
    public var credentials: TLSCredentials?
    /// Idle connections kept per endpoint for reuse.
    public var maxIdleConnectionsPerEndpoint: Int
    /// A pooled connection idle longer than this is closed rather than reused.
    public var maxIdleTime: Duration
    /// Threads doing the blocking socket and TLS work.
    public var threads: Int

    public static let defaultMaxIdleConnectionsPerEndpoint = 4
    public static let defaultMaxIdleTime = Duration.seconds(30)
    public static let defaultThreads = 4

    public init(timeouts: HTTPClientTimeouts = HTTPClientTimeouts(), limits: HTTPResponseLimits = HTTPResponseLimits(),
                credentials: TLSCredentials? = nil,
                maxIdleConnectionsPerEndpoint: Int = defaultMaxIdleConnectionsPerEndpoint,
                maxIdleTime: Duration = defaultMaxIdleTime, threads: Int = defaultThreads) {
        self.timeouts = timeouts
        self.limits = limits
        self.credentials = credentials
        self.maxIdleConnectionsPerEndpoint = maxIdleConnectionsPerEndpoint
        self.maxIdleTime = maxIdleTime
        self.threads = threads
    }
}
