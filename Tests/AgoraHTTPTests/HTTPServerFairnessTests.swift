import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// Connection fairness (issue 16, item 9): one client address cannot take every connection slot,
/// and the public port's slots are not the federation port's. Real sockets; the second client
/// connects from 127.0.0.2.
@Suite struct HTTPServerFairnessTests {
    /// Waits (without asserting on time) until the server's counters satisfy `condition`.
    func waitFor(_ server: HTTPServer, _ condition: (HTTPServerStatistics) -> Bool) async {
        for _ in 0..<600 where !condition(server.statistics) { try? await Task.sleep(for: .milliseconds(50)) }
    }

    @Test func idleConnectionsFromOneAddressDoNotStopAnotherClient() async throws {
        let configuration = HTTPServerConfiguration(timeouts: HTTPTimeouts(header: .seconds(600), idle: .seconds(600)),
                                                    maxConnections: 12, maxConnectionsPerClient: 4)
        let (server, port) = try startPlainServer(configuration: configuration)
        let hog = await ChildProcess.offPool { (0..<20).compactMap { _ in RawConnection(port: port) } }
        #expect(hog.count == 20, "the kernel accepts every connection; the server closes the extra ones")
        await waitFor(server) { $0.clientLimitDrops >= 16 }
        #expect(server.statistics.openConnections == 4)
        #expect(server.statistics.clientLimitDrops == 16)
        let answer = await ChildProcess.offPool { () -> String in
            guard let other = RawConnection(port: port, from: "127.0.0.2") else { return "cannot connect from 127.0.0.2" }
            other.send("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return other.readToEnd()
        }
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(answer)")
        #expect(answer.hasSuffix("GET /hello pin=none body="))
        let dropped = await ChildProcess.offPool { hog.last?.isClosedByPeer() ?? false }
        #expect(dropped, "a connection over the client's share is closed at accept")
        withExtendedLifetime(hog) {}
        await server.shutdown(gracePeriod: .milliseconds(100))
    }

    @Test func curlFromASecondAddressIsServedPastIdleTLSConnections() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let server = try HTTPServer.start([HTTPListener(
            address: .tcp(host: "127.0.0.1", port: 0), security: .tls(identity.credentials, requireClientCertificate: false),
            handler: echoHandler)], configuration: HTTPServerConfiguration(
                timeouts: HTTPTimeouts(handshake: .seconds(600)), maxConnections: 16, maxConnectionsPerClient: 8))
        let port = try #require(server.port(0))
        let idle = await ChildProcess.offPool { (0..<40).compactMap { _ in RawConnection(port: port) } }
        await waitFor(server) { $0.clientLimitDrops >= 32 }
        let curl = await ChildProcess.run("/usr/bin/curl", [
            "-sS", "-k", "--tlsv1.3", "--interface", "127.0.0.2", "--max-time", "60",
            "--pinnedpubkey", "sha256//\(identity.pin)", "https://127.0.0.1:\(port)/from-two",
        ])
        #expect(curl.output == "GET /from-two pin=none body=", "\(curl.error)")
        #expect(server.statistics.openConnections >= 8)
        withExtendedLifetime(idle) {}
        await server.shutdown(gracePeriod: .milliseconds(100))
    }

    @Test func aFullListenerLeavesTheOtherListenersSlotsAlone() async throws {
        let server = try HTTPServer.start([
            HTTPListener(address: .tcp(host: "127.0.0.1", port: 0), security: .plain, handler: echoHandler,
                         name: "public", maxConnections: 3),
            HTTPListener(address: .tcp(host: "127.0.0.1", port: 0), security: .plain, handler: echoHandler,
                         name: "federation", maxConnections: 3),
        ], configuration: HTTPServerConfiguration(timeouts: HTTPTimeouts(header: .seconds(600)), maxRejectedConnections: 0))
        let publicPort = try #require(server.port(0)), federationPort = try #require(server.port(1))
        let sources = ["127.0.0.3", "127.0.0.4", "127.0.0.5", "127.0.0.6", "127.0.0.7"]
        let flood = await ChildProcess.offPool { sources.compactMap { RawConnection(port: publicPort, from: $0) } }
        await waitFor(server) { $0.droppedConnections >= 2 }
        #expect(server.statistics.openConnections == 3, "the public listener is full")
        let answer = await ChildProcess.offPool { () -> String in
            guard let peer = RawConnection(port: federationPort, from: "127.0.0.8") else { return "" }
            peer.send("GET /sync HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return peer.readToEnd()
        }
        #expect(answer.hasPrefix("HTTP/1.1 200 OK\r\n"), "the federation listener still serves: \(answer)")
        withExtendedLifetime(flood) {}
        await server.shutdown(gracePeriod: .milliseconds(100))
    }

    @Test func clientAddressesAreReadAsTheLimitsAndLogsNeedThem() {
        let mapped = ClientAddress(remoteAddress: "[::ffff:127.0.0.1]:5000")
        #expect(mapped.host == "127.0.0.1")
        #expect(mapped.isLoopback)
        #expect(HTTPRequest(method: .get, target: "/", remoteAddress: "[::ffff:127.0.0.9]:1").isLocal)
        #expect(!HTTPRequest(method: .get, target: "/", remoteAddress: "[::ffff:10.0.0.1]:1").isLocal)
        #expect(ClientAddress(remoteAddress: "[::1]:80").isLoopback)
        #expect(!ClientAddress(remoteAddress: "[2001:db8::1]:80").isLoopback)
        #expect(ClientAddress(remoteAddress: "203.0.113.7:4000").limitKey == "203.0.113.7")
        #expect(ClientAddress(remoteAddress: "203.0.113.7:4000").truncated == "203.0.113.0/24")
        #expect(ClientAddress(remoteAddress: "[2001:db8:1:2:3:4:5:6]:4000").limitKey == "2001:db8:1:2::/64")
        #expect(ClientAddress(remoteAddress: "[2001:db8:1:2:3:4:5:6]:4000").truncated == "2001:db8:1::/48")
        #expect(ClientAddress(remoteAddress: "unix").isLoopback)
        #expect(ClientAddress(remoteAddress: "unix").limitKey == "unix")
    }
}
