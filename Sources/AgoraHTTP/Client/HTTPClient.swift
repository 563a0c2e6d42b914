import Foundation

/// An HTTP/1.1 client over TLS 1.3 (pinned), plain TCP or a Unix-domain socket, with keep-alive reuse.
///
/// ```swift
/// let client = try HTTPClient(configuration: HTTPClientConfiguration(credentials: nodeTLS))
/// let response = try await client.send(HTTPClientRequest(target: "/healthz"),
///                                      to: .tls(host: "peer.example", port: 7443, pin: rosterPin))
/// ```
/// The server's pin is checked right after the handshake, before any request byte is written.
/// Blocking socket work runs on the client's own threads, never on the cooperative pool.
public final class HTTPClient: Sendable {
    public let configuration: HTTPClientConfiguration
    private let tls: TLSContext
    private let executor: BlockingExecutor
    private let pool = Locked<[HTTPEndpoint: [ClientConnection]]>([:])
    private let counters = Locked(HTTPClientStatistics())

    /// A client. - Throws: `HTTPClientError(.configuration)` when the client certificate or key is unusable.
    public init(configuration: HTTPClientConfiguration = HTTPClientConfiguration()) throws(HTTPClientError) {
        self.configuration = configuration
        do { tls = try TLSContext.client(configuration.credentials) } catch {
            throw HTTPClientError(.configuration, step: .setup, peer: "-", "cannot use the client certificate and key", cause: error)
        }
        TerminationSignals.ignoreBrokenPipes()
        executor = BlockingExecutor(threads: configuration.threads, name: "agora-http-client")
    }

    deinit { executor.stop() }

    /// Sends `request` to `endpoint` and returns the response, whatever its status.
    /// - Throws: `HTTPClientError` naming the peer and the step that failed.
    public func send(_ request: HTTPClientRequest, to endpoint: HTTPEndpoint) async throws(HTTPClientError) -> HTTPClientResponse {
        try await executor.run { [self] in perform(request, to: endpoint) }.get()
    }

    /// Counters, for tests and metrics.
    public var statistics: HTTPClientStatistics { counters.withLock { $0 } }

    /// Closes every pooled connection.
    public func closeIdleConnections() { pool.withLock { $0 = [:] } }

    private func perform(_ request: HTTPClientRequest, to endpoint: HTTPEndpoint) -> Result<HTTPClientResponse, HTTPClientError> {
        counters.withLock { $0.requests += 1 }
        if let pooled = takePooled(endpoint) {
            counters.withLock { $0.reusedConnections += 1 }
            do {
                return .success(try exchange(request, on: pooled))
            } catch {
                let retryable = request.isIdempotent && !pooled.receivedResponseBytes && (error.code == .write || error.code == .read)
                if !retryable { return .failure(error) }
            }
        }
        do {
            let connection = try ClientConnection.open(endpoint, tls: tls, timeouts: configuration.timeouts)
            counters.withLock { $0.connectionsOpened += 1 }
            return .success(try exchange(request, on: connection))
        } catch {
            return .failure(error)
        }
    }

    private func exchange(_ request: HTTPClientRequest, on connection: ClientConnection) throws(HTTPClientError) -> HTTPClientResponse {
        let (response, reusable) = try connection.exchange(request, limits: configuration.limits, timeouts: configuration.timeouts)
        if reusable { recycle(connection) }
        return response
    }

    private func takePooled(_ endpoint: HTTPEndpoint) -> ClientConnection? {
        let oldest = Monotonic.now() - min(Monotonic.now(), Monotonic.nanoseconds(configuration.maxIdleTime))
        while let connection = pool.withLock({ $0[endpoint]?.popLast() }) {
            if connection.lastUsed >= oldest && connection.looksReusable() { return connection }
        }
        return nil
    }

    private func recycle(_ connection: ClientConnection) {
        let limit = configuration.maxIdleConnectionsPerEndpoint
        pool.withLock { pool in
            var list = pool[connection.endpoint] ?? []
            if list.count < limit { list.append(connection) }
            pool[connection.endpoint] = list
        }
    }
}

/// Client counters.
public struct HTTPClientStatistics: Sendable, Equatable {
    /// Requests sent.
    public var requests = 0
    /// New connections made (each with its own handshake).
    public var connectionsOpened = 0
    /// Requests that went out on a pooled keep-alive connection.
    public var reusedConnections = 0
}
