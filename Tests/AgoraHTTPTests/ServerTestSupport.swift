import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// How long a test's own client (raw socket, curl) waits for the server's reply, in seconds.
///
/// Generous on purpose: these tests check what the server sends, not how fast. In a parallel run on
/// two cores a handler can wait seconds for a cooperative-pool thread behind hundreds of other tests,
/// and a client that gave up at 5 s read an empty reply. The server's own timeouts, which some tests
/// do check, are `testTimeouts` and do not depend on this.
let clientPatienceSeconds = 60

/// A temporary directory removed at deinit.
final class TemporaryDirectory: Sendable {
    let path: String
    init() {
        path = NSTemporaryDirectory() + "agora-http-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// A self-signed ECDSA P-256 certificate made by the openssl CLI, with its pin computed by the CLI too.
struct TestIdentity: Sendable {
    let certificateFile: String
    let keyFile: String
    let credentials: TLSCredentials
    let pin: String

    static func make(in directory: TemporaryDirectory, name: String = "server") async throws -> TestIdentity {
        let cert = directory.file("\(name).crt"), key = directory.file("\(name).key")
        let made = await ChildProcess.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
            "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout", key, "-out", cert,
        ])
        try #require(made.status == 0, "openssl req failed: \(made.error)")
        let pin = await ChildProcess.run("/bin/sh", ["-c",
            "openssl x509 -in '\(cert)' -pubkey -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64"])
        try #require(pin.status == 0)
        return TestIdentity(certificateFile: cert, keyFile: key,
                            credentials: try TLSCredentials(certificateFile: cert, privateKeyFile: key),
                            pin: pin.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

/// Short timeouts so the timeout tests take well under a second each. The idle timeout is long:
/// tests that prove keep-alive reuse must not see a connection dropped between two requests on a
/// loaded machine; the idle-timeout test sets its own short one (`shortIdleTimeouts`).
let testTimeouts = HTTPTimeouts(handshake: .milliseconds(1500), header: .milliseconds(400), body: .milliseconds(400),
                                idle: .seconds(20), write: .seconds(2), linger: .milliseconds(200))

/// `testTimeouts` with an idle timeout short enough to wait for in a test.
let shortIdleTimeouts: HTTPTimeouts = {
    var timeouts = testTimeouts
    timeouts.idle = .milliseconds(300)
    return timeouts
}()

/// An echo handler: method, path, pin and body, so tests can see what the server handed over.
let echoHandler: HTTPHandler = { request in
    let text = "\(request.method) \(request.path) pin=\(request.clientCertificatePin ?? "none") body=\(String(decoding: request.body, as: UTF8.self))"
    return .text(text)
}

func startPlainServer(configuration: HTTPServerConfiguration = HTTPServerConfiguration(timeouts: testTimeouts),
                      handler: @escaping HTTPHandler = echoHandler) throws -> (HTTPServer, UInt16) {
    let server = try HTTPServer.start([HTTPListener(address: .tcp(host: "127.0.0.1", port: 0), security: .plain, handler: handler)],
                                      configuration: configuration)
    return (server, try #require(server.port(0)))
}

func startTLSServer(_ identity: TestIdentity, requireClientCertificate: Bool = false,
                    handler: @escaping HTTPHandler = echoHandler) throws -> (HTTPServer, UInt16) {
    let server = try HTTPServer.start([HTTPListener(
        address: .tcp(host: "127.0.0.1", port: 0),
        security: .tls(identity.credentials, requireClientCertificate: requireClientCertificate),
        handler: handler)], configuration: HTTPServerConfiguration(timeouts: testTimeouts))
    return (server, try #require(server.port(0)))
}

/// A client for tests that are not about timeouts. The suite runs hundreds of tests at once on
/// two cores, so a server's handler may wait its turn on the cooperative pool for longer than the
/// default 30 s read timeout; a test that waits longer asserts behaviour, not speed.
func patientClient(maxIdleTime: Duration = HTTPClientConfiguration.defaultMaxIdleTime) throws -> HTTPClient {
    try HTTPClient(configuration: HTTPClientConfiguration(
        timeouts: HTTPClientTimeouts(handshake: .seconds(600), write: .seconds(600), read: .seconds(600)),
        maxIdleTime: maxIdleTime))
}
