import AgoraTesting
import Foundation
import AgoraCrypto
import AgoraHTTP
@testable import AgoraNode

/// How long curl waits for a served node, in seconds (`--max-time`). Generous on purpose: these tests
/// check what the node sends, and in a parallel run on two cores its handlers can wait seconds for a
/// cooperative-pool thread behind other tests.
let curlPatienceSeconds = 60

/// A node server on 127.0.0.1 port 0 over a seeded catalog, with a fresh TLS identity.
struct ServedCatalog {
    let catalog: APICatalog
    let server: NodeServer
    let identity: TLSIdentity
    let lines: LogLines

    static func start(writer: (any NodeWriting)? = RecordingWriter(), federation: Bool = false, host: String = "127.0.0.1",
                      exports: Bool = false, _ name: String = #function) async throws -> ServedCatalog {
        let catalog = try await APICatalog.make(name)
        let identity = try TLSIdentity.generate(commonName: "test", subjectAltNames: ["127.0.0.1", "localhost"], validDays: 2)
        let configuration = NodeServer.Configuration(
            host: host, port: 0,
            credentials: TLSCredentials(certificatePEM: identity.certificatePEM, privateKeyPEM: identity.privateKeyPEM),
            adminSocketPath: catalog.directory + "/admin.sock", adminToken: APIAdminTests.token,
            shutdownGracePeriod: .seconds(2), federationPort: federation ? 0 : nil)
        let lines = LogLines()
        let exporter = exports ? StoreExporter(store: catalog.store, dcat: ExportStreamTests.dcat) : nil
        let services = NodeServer.Services(store: catalog.store, writer: writer, exporter: exporter)
        let server = try NodeServer.start(configuration, services: services, log: NodeLog { lines.append($0) })
        return ServedCatalog(catalog: catalog, server: server, identity: identity, lines: lines)
    }

    func stop() async {
        await server.shutdown()
        try? FileManager.default.removeItem(atPath: catalog.directory)
    }

    /// curl over TLS 1.3 with `pin`; returns its exit status and body.
    func curl(_ path: String, pin: String, _ extra: [String] = []) async -> (status: Int32, body: String) {
        let result = await ChildProcess.run("/usr/bin/curl", ["-sS", "--tlsv1.3", "--max-time", "\(curlPatienceSeconds)", "-k",
                                                              "--pinnedpubkey", "sha256//\(pin)"] + extra + [server.url + path])
        return (result.status, result.output)
    }
}

/// Log lines collected from a server.
final class LogLines: @unchecked Sendable {
    // @unchecked: `lines` is only touched under `lock`.
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
