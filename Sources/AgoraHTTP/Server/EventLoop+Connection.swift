import Foundation

/// The per-connection state machine of `EventLoop`: handshake, read, dispatch, write, linger.
extension EventLoop {
    func handle(_ connection: ServerConnection, events: Int16) {
        if events & Int16(POLLNVAL) != 0 { closeConnection(connection); return }
        switch connection.state {
        case .handshaking: advanceHandshake(connection)
        case .waiting, .reading: readRequests(connection)
        case .writing: flush(connection)
        case .lingering: discardInput(connection)
        case .handling, .producing: break
        }
    }

    private func after(_ duration: Duration) -> UInt64 { Monotonic.now() + Monotonic.nanoseconds(duration) }

    func advanceHandshake(_ connection: ServerConnection) {
        guard sniffForPlainHTTP(connection) else { return }
        switch connection.transport.handshake() {
        case .done:
            if connection.listener.tls?.requiresPeerCertificate == true {
                guard let pin = connection.transport.peerCertificatePin() else {
                    core.count { $0.handshakeFailures += 1 }
                    closeConnection(connection)
                    return
                }
                connection.peerPin = pin
            }
            connection.state = .waiting
            connection.deadline = after(core.configuration.timeouts.header)
            connection.interest = Int16(POLLIN)
            readRequests(connection)
        case .wantRead: connection.interest = Int16(POLLIN)
        case .wantWrite: connection.interest = Int16(POLLOUT)
        case .closed, .failed:
            core.count { $0.handshakeFailures += 1 }
            closeConnection(connection)
        }
    }

    /// Reads until the transport has nothing more or a request is complete.
    func readRequests(_ connection: ServerConnection) {
        while true {
            if processBuffered(connection) { return }
            let result = scratch.withUnsafeMutableBytes { connection.transport.read(into: $0) }
            switch result {
            case .done(let count):
                scratch.withUnsafeBytes { connection.parser.append(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
            case .wantRead: connection.interest = Int16(POLLIN); return
            case .wantWrite: connection.interest = Int16(POLLOUT); return
            case .closed, .failed: closeConnection(connection); return
            }
        }
    }

    /// Runs the parser over buffered bytes. Returns `true` once the connection left the reading states.
    private func processBuffered(_ connection: ServerConnection) -> Bool {
        do {
            if let request = try connection.parser.nextRequest() {
                dispatch(request, on: connection)
                return true
            }
        } catch {
            core.count { $0.parseErrors += 1 }
            connection.isHeadRequest = false
            respond(connection, with: .error(error.status, error.message), close: true)
            return true
        }
        let phase = connection.parser.phase
        guard phase != connection.lastPhase else { return false }
        connection.lastPhase = phase
        connection.state = .reading
        if phase == .head {
            connection.deadline = after(core.configuration.timeouts.header)
        } else if phase == .body {
            connection.deadline = after(core.configuration.timeouts.body)
            if connection.rejecting { respondUnavailable(connection); return true }
            if connection.parser.currentHead?.expectsContinue == true {
                HTTPResponseSerializer.continueBytes.withUnsafeBytes { _ = connection.transport.write($0) }
            }
        }
        return false
    }

    private func dispatch(_ parsed: HTTPParsedRequest, on connection: ServerConnection) {
        connection.lastPhase = .idle
        connection.isHeadRequest = parsed.head.method == .head
        connection.requestVersion = parsed.head.version
        connection.keepAlive = parsed.head.keepAlive
        if connection.rejecting { respondUnavailable(connection); return }
        connection.state = .handling
        connection.interest = 0
        connection.deadline = 0
        connection.access = PendingAccess(method: parsed.head.method, path: HTTPRequest.split(target: parsed.head.target).path,
                                          started: Monotonic.now())
        core.count { $0.requests += 1 }
        let request = HTTPRequest(method: parsed.head.method, target: parsed.head.target, headers: parsed.head.headers,
                                  body: parsed.body, remoteAddress: connection.remoteAddress,
                                  clientCertificatePin: connection.peerPin, version: parsed.head.version)
        if let response = connection.listener.immediate?(request) {
            respond(connection, with: response, close: false)
            return
        }
        let handler = connection.listener.handler, fd = connection.fd, id = connection.id
        Task { [self] in
            let response = await handler(request)
            post(.response(fd: fd, id: id, response))
        }
    }

    private func respondUnavailable(_ connection: ServerConnection) {
        var response = HTTPResponse.error(.serviceUnavailable, "the server is at its connection limit; retry shortly")
        response.headers.set("Retry-After", String(core.configuration.retryAfterSeconds))
        respond(connection, with: response, close: true)
    }

    /// Serializes `response` and starts writing it.
    func respond(_ connection: ServerConnection, with response: HTTPResponse, close: Bool) {
        let keepAlive = !close && connection.keepAlive && !draining && !response.headers.tokens("Connection").contains("close")
        connection.output = HTTPResponseSerializer.serialize(response, isHeadRequest: connection.isHeadRequest,
                                                             keepAlive: keepAlive, requestVersion: connection.requestVersion)
        connection.written = 0
        if connection.access == nil { connection.access = PendingAccess(started: Monotonic.now()) }
        connection.access?.status = Int(response.status.code)
        connection.closeAfterWrite = !keepAlive || (response.stream != nil && connection.requestVersion == .http1_0)
        let bodyAllowed = !connection.isHeadRequest && !response.status.forbidsBody
        connection.stream = bodyAllowed ? response.stream : nil
        if !bodyAllowed { response.stream?.finish(completed: false) }
        connection.streamChunked = connection.requestVersion == .http1_1
        connection.state = .writing
        connection.deadline = after(core.configuration.timeouts.write)
        flush(connection)
    }

    func flush(_ connection: ServerConnection) {
        while connection.written < connection.output.count {
            let result = connection.output.withUnsafeBytes {
                connection.transport.write(UnsafeRawBufferPointer(rebasing: $0[connection.written...]))
            }
            switch result {
            case .done(let count):
                connection.written += count
                connection.access?.bytes += count
                connection.deadline = after(core.configuration.timeouts.write)
            case .wantWrite: connection.interest = Int16(POLLOUT); return
            case .wantRead: connection.interest = Int16(POLLIN); return
            case .closed, .failed: closeConnection(connection); return
            }
        }
        connection.output = []
        if let stream = connection.stream { produce(stream, on: connection); return }
        logAccess(connection, completed: true)
        connection.servedRequests += 1
        if connection.closeAfterWrite { beginLinger(connection); return }
        connection.state = .waiting
        connection.deadline = after(core.configuration.timeouts.idle)
        connection.interest = Int16(POLLIN)
        readRequests(connection)
    }

    /// Asks the stream for its next piece, as a task; the piece comes back through the mailbox.
    private func produce(_ stream: HTTPBodyStream, on connection: ServerConnection) {
        connection.state = .producing
        connection.interest = 0
        connection.deadline = 0
        let fd = connection.fd, id = connection.id
        Task { [self] in
            let piece: HTTPBodyStream.Piece
            do { piece = try await stream.next().map { .bytes($0) } ?? .end } catch { piece = .failed }
            post(.piece(fd: fd, id: id, piece))
        }
    }

    /// Writes one piece of a streamed body; `.end` ends the stream, `.failed` cuts the connection
    /// without the last chunk, so the client sees an incomplete body rather than a short one.
    func send(_ piece: HTTPBodyStream.Piece, on connection: ServerConnection) {
        guard let stream = connection.stream else { closeConnection(connection); return }
        let bytes: [UInt8]?
        switch piece {
        case .bytes(let data) where data.isEmpty: produce(stream, on: connection); return
        case .bytes(let data): bytes = data
        case .end:
            bytes = nil
            connection.stream = nil
            stream.finish(completed: true)
        case .failed:
            closeConnection(connection)
            return
        }
        connection.output = HTTPResponseSerializer.frame(bytes, chunked: connection.streamChunked)
        connection.written = 0
        connection.state = .writing
        connection.deadline = after(core.configuration.timeouts.write)
        flush(connection)
    }

    /// Half-closes and reads what the client still sends, so it sees the response rather than a reset.
    private func beginLinger(_ connection: ServerConnection) {
        connection.transport.closeNotify()
        shutdown(connection.fd, Int32(SHUT_WR))
        connection.state = .lingering
        connection.deadline = after(core.configuration.timeouts.linger)
        connection.interest = Int16(POLLIN)
        discardInput(connection)
    }

    func discardInput(_ connection: ServerConnection) {
        for _ in 0..<64 {
            let count = scratch.withUnsafeMutableBytes { recv(connection.fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 { continue }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { return }
            break
        }
        closeConnection(connection)
    }

    /// Acts on every connection whose phase deadline has passed.
    func expireDeadlines(_ now: UInt64) {
        for connection in Array(connections.values) where connection.deadline != 0 && connection.deadline <= now {
            switch connection.state {
            case .handshaking:
                core.count { $0.handshakeTimeouts += 1 }
                closeConnection(connection)
            case .waiting:
                core.count { if connection.servedRequests == 0 { $0.headerTimeouts += 1 } else { $0.idleTimeouts += 1 } }
                closeConnection(connection)
            case .reading:
                let inBody = connection.parser.phase == .body
                core.count { if inBody { $0.bodyTimeouts += 1 } else { $0.headerTimeouts += 1 } }
                connection.isHeadRequest = false
                respond(connection, with: .error(.requestTimeout, inBody ? "the body took too long" : "the request head took too long"), close: true)
            case .writing:
                core.count { $0.writeTimeouts += 1 }
                closeConnection(connection)
            case .lingering:
                closeConnection(connection)
            case .handling, .producing:
                break
            }
        }
    }
}
