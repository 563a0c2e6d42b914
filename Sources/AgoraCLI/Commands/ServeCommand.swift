import AgoraHTTP
import AgoraNode
import Foundation

/// `agora serve`: run the node's HTTPS server until SIGTERM or SIGINT.
enum ServeCommand {
    static let spec = CommandSpec(
        "serve", summary: "Serve the catalog and the JSON API over HTTPS until stopped",
        discussion: """
        Opens the node directory (taking its writer lock), listens on the public port with the
        node's TLS certificate and on the admin Unix socket <dir>/admin.sock (mode 0600), and logs
        the URL and the certificate's SPKI pin as JSON lines on standard error. While it runs,
        'agora publish' and the other write commands hand their writes to it over the socket, and
        so do 'agora import' and 'agora sync'. With a roster, it syncs with every active peer on a
        jittered schedule (--sync-interval; a failing peer backs off, doubling up to 10 minutes),
        pulls the roster at the start of each round, and pushes every fresh change at once to
        --push-fanout random peers (protocol/SYNC.md, section 11).
        SIGTERM or SIGINT (Ctrl-C) stops it gracefully: no new connections, requests in flight
        finish, the database is closed.
        """,
        options: [
            OptionSpec("public-port", valueName: "N", help: "The public HTTPS port (0 picks a free one)",
                       defaultValue: String(NodeServer.Configuration.defaultPort)),
            OptionSpec("bind", valueName: "ADDRESS", help: "The address of the public port", defaultValue: "127.0.0.1"),
            OptionSpec("federation-port", valueName: "N",
                       help: "Also open the federation port (mutual TLS: clients must present a certificate); 0 picks a free one"),
            OptionSpec("sync-interval", valueName: "SECONDS",
                       help: "Seconds between two anti-entropy sessions with a peer, before jitter (±25%); failures back off from it",
                       defaultValue: String(SyncSchedule.Policy.defaultInterval / 1000)),
            OptionSpec("push-fanout", valueName: "N", help: "Peers each fresh change is pushed to at once",
                       defaultValue: String(SyncSchedule.Policy.defaultFanout)),
            .flag("no-sync", help: "Do not sync on a schedule nor push; 'agora sync' still runs a round by hand"),
        ],
        examples: ["agora serve --dir nodes/tirana-data", "agora serve --public-port 0 --bind 0.0.0.0",
                   "agora serve --federation-port 9443 --sync-interval 5"],
        action: run)

    @Sendable static func run(_ context: CommandContext) async throws -> ExitCode {
        guard let port = try context.arguments.value("public-port", as: Int.self), (0...65_535).contains(port) else {
            throw CLIError.usage("--public-port must be an integer from 0 to 65535", command: context.path)
        }
        var federationPort: UInt16?
        if let value = try context.arguments.value("federation-port", as: Int.self) {
            guard (0...65_535).contains(value) else {
                throw CLIError.usage("--federation-port must be an integer from 0 to 65535", command: context.path)
            }
            federationPort = UInt16(value)
        }
        let engineConfiguration = try syncConfiguration(context)
        let directory = context.nodeDirectory
        let node: ServedNode
        do { node = try await ServedNode.open(directory) } catch {
            throw CLIError.environment("cannot open the node in \(directory.root.path): \(error)", cause: error)
        }
        let configuration = NodeServer.Configuration(
            host: context.arguments.string("bind") ?? "127.0.0.1", port: UInt16(port), credentials: node.credentials,
            adminSocketPath: AdminClient.socketPath(in: directory.root.path), adminToken: node.adminToken,
            federationPort: federationPort)
        let writer = LocalNodeWriter(node: node.node)
        let services = NodeServer.Services(store: node.store, writer: writer, exporter: node.node,
                                           staff: WebStaff(city: node.config.cityID, directory: directory.root, writer: writer),
                                           roster: node.node.roster, sync: FederationSync(node: node.node),
                                           engine: SyncEngine(node: node.node, configuration: engineConfiguration, log: .standardError))
        let server: NodeServer
        do { server = try NodeServer.start(configuration, services: services, log: .standardError) } catch {
            await node.store.close()
            throw CLIError.environment("\(error)" + Self.hint(for: error), cause: error)
        }
        await server.runUntilTerminated()
        return .success
    }

    /// The sync engine's configuration from `--sync-interval`, `--push-fanout` and `--no-sync`.
    static func syncConfiguration(_ context: CommandContext) throws -> SyncEngine.Configuration {
        guard let seconds = try context.arguments.value("sync-interval", as: Double.self), seconds >= 0.1, seconds <= 86_400 else {
            throw CLIError.usage("--sync-interval must be a number of seconds from 0.1 to 86400", command: context.path)
        }
        guard let fanout = try context.arguments.value("push-fanout", as: Int.self), (0...64).contains(fanout) else {
            throw CLIError.usage("--push-fanout must be an integer from 0 to 64", command: context.path)
        }
        let policy = SyncSchedule.Policy(interval: Int64(seconds * 1000), fanout: fanout)
        return SyncEngine.Configuration(policy: policy, runsOnSchedule: !context.arguments.flag("no-sync"))
    }

    /// What to do when a port is taken (`EADDRINUSE`), found in the error's chain of causes.
    static func hint(for error: any Error) -> String {
        var next: (any Error)? = error
        while let current = next {
            if let system = current as? SystemError, system.errno == EADDRINUSE {
                return "; the port is in use (another 'agora serve'?): choose another with --public-port N "
                    + "(or --federation-port N; 0 picks a free one)"
            }
            next = (current as? ServeError)?.cause ?? (current as? HTTPServerError)?.cause
        }
        return ""
    }
}
