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

    init(fd: Int32, port: UInt16?, unixPath: String?, tls: TLSContext?, listener: HTTPListener) {
        self.fd = fd
        self.port = port
        self.unixPath = unixPath
        self.tls = tls
        self.handler = listener.handler
        self.immediate = listener.immediate
    }

    func close() {
        Glibc.close(fd)
        if let unixPath { unlink(unixPath) }
    }
}

/// What every event loop of one server shares: configuration, listeners, counters and admission.
final class ServerCore: Sendable {
    enum Admission { case admitted, rejecting, dropped }

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

    /// Counts a new connection in, or says it must be turned away (503) or dropped.
    func admit() -> Admission {
        statistics.withLock { stats in
            if stats.openConnections < configuration.maxConnections {
                stats.openConnections += 1
                stats.acceptedConnections += 1
                return .admitted
            }
            if stats.rejectingConnections < configuration.maxRejectedConnections {
                stats.rejectingConnections += 1
                stats.rejectedConnections += 1
                return .rejecting
            }
            stats.droppedConnections += 1
            return .dropped
        }
    }

    func release(rejecting: Bool) {
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
