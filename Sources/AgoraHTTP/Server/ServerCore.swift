import Foundation

/// A bound listening socket with what its connections need.
final class BoundListener: Sendable {
    let fd: Int32
    /// The TCP port actually bound, or `nil` for a Unix-domain socket.
    let port: UInt16?
    let unixPath: String?
    let tls: TLSContext?
    let handler: HTTPHandler
    let immediate: (@Sendable (HTTPRequest) -> HTTPResponse?)?
    /// The caps of this listener's connections.
    let admission: ListenerAdmission
    /// What the access log calls this listener.
    let name: String

    init(fd: Int32, port: UInt16?, unixPath: String?, tls: TLSContext?, listener: HTTPListener,
         configuration: HTTPServerConfiguration) {
        self.fd = fd
        self.port = port
        self.unixPath = unixPath
        self.tls = tls
        self.handler = listener.handler
        self.immediate = listener.immediate
        self.name = listener.name
        self.admission = ListenerAdmission(
            maxConnections: listener.maxConnections ?? configuration.maxConnections,
            maxRejectedConnections: configuration.maxRejectedConnections,
            maxConnectionsPerClient: port == nil ? nil : listener.maxConnectionsPerClient ?? configuration.maxConnectionsPerClient)
    }

    func close() {
        Glibc.close(fd)
        if let unixPath { unlink(unixPath) }
    }
}

/// What every event loop of one server shares: configuration, listeners, counters and admission.
final class ServerCore: Sendable {
    let configuration: HTTPServerConfiguration
    let listeners: [BoundListener]
    let statistics = Locked(HTTPServerStatistics())
    private let loopsStopped = Locked(0)
    private let loopCount: Int

    init(configuration: HTTPServerConfiguration, listeners: [BoundListener], loopCount: Int) {
        self.configuration = configuration
        self.listeners = listeners
        self.loopCount = loopCount
    }

    /// Counts a new connection from `client` (its `ClientAddress.limitKey`) on `listener` in, or
    /// says it must be turned away (503) or dropped.
    func admit(_ listener: BoundListener, client: String) -> ListenerAdmission.Verdict {
        let verdict = listener.admission.admit(client: client)
        statistics.withLock { stats in
            switch verdict {
            case .admitted:
                stats.openConnections += 1
                stats.acceptedConnections += 1
            case .rejecting:
                stats.rejectingConnections += 1
                stats.rejectedConnections += 1
            case .dropped:
                stats.droppedConnections += 1
            case .overClientLimit:
                stats.droppedConnections += 1
                stats.clientLimitDrops += 1
            }
        }
        return verdict
    }

    func release(_ listener: BoundListener, client: String, rejecting: Bool) {
        listener.admission.release(client: client, rejecting: rejecting)
        statistics.withLock { stats in
            if rejecting { stats.rejectingConnections -= 1 } else { stats.openConnections -= 1 }
        }
    }

    func count(_ update: (inout HTTPServerStatistics) -> Void) {
        statistics.withLock { update(&$0) }
    }

    /// Each loop calls this once when it stops polling the listeners; the last one closes them,
    /// so that no loop ever polls a closed (and possibly reused) descriptor.
    func loopStoppedAccepting() {
        let all = loopsStopped.withLock { count -> Bool in
            count += 1
            return count == loopCount
        }
        if all { listeners.forEach { $0.close() } }
    }
}
