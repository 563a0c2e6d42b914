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
        'agora publish' and the other write commands hand their writes to it over the socket.
        SIGTERM or SIGINT (Ctrl-C) stops it gracefully: no new connections, requests in flight
        finish, the database is closed.
        """,
        options: [
            OptionSpec("public-port", valueName: "N", help: "The public HTTPS port (0 picks a free one)",
                       defaultValue: String(NodeServer.Configuration.defaultPort)),
            OptionSpec("bind", valueName: "ADDRESS", help: "The address of the public port", defaultValue: "127.0.0.1"),
            OptionSpec("federation-port", valueName: "N",
                       help: "Also open the federation port (mutual TLS: clients must present a certificate); 0 picks a free one"),
        ],
        examples: ["agora serve --dir nodes/tirana-data", "agora serve --public-port 0 --bind 0.0.0.0"],
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
        let directory = context.nodeDirectory
        let node: ServedNode
        do { node = try await ServedNode.open(directory, clock: context.io.now) } catch {
            throw CLIError.environment("cannot open the node in \(directory.root.path): \(error)", cause: error)
        }
        let configuration = NodeServer.Configuration(
            host: context.arguments.string("bind") ?? "127.0.0.1", port: UInt16(port), credentials: node.credentials,
            adminSocketPath: AdminClient.socketPath(in: directory.root.path), adminToken: node.adminToken,
            federationPort: federationPort)
        let writer = LocalNodeWriter(node: node.node)
        let services = NodeServer.Services(store: node.store, writer: writer, exporter: node.node,
                                           staff: WebStaff(city: node.config.cityID, directory: directory.root, writer: writer),
                                           roster: node.node.roster, sync: FederationSync(node: node.node))
        let server: NodeServer
        do { server = try NodeServer.start(configuration, services: services, log: .standardError) } catch {
            await node.store.close()
            throw CLIError.environment("\(error)" + Self.hint(for: error), cause: error)
        }
        await server.runUntilTerminated()
        return .success
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
