import Foundation

/// One server thread: polls the listeners and its connections, does all their socket and TLS work
/// without blocking, and hands complete requests to handlers as Swift tasks.
///
/// A connection occupies no thread while it is idle, handshaking or trickling bytes; its deadline
/// alone bounds how long it may do so. docs/HTTP.md describes the phases and their timeouts.
// @unchecked Sendable: `connections` and every other `var` are touched only on the loop's own
// thread, inside `run()`. Other threads only call `post(_:)`, which goes through the locked
// mailbox and the wake pipe.
final class EventLoop: @unchecked Sendable {
    enum Message {
        case response(fd: Int32, id: UInt64, HTTPResponse)
        case piece(fd: Int32, id: UInt64, HTTPBodyStream.Piece)
        case shutdown(deadline: UInt64)
    }

    let core: ServerCore
    private let mailbox = Locked<[Message]>([])
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let finished = Locked<(done: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    var connections: [Int32: ServerConnection] = [:]
    var accepting = true
    var draining = false
    var drainDeadline: UInt64 = 0
    private var nextID: UInt64 = 0
    var scratch = [UInt8](repeating: 0, count: 16 * 1024)
    /// Access records made in this poll round.
    var accessRecords: [HTTPAccessRecord] = []

    init(core: ServerCore) throws(SystemError) {
        self.core = core
        var pipeFDs: [Int32] = [0, 0]
        try SystemError.check(pipe(&pipeFDs), "pipe")
        wakeRead = pipeFDs[0]
        wakeWrite = pipeFDs[1]
        for fd in pipeFDs {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            try Socket.setNonBlocking(fd)
        }
    }

    deinit {
        close(wakeRead)
        close(wakeWrite)
    }

    /// Hands a message to the loop from any thread.
    func post(_ message: Message) {
        mailbox.withLock { $0.append(message) }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
    }

    /// Suspends until the loop thread has exited.
    func waitUntilFinished() async {
        await withCheckedContinuation { continuation in
            let done = finished.withLock { state -> Bool in
                if !state.done { state.waiters.append(continuation) }
                return state.done
            }
            if done { continuation.resume() }
        }
    }

    /// The thread body.
    func run() {
        while !(draining && (connections.isEmpty || Monotonic.now() >= drainDeadline)) {
            pollOnce()
        }
        for connection in Array(connections.values) { closeConnection(connection) }
        flushAccessLog()
        if accepting { accepting = false; core.loopStoppedAccepting() }
        let waiters = finished.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.done = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    private func pollOnce() {
        var fds = [pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
        let listeners = accepting ? core.listeners : []
        fds += listeners.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        var polled: [ServerConnection] = []
        var earliest = draining ? drainDeadline : UInt64.max
        for connection in connections.values {
            if connection.deadline != 0 { earliest = min(earliest, connection.deadline) }
            guard connection.interest != 0 else { continue }
            fds.append(pollfd(fd: connection.fd, events: connection.interest, revents: 0))
            polled.append(connection)
        }
        let now = Monotonic.now()
        let timeout = earliest == .max ? 1000 : Int32(min(1000, (earliest > now ? earliest - now : 0) / 1_000_000 + 1))
        guard poll(&fds, nfds_t(fds.count), timeout) >= 0 else { return }
        if fds[0].revents != 0 { receiveMessages() }
        for (index, listener) in listeners.enumerated() where fds[1 + index].revents != 0 && accepting {
            acceptConnections(on: listener)
        }
        for (index, connection) in polled.enumerated() {
            let events = fds[1 + listeners.count + index].revents
            guard events != 0, connections[connection.fd] === connection else { continue }
            handle(connection, events: events)
        }
        if Monotonic.now() >= earliest { expireDeadlines(Monotonic.now()) }
        flushAccessLog()
    }

    /// Turns a connection's pending response into an access record.
    func logAccess(_ connection: ServerConnection, completed: Bool) {
        guard let access = connection.access else { return }
        connection.access = nil
        guard core.configuration.accessLog != nil else { return }
        accessRecords.append(HTTPAccessRecord(
            listener: connection.listener.name, method: access.method, path: access.path, status: access.status,
            bytes: access.bytes, nanoseconds: Monotonic.now() - access.started,
            client: ClientAddress(remoteAddress: connection.remoteAddress), completed: completed))
    }

    /// Hands the records of this poll round to the access log.
    private func flushAccessLog() {
        guard !accessRecords.isEmpty, let log = core.configuration.accessLog else { return }
        log(accessRecords)
        accessRecords.removeAll(keepingCapacity: true)
    }

    private func receiveMessages() {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wakeRead, &sink, sink.count) > 0 {}
        let messages = mailbox.withLock { queue -> [Message] in
            defer { queue = [] }
            return queue
        }
        for message in messages {
            switch message {
            case .response(let fd, let id, let response):
                guard let connection = connections[fd], connection.id == id, connection.state == .handling else {
                    response.stream?.finish(completed: false)  // its connection is gone: release what the stream holds
                    continue
                }
                respond(connection, with: response, close: false)
            case .piece(let fd, let id, let piece):
                guard let connection = connections[fd], connection.id == id, connection.state == .producing else { continue }
                send(piece, on: connection)
            case .shutdown(let deadline):
                beginDraining(deadline: deadline)
            }
        }
    }

    /// Stops accepting, closes connections that are between requests, and lets the rest finish.
    private func beginDraining(deadline: UInt64) {
        draining = true
        drainDeadline = deadline
        if accepting { accepting = false; core.loopStoppedAccepting() }
        for connection in Array(connections.values) {
            let idle = connection.state == .waiting && connection.parser.phase == .idle
            if idle || connection.state == .handshaking { closeConnection(connection) }
        }
    }

    private func acceptConnections(on listener: BoundListener) {
        let timeouts = core.configuration.timeouts
        for _ in 0..<64 {
            guard let (fd, peer) = Socket.accept(listener.fd) else { return }
            let client = ClientAddress(remoteAddress: peer).limitKey
            let admission = core.admit(listener, client: client)
            if admission == .dropped || admission == .overClientLimit { close(fd); continue }
            if listener.port != nil { Socket.setNoDelay(fd) }
            let transport: any ByteTransport
            if let tls = listener.tls {
                guard let tlsTransport = try? TLSTransport(context: tls, fd: fd, isServer: true) else {
                    close(fd)
                    core.release(listener, client: client, rejecting: admission == .rejecting)
                    continue
                }
                transport = tlsTransport
            } else {
                transport = PlainTransport(fd: fd)
            }
            nextID += 1
            let now = Monotonic.now()
            let connection = ServerConnection(
                id: nextID, fd: fd, transport: transport, listener: listener, remoteAddress: peer, clientKey: client,
                rejecting: admission == .rejecting, limits: core.configuration.limits,
                state: listener.tls == nil ? .waiting : .handshaking,
                deadline: now + Monotonic.nanoseconds(listener.tls == nil ? timeouts.header : timeouts.handshake))
            connections[fd] = connection
        }
    }

    func closeConnection(_ connection: ServerConnection) {
        guard connections[connection.fd] === connection else { return }
        connections[connection.fd] = nil
        close(connection.fd)
        core.release(connection.listener, client: connection.clientKey, rejecting: connection.rejecting)
        logAccess(connection, completed: false)
        if let stream = connection.stream {
            connection.stream = nil
            stream.finish(completed: false)
        }
    }
}
