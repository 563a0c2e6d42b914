import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// Plain HTTP sent to a TLS port gets a plain-text 400 with a one-line hint, as nginx answers,
/// instead of a failed handshake that clients show as a reset (issue 16, item 10).
@Suite struct HTTPServerPlainHTTPTests {
    @Test func curlSpeakingPlainHTTPToTheTLSPortGetsAHint() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let curl = await ChildProcess.run("/usr/bin/curl", ["-sS", "--max-time", "60", "-w", "\n%{http_code}",
                                                            "http://127.0.0.1:\(port)/api/v1/search"])
        #expect(curl.status == 0, "curl saw an error instead of an answer: \(curl.error)")
        #expect(curl.output == "400 Bad Request: \(EventLoop.plainHTTPMessage)\n\n400")
        #expect(server.statistics.plainHTTPOnTLS == 1)
        let tls = await ChildProcess.run("/usr/bin/curl", ["-sS", "-k", "--tlsv1.3", "--pinnedpubkey", "sha256//\(identity.pin)",
                                                           "https://127.0.0.1:\(port)/still-tls"])
        #expect(tls.output == "GET /still-tls pin=none body=", "TLS clients are unaffected: \(tls.error)")
        await server.shutdown()
    }

    @Test func theHintIsOneLineOfPlainTextAndTheConnectionCloses() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let wire = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
            return connection.readToEnd()
        }
        #expect(wire.hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        #expect(wire.contains("Connection: close\r\n"))
        #expect(wire.hasSuffix("\r\n\r\n400 Bad Request: \(EventLoop.plainHTTPMessage)\n"))
        await server.shutdown()
    }

    @Test func garbageThatIsNotHTTPStillFailsTheHandshake() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let wire = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send([0x16, 0x03, 0x01, 0x00, 0x02, 0xFF, 0xFF])
            return connection.readToEnd()
        }
        #expect(!wire.contains("HTTP/1.1"), "a TLS-looking first byte is left to OpenSSL")
        #expect(server.statistics.plainHTTPOnTLS == 0)
        await server.shutdown()
    }
}
