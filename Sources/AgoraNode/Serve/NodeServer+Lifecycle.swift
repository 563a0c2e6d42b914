import AgoraHTTP
import AgoraStore
import Foundation

/// Starting, running and stopping a node server.
extension NodeServer {
    /// Binds the public port and the admin socket and starts serving.
    /// - Throws: ``ServeError`` (`tls`, `listen`); nothing stays bound after a failure.
    public static func start(_ configuration: Configuration, services: Services, log: NodeLog) throws(ServeError) -> NodeServer {
        let pin: String
        do {
            pin = try SPKIPin.ofCertificate(pem: configuration.credentials.certificatePEM)
        } catch {
            throw ServeError(.tls, "the TLS certificate is unusable: \(error)", cause: error)
        }
        let state = ServerState()
        // A node directory too deep for a socket address binds through a short alias (kept open while binding).
        let socket = SocketPathAlias(configuration.adminSocketPath)
        let listeners = makeListeners(configuration, adminSocket: socket.path, services: services, state: state)
        removeStaleSocket(configuration.adminSocketPath)
        var http = configuration.http
        let accessLog = configuration.logsRequests ? AccessLog(log: log) : nil
        http.accessLog = { [requests = state.requests] records in
            requests.record(records)
            accessLog?.record(records)
        }
        let server: HTTPServer
        do {
            server = try withExtendedLifetime(socket) { try HTTPServer.start(listeners, configuration: http) }
        } catch {
            let code: ServeError.Code = (error as? HTTPServerError)?.code == .tls ? .tls : .listen
            throw ServeError(code, "cannot start the server: \(error)", cause: error)
        }
        let node = NodeServer(server: server, services: services, configuration: configuration, log: log, pin: pin, state: state)
        state.statistics = { [weak server] in server?.statistics }
        var fields = ["url": node.url, "pin": "sha256//" + pin, "adminSocket": configuration.adminSocketPath,
                      "admin": services.writer == nil ? "read-only" : "enabled"]
        if let federationPort = node.federationPort { fields["federationPort"] = String(federationPort) }
        log.info("listening", fields)
        services.engine?.start()
        return node
    }

    /// Waits for SIGTERM or SIGINT, then shuts down gracefully.
    public func runUntilTerminated() async {
        let signal = await TerminationSignals.wait()
        log.info("signal", ["signal": signal == SIGTERM ? "SIGTERM" : "SIGINT"])
        await shutdown()
    }

    /// Stops accepting, lets requests in flight finish within the grace period, closes the store
    /// and removes the admin socket. Calling it again does nothing.
    public func shutdown() async {
        guard state.beginShutdown() else { return }
        log.info("stopping", ["gracePeriod": "\(configuration.shutdownGracePeriod)"])
        await services.engine?.stop()  // no session may write while the store closes
        await server.shutdown(gracePeriod: configuration.shutdownGracePeriod)
        if let warmer = state.warmer {  // no background read may run while the store closes
            warmer.cancel()
            await warmer.value
        }
        await services.store.close()
        try? FileManager.default.removeItem(atPath: configuration.adminSocketPath)
        let stats = server.statistics
        log.info("stopped", ["requests": String(stats.requests), "connections": String(stats.acceptedConnections)])
    }

    static func makeListeners(_ configuration: Configuration, adminSocket: String, services: Services,
                              state: ServerState) -> [HTTPListener] {
        let source = CatalogSource(store: services.store, exporter: services.exporter,
                                   isAcceptingRequests: { !state.isShuttingDown }, limits: configuration.apiLimits)
        var publicRouter = PublicAPI(source: source).router
        var adminRouter = publicRouter
        let writer = services.writer ?? UnavailableWriter(reason: "this node serves read-only: it has no writer")
        AdminAPI(writer: writer).install(into: &publicRouter, access: .loopback(token: configuration.adminToken))
        AdminAPI(writer: writer).install(into: &adminRouter, access: .socket)
        if let engine = services.engine {
            AdminSyncAPI(engine: engine).install(into: &publicRouter, access: .loopback(token: configuration.adminToken))
            AdminSyncAPI(engine: engine).install(into: &adminRouter, access: .socket)
        }
        let catalog = WebCatalog(source: source, staff: services.staff)
        catalog.install(into: &publicRouter)
        state.warmer = catalog.keepWarm()
        NodeMetrics(.init(store: services.store, roster: services.roster, federationGuard: services.federationGuard, sync: services.sync,
                          requests: state.requests, server: { state.statistics?() })).install(into: &publicRouter)
        if let roster = services.roster {
            RosterAPI(roster: roster).installPublic(into: &publicRouter)
            RosterAPI(roster: roster).installAdmin(into: &publicRouter, access: .loopback(token: configuration.adminToken))
            RosterAPI(roster: roster).installPublic(into: &adminRouter)
            RosterAPI(roster: roster).installAdmin(into: &adminRouter, access: .socket)
        }
        var listeners = [
            HTTPListener(address: .tcp(host: configuration.host, port: configuration.port),
                         security: .tls(configuration.credentials, requireClientCertificate: false),
                         handler: WebSecurity.securing(publicRouter.handler),
                         immediate: WebSecurity.securing(publicRouter.immediateHandler), name: "public"),
            HTTPListener(address: .unix(path: adminSocket), security: .plain, handler: adminRouter.handler,
                         immediate: adminRouter.immediateHandler, name: "admin", maxConnections: Configuration.adminMaxConnections),
        ]
        if let federationPort = configuration.federationPort {
            listeners.append(HTTPListener(address: .tcp(host: configuration.host, port: federationPort),
                                          security: .tls(configuration.credentials, requireClientCertificate: true),
                                          handler: markingOrigin(FederationAPI(roster: services.roster, guardian: services.federationGuard).handler(sync: services.sync),
                                                                 roster: services.roster),
                                          name: "federation",
                                          maxConnections: configuration.federationMaxConnections,
                                          maxConnectionsPerClient: configuration.federationMaxConnectionsPerClient))
        }
        return listeners
    }

    /// `handler` with the changes each request stores marked as coming from the member whose
    /// certificate made it (``ChangeOrigin``), so the sync engine gossips them on, never back.
    static func markingOrigin(_ handler: @escaping HTTPHandler, roster: NodeRoster?) -> HTTPHandler {
        { request in
            guard let pin = request.clientCertificatePin, let member = roster?.snapshot.roster?.admittedMember(pin: pin) else {
                return await handler(request)
            }
            return await ChangeOrigin.$current.withValue(.peer(member.city)) { await handler(request) }
        }
    }

    /// Removes a socket file left by a server that died. Only the writer-lock holder gets here,
    /// so no live server owns it.
    static func removeStaleSocket(_ path: String) {
        var info = stat()
        if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK { unlink(path) }
    }
}

/// Whether the server is shutting down; read by `/readyz` on every request.
final class ServerState: @unchecked Sendable {
    // @unchecked: the flag is only read and written under `lock`.
    private let lock = NSLock()
    private var stopping = false
    private var warmTask: Task<Void, Never>?
    private var statisticsSource: (@Sendable () -> HTTPServerStatistics?)?
    /// Request durations for `/metrics`, fed by the server's access-log hook.
    let requests = RequestHistogram()

    /// The running server's counters (set once it has started).
    var statistics: (@Sendable () -> HTTPServerStatistics?)? {
        get { lock.withLock { statisticsSource } }
        set { lock.withLock { statisticsSource = newValue } }
    }

    /// The web catalog's background warmer (``WebCatalog/keepWarm()``), cancelled before the store closes.
    var warmer: Task<Void, Never>? {
        get { lock.withLock { warmTask } }
        set { lock.withLock { warmTask = newValue } }
    }

    var isShuttingDown: Bool { lock.withLock { stopping } }

    /// Marks shutdown; false when it had already begun.
    func beginShutdown() -> Bool {
        lock.withLock {
            defer { stopping = true }
            return !stopping
        }
    }
}
