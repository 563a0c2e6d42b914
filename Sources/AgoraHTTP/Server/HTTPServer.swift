import Foundation

/// An HTTP/1.1 server over TLS 1.3, plain TCP or a Unix-domain socket, on threads it owns.
///
/// ```swift
/// let server = try HTTPServer.start([
///     HTTPListener(address: .tcp(host: "127.0.0.1", port: 0),
///                  security: .tls(credentials, requireClientCertificate: false),
///                  handler: router.handler),
/// ])
/// let port = server.port(0)
/// ...
/// await server.shutdown()
/// ```
/// Behaviour, limits and timeouts: docs/HTTP.md. The server's threads keep it running until
/// `shutdown()` is called; dropping the last reference does not stop it.
public final class HTTPServer: Sendable {
    let core: ServerCore
    let loops: [EventLoop]

    private init(core: ServerCore, loops: [EventLoop]) {
        self.core = core
        self.loops = loops
    }

    /// Binds every listener and starts serving.
    /// - Throws: `HTTPServerError` (`.tls` for bad credentials, `.listen` when a socket cannot be bound);
    ///   nothing stays bound after a failure.
    public static func start(_ listeners: [HTTPListener], configuration: HTTPServerConfiguration = HTTPServerConfiguration()) throws -> HTTPServer {
        TerminationSignals.ignoreBrokenPipes()
        if configuration.raisesOpenFilesLimit { OpenFilesLimit.raiseToHardLimit() }
        var bound: [BoundListener] = []
        do {
            for listener in listeners { bound.append(try bind(listener, configuration: configuration)) }
            let core = ServerCore(configuration: configuration, listeners: bound, loopCount: configuration.eventLoopThreads)
            var loops: [EventLoop] = []
            for _ in 0..<configuration.eventLoopThreads { loops.append(try EventLoop(core: core)) }
            for (index, loop) in loops.enumerated() {
                let thread = Thread { loop.run() }
                thread.name = "agora-http-\(index)"
                thread.start()
            }
            return HTTPServer(core: core, loops: loops)
        } catch let error as HTTPServerError {
            bound.forEach { $0.close() }
            throw error
        } catch {
            bound.forEach { $0.close() }
            throw HTTPServerError(code: .listen, message: "cannot start the server", cause: error)
        }
    }

    private static func bind(_ listener: HTTPListener, configuration: HTTPServerConfiguration) throws -> BoundListener {
        var tls: TLSContext?
        if case .tls(let credentials, let requireClientCertificate) = listener.security {
            do {
                tls = try TLSContext.server(credentials, requireClientCertificate: requireClientCertificate)
            } catch {
                throw HTTPServerError(code: .tls, message: "cannot use the TLS certificate and key", cause: error)
            }
        }
        do {
            switch listener.address {
            case .tcp(let host, let port):
                let (fd, actual) = try Socket.listenTCP(host: host, port: port, backlog: configuration.listenBacklog)
                return BoundListener(fd: fd, port: actual, unixPath: nil, tls: tls, listener: listener, configuration: configuration)
            case .unix(let path):
                let fd = try Socket.listenUnix(path: path, backlog: configuration.listenBacklog)
                return BoundListener(fd: fd, port: nil, unixPath: path, tls: tls, listener: listener, configuration: configuration)
            }
        } catch {
            throw HTTPServerError(code: .listen, message: "cannot listen on \(listener.address)", cause: error)
        }
    }

    /// The TCP port listener `index` is bound to (the real one when 0 was asked), `nil` for a Unix socket.
    public func port(_ index: Int) -> UInt16? {
        core.listeners.indices.contains(index) ? core.listeners[index].port : nil
    }

    /// A snapshot of the counters.
    public var statistics: HTTPServerStatistics { core.statistics.withLock { $0 } }

    /// Graceful shutdown: stop accepting at once, close connections that are between requests, let
    /// requests in progress finish (their responses carry `Connection: close`), and close whatever
    /// is left when `gracePeriod` ends. Returns when every server thread has exited.
    public func shutdown(gracePeriod: Duration = .seconds(10)) async {
        let deadline = Monotonic.now() + Monotonic.nanoseconds(gracePeriod)
        for loop in loops { loop.post(.shutdown(deadline: deadline)) }
        for loop in loops { await loop.waitUntilFinished() }
    }
}

/// A server that could not start.
public struct HTTPServerError: Error, Sendable, CustomStringConvertible {
    /// What failed. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }
        public static let listen = Code(rawValue: "listen")
        public static let tls = Code(rawValue: "tls")
    }

    public let code: Code
    public let message: String
    public let cause: (any Error & Sendable)?

    public var description: String { "\(code): \(message)" + (cause.map { " (\($0))" } ?? "") }
}
