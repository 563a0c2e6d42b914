public import AgoraHTTP
public import AgoraStore
import Foundation

/// A running node server: the public HTTPS listener (API, health) and the admin Unix socket.
///
/// ```swift
/// let server = try NodeServer.start(configuration, services: services, log: .standardError)
/// await server.runUntilTerminated()   // SIGTERM or SIGINT, then a graceful shutdown
/// ```
/// Shutdown stops accepting, lets requests in flight finish (within the grace period), then
/// closes the store, which checkpoints the WAL and releases the writer lock. See `docs/API.md`.
public final class NodeServer: Sendable {
    /// Where and how to listen.
    public struct Configuration: Sendable {
        /// The address of the public port (`127.0.0.1` on loopback, `0.0.0.0` for every interface).
        public var host: String
        /// The public port; 0 picks a free one.
        public var port: UInt16
        /// The node's TLS certificate and key (ECDSA P-256, PEM).
        public var credentials: TLSCredentials
        /// The admin Unix socket (mode 0600), normally `<node directory>/admin.sock`.
        public var adminSocketPath: String
        /// The bearer token for admin calls over loopback TCP.
        public var adminToken: String
        /// Limits, timeouts and threads of the HTTP server.
        public var http: HTTPServerConfiguration
        /// How long shutdown waits for requests in flight.
        public var shutdownGracePeriod: Duration
        /// The federation port (mutual TLS: every client must present a certificate); nil: not opened.
        public var federationPort: UInt16?
        /// The public API's limits on query time and concurrent exports.
        public var apiLimits: APILimits
        /// Connections the federation port serves at once, apart from the public port's, so that
        /// a flood on the public port cannot starve peers.
        public var federationMaxConnections: Int
        /// Connections one client address may hold on the federation port.
        public var federationMaxConnectionsPerClient: Int
        /// Whether every response is logged as one `request` line (docs/API.md, "Access log").
        public var logsRequests: Bool

        /// The default public port.
        public static let defaultPort: UInt16 = 8443
        /// The default grace period of a shutdown.
        public static let defaultShutdownGracePeriod = Duration.seconds(10)
        /// The federation port's connection cap unless configured.
        public static let defaultFederationMaxConnections = 512
        /// The federation port's cap per client address unless configured.
        public static let defaultFederationMaxConnectionsPerClient = 16
        /// Connections the admin Unix socket serves at once (its peers are the node's owner only).
        public static let adminMaxConnections = 64

        /// A configuration; the host defaults to loopback, the port to ``defaultPort``.
        public init(host: String = "127.0.0.1", port: UInt16 = defaultPort, credentials: TLSCredentials,
                    adminSocketPath: String, adminToken: String, http: HTTPServerConfiguration = HTTPServerConfiguration(),
                    shutdownGracePeriod: Duration = defaultShutdownGracePeriod, federationPort: UInt16? = nil,
                    apiLimits: APILimits = APILimits(), federationMaxConnections: Int = defaultFederationMaxConnections,
                    federationMaxConnectionsPerClient: Int = defaultFederationMaxConnectionsPerClient, logsRequests: Bool = true) {
            self.host = host
            self.port = port
            self.credentials = credentials
            self.adminSocketPath = adminSocketPath
            self.adminToken = adminToken
            self.http = http
            self.shutdownGracePeriod = shutdownGracePeriod
            self.federationPort = federationPort
            self.apiLimits = apiLimits
            self.federationMaxConnections = federationMaxConnections
            self.federationMaxConnectionsPerClient = federationMaxConnectionsPerClient
            self.logsRequests = logsRequests
        }
    }

    /// What the server serves: the store (read API) and, when the node can sign, its writer.
    public struct Services: Sendable {
        /// The node's database (reads, readiness; closed at shutdown).
        public var store: Store
        /// Who signs admin writes; nil answers them 503.
        public var writer: (any NodeWriting)?
        /// The export writers; nil answers exports 503.
        public var exporter: (any CatalogExporting)?
        /// The web catalog's staff pages (sign-in, publishing); nil leaves them out.
        public var staff: WebStaff?
        /// The coalition roster (federation authorisation, roster routes); nil admits no peer.
        public var roster: NodeRoster?
        /// Counts and logs the federation port's refusals.
        public var federationGuard: FederationGuard
        /// The sync routes of the federation port; nil leaves them out.
        public var sync: FederationSync?
        /// The sync engine (schedule and push), started with the server and stopped before the
        /// store closes; nil: this node syncs only by hand.
        public var engine: SyncEngine?

        /// The services of a server.
        public init(store: Store, writer: (any NodeWriting)?, exporter: (any CatalogExporting)?, staff: WebStaff? = nil,
                    roster: NodeRoster? = nil, federationGuard: FederationGuard = FederationGuard(log: .standardError),
                    sync: FederationSync? = nil, engine: SyncEngine? = nil) {
            self.store = store
            self.writer = writer
            self.exporter = exporter
            self.staff = staff
            self.roster = roster
            self.federationGuard = federationGuard
            self.sync = sync
            self.engine = engine
        }
    }

    let server: HTTPServer
    let services: Services
    let configuration: Configuration
    let log: NodeLog
    let state: ServerState

    /// The public port actually bound.
    public let port: UInt16
    /// The federation port actually bound, when one was asked for.
    public let federationPort: UInt16?
    /// The SPKI pin of the certificate, as `curl --pinnedpubkey sha256//<pin>` takes it.
    public let pin: String

    /// The public base URL, `https://host:port`.
    public var url: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "https://\(host):\(port)"
    }

    init(server: HTTPServer, services: Services, configuration: Configuration, log: NodeLog, pin: String, state: ServerState) {
        self.state = state
        self.server = server
        self.services = services
        self.configuration = configuration
        self.log = log
        self.pin = pin
        self.port = server.port(0) ?? configuration.port
        self.federationPort = configuration.federationPort.map { server.port(2) ?? $0 }
    }
}
