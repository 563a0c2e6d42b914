import Foundation

/// One client connection, used with blocking semantics (poll with deadlines) on an executor thread.
// @unchecked Sendable: a connection is used by one thread at a time; it moves between threads only
// through the client's locked pool.
final class ClientConnection: @unchecked Sendable {
    let endpoint: HTTPEndpoint
    let fd: Int32
    let transport: any ByteTransport
    var lastUsed = Monotonic.now()
    /// Whether any byte of the current response has arrived (decides whether a retry is safe).
    private(set) var receivedResponseBytes = false

    private init(endpoint: HTTPEndpoint, fd: Int32, transport: any ByteTransport) {
        self.endpoint = endpoint
        self.fd = fd
        self.transport = transport
    }

    deinit { close(fd) }

    /// Connects, runs the TLS handshake and checks the pin before returning.
    static func open(_ endpoint: HTTPEndpoint, tls: TLSContext, timeouts: HTTPClientTimeouts) throws(HTTPClientError) -> ClientConnection {
        let peer = endpoint.description
        let fd = try connectSocket(endpoint, timeout: timeouts.connect)
        guard case .tls(let host, _, let pin) = endpoint.kind else {
            return ClientConnection(endpoint: endpoint, fd: fd, transport: PlainTransport(fd: fd))
        }
        let transport: TLSTransport
        do {
            transport = try TLSTransport(context: tls, fd: fd, isServer: false, serverName: isIPAddress(host) ? nil : host)
        } catch {
            close(fd)
            throw HTTPClientError(.handshake, step: .handshake, peer: peer, "cannot create the TLS session", cause: error)
        }
        let connection = ClientConnection(endpoint: endpoint, fd: fd, transport: transport)
        try connection.handshake(transport, expectedPin: pin, timeout: timeouts.handshake)
        return connection
    }

    /// Runs the TLS handshake, then compares the server's pin before anything is written.
    private func handshake(_ transport: TLSTransport, expectedPin pin: String, timeout: Duration) throws(HTTPClientError) {
        let peer = endpoint.description
        let deadline = Monotonic.now() + Monotonic.nanoseconds(timeout)
        while true {
            switch transport.handshake() {
            case .done(_):
                let actual = transport.peerCertificatePin()
                guard actual == pin else {
                    throw HTTPClientError(.pinMismatch, step: .handshake, peer: peer,
                        "the server's public key pin is \(actual ?? "absent"), expected \(pin)", expectedPin: pin, actualPin: actual)
                }
                return
            case .wantRead: try wait(Int16(POLLIN), until: deadline, step: .handshake)
            case .wantWrite: try wait(Int16(POLLOUT), until: deadline, step: .handshake)
            case .closed: throw HTTPClientError(.handshake, step: .handshake, peer: peer, "the server closed the connection during the handshake")
            case .failed(let reason): throw HTTPClientError(.handshake, step: .handshake, peer: peer, reason)
            }
        }
    }

    /// Sends `request` and reads one response.
    func exchange(_ request: HTTPClientRequest, limits: HTTPResponseLimits, timeouts: HTTPClientTimeouts) throws(HTTPClientError) -> (HTTPClientResponse, reusable: Bool) {
        receivedResponseBytes = false
        try writeAll(request.serialized(host: endpoint.hostHeader), timeout: timeouts.write)
        var parser = HTTPResponseParser(limits: limits, isHeadRequest: request.method == .head)
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        var deadline = Monotonic.now() + Monotonic.nanoseconds(timeouts.read)
        while true {
            let result = buffer.withUnsafeMutableBytes { transport.read(into: $0) }
            switch result {
            case .done(let count):
                receivedResponseBytes = true
                deadline = Monotonic.now() + Monotonic.nanoseconds(timeouts.read)
                buffer.withUnsafeBytes { parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
                if let response = try parsing({ () throws(HTTPParseError) in try parser.nextResponse() }) {
                    lastUsed = Monotonic.now()
                    return (response, response.keepAlive && !parser.hasExtraBytes)
                }
            case .wantRead: try wait(Int16(POLLIN), until: deadline, step: .read)
            case .wantWrite: try wait(Int16(POLLOUT), until: deadline, step: .read)
            case .closed:
                guard receivedResponseBytes else {
                    throw HTTPClientError(.read, step: .read, peer: endpoint.description, "the server closed the connection before responding")
                }
                return (try parsing({ () throws(HTTPParseError) in try parser.finishAtEndOfStream() }), false)
            case .failed(let reason):
                throw HTTPClientError(.read, step: .read, peer: endpoint.description, reason)
            }
        }
    }

    private func parsing<T>(_ body: () throws(HTTPParseError) -> T) throws(HTTPClientError) -> T {
        do { return try body() } catch {
            throw HTTPClientError(.malformedResponse, step: .read, peer: endpoint.description, error.message, cause: error)
        }
    }

    /// Whether a pooled connection still looks open: nothing to read (no EOF, no stray bytes).
    func looksReusable() -> Bool {
        var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&descriptor, 1, 0) == 0
    }

    private func writeAll(_ bytes: [UInt8], timeout: Duration) throws(HTTPClientError) {
        var written = 0
        var deadline = Monotonic.now() + Monotonic.nanoseconds(timeout)
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { transport.write(UnsafeRawBufferPointer(rebasing: $0[written...])) }
            switch result {
            case .done(let count):
                written += count
                deadline = Monotonic.now() + Monotonic.nanoseconds(timeout)
            case .wantWrite: try wait(Int16(POLLOUT), until: deadline, step: .write)
            case .wantRead: try wait(Int16(POLLIN), until: deadline, step: .write)
            case .closed: throw HTTPClientError(.write, step: .write, peer: endpoint.description, "the server closed the connection")
            case .failed(let reason): throw HTTPClientError(.write, step: .write, peer: endpoint.description, reason)
            }
        }
    }

    private func wait(_ events: Int16, until deadline: UInt64, step: HTTPClientError.Step) throws(HTTPClientError) {
        try Self.wait(fd: fd, events, until: deadline, step: step, peer: endpoint.description)
    }

    static func wait(fd: Int32, _ events: Int16, until deadline: UInt64, step: HTTPClientError.Step, peer: String) throws(HTTPClientError) {
        while true {
            let now = Monotonic.now()
            guard now < deadline else { throw HTTPClientError(.timeout, step: step, peer: peer, "timed out during \(step.rawValue)") }
            var descriptor = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&descriptor, 1, Int32(min(60_000, (deadline - now) / 1_000_000 + 1)))
            if ready > 0 { return }
            if ready < 0 && errno != EINTR {
                throw HTTPClientError(step == .connect ? .connect : .read, step: step, peer: peer, "poll failed", cause: SystemError(operation: "poll", errno: errno))
            }
        }
    }

    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }
}
