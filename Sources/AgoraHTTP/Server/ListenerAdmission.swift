/// Who may connect to one listener now: its connection cap, the 503 queue beside it, and the cap
/// per client address. Each listener counts on its own, so a flood on the public port never takes
/// a connection slot of the federation port (docs/HTTP.md, "Connections per client").
final class ListenerAdmission: Sendable {
    /// What to do with a newly accepted connection.
    enum Verdict: Equatable {
        /// Serve it.
        case admitted
        /// Over the listener's cap: answer its first request 503 with Retry-After, then close.
        case rejecting
        /// Over the listener's cap and the 503 queue's: close it at once.
        case dropped
        /// Its client already holds `maxConnectionsPerClient` here: close it at once.
        case overClientLimit
    }

    private struct Counts {
        var open = 0
        var rejecting = 0
        var perClient: [String: Int] = [:]
    }

    let maxConnections: Int
    let maxRejectedConnections: Int
    /// nil: no per-client cap (the Unix-domain admin socket, whose peers are all "unix").
    let maxConnectionsPerClient: Int?
    private let counts = Locked(Counts())

    init(maxConnections: Int, maxRejectedConnections: Int, maxConnectionsPerClient: Int?) {
        self.maxConnections = maxConnections
        self.maxRejectedConnections = maxRejectedConnections
        self.maxConnectionsPerClient = maxConnectionsPerClient
    }

    /// Counts a new connection from `client` (a `ClientAddress.limitKey`) in, or turns it away.
    func admit(client: String) -> Verdict {
        counts.withLock { counts in
            if let cap = maxConnectionsPerClient, counts.perClient[client, default: 0] >= cap { return .overClientLimit }
            let verdict: Verdict
            if counts.open < maxConnections {
                counts.open += 1
                verdict = .admitted
            } else if counts.rejecting < maxRejectedConnections {
                counts.rejecting += 1
                verdict = .rejecting
            } else {
                return .dropped
            }
            if maxConnectionsPerClient != nil { counts.perClient[client, default: 0] += 1 }
            return verdict
        }
    }

    /// Counts a connection admitted by `admit(client:)` out.
    func release(client: String, rejecting: Bool) {
        counts.withLock { counts in
            if rejecting { counts.rejecting -= 1 } else { counts.open -= 1 }
            guard maxConnectionsPerClient != nil, let held = counts.perClient[client] else { return }
            counts.perClient[client] = held > 1 ? held - 1 : nil
        }
    }
}
