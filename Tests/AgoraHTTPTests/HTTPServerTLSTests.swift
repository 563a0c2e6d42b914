import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// The TLS listeners checked with real clients nobody here wrote: curl and openssl s_client.
@Suite struct HTTPServerTLSTests {
    func curl(_ port: UInt16, _ extra: [String]) async -> ChildProcess.Result {
        await ChildProcess.run("/usr/bin/curl", ["-sS", "--tlsv1.3", "--max-time", "\(clientPatienceSeconds)", "-k"] + extra
                         + ["https://127.0.0.1:\(port)/hello?x=1"])
    }

    @Test func curlWithTheRightPinSucceedsAndAWrongPinFails() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        #expect(try SPKIPin.ofCertificate(pem: identity.credentials.certificatePEM) == identity.pin)
        let (server, port) = try startTLSServer(identity)
        let right = await curl(port, ["--pinnedpubkey", "sha256//\(identity.pin)"])
        #expect(right.status == 0, "\(right.error)")
        #expect(right.output == "GET /hello pin=none body=")
        let wrongPin = "sha256//" + Data(repeating: 7, count: 32).base64EncodedString()
        let wrong = await curl(port, ["--pinnedpubkey", wrongPin])
        #expect(wrong.status == 90, "curl exit 90 is 'SSL public key does not match pinned public key': \(wrong.error)")
        await server.shutdown()
    }

    @Test func tls12IsRefused() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let old = await ChildProcess.run("/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_2"])
        #expect(old.status != 0)
        #expect(old.output.contains("Cipher is (NONE)") || old.error.contains("alert"), "\(old.output)\n\(old.error)")
        let current = await ChildProcess.run("/usr/bin/openssl", ["s_client", "-connect", "127.0.0.1:\(port)", "-tls1_3"])
        #expect(current.output.contains("TLSv1.3"))
        #expect(server.statistics.handshakeFailures >= 1)
        await server.shutdown()
    }

    @Test func theFederationListenerNeedsAClientCertificateAndHandsOverItsPin() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let client = try await TestIdentity.make(in: directory, name: "client")
        let (server, port) = try startTLSServer(identity, requireClientCertificate: true)
        let with = await curl(port, ["--cert", client.certificateFile, "--key", client.keyFile,
                                     "--pinnedpubkey", "sha256//\(identity.pin)"])
        #expect(with.status == 0, "\(with.error)")
        #expect(with.output == "GET /hello pin=\(client.pin) body=")
        let without = await curl(port, ["--pinnedpubkey", "sha256//\(identity.pin)"])
        #expect(without.status != 0)
        #expect(without.output.isEmpty)
        await server.shutdown()
    }

    @Test func curlReusesOneConnectionForSeveralRequests() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let url = "https://127.0.0.1:\(port)/"
        let result = await ChildProcess.run("/usr/bin/curl", ["-sS", "-k", "--tlsv1.3", "--max-time", "\(clientPatienceSeconds)",
                                                        url + "a", url + "b", "-d", "posted", url + "c"])
        #expect(result.status == 0, "\(result.error)")
        #expect(result.output == "POST /a pin=none body=postedPOST /b pin=none body=postedPOST /c pin=none body=posted")
        #expect(server.statistics.acceptedConnections == 1)
        await server.shutdown()
    }

    @Test func aBadKeyIsReportedAtStart() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let other = try await TestIdentity.make(in: directory, name: "other")
        let mismatched = TLSCredentials(certificatePEM: identity.credentials.certificatePEM,
                                        privateKeyPEM: other.credentials.privateKeyPEM)
        #expect {
            try HTTPServer.start([HTTPListener(address: .tcp(host: "127.0.0.1", port: 0),
                                               security: .tls(mismatched, requireClientCertificate: false), handler: echoHandler)])
        } throws: { ($0 as? HTTPServerError)?.code == .tls }
    }
}
