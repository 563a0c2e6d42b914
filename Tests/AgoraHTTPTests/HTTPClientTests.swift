import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// Our client against our server, over real sockets on 127.0.0.1.
@Suite struct HTTPClientTests {
    @Test func reusesOneKeepAliveConnectionForManyRequests() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let client = try patientClient()
        let endpoint = HTTPEndpoint.tls(host: "127.0.0.1", port: port, pin: identity.pin)
        for index in 0..<5 {
            let response = try await client.send(HTTPClientRequest(method: .post, target: "/n/\(index)", body: Array("b\(index)".utf8)), to: endpoint)
            #expect(response.status == .ok)
            #expect(String(decoding: response.body, as: UTF8.self) == "POST /n/\(index) pin=none body=b\(index)")
        }
        #expect(server.statistics.acceptedConnections == 1)
        #expect(client.statistics.connectionsOpened == 1 && client.statistics.reusedConnections == 4)
        await server.shutdown()
    }

    @Test func aWrongPinFailsBeforeAnyByteIsWritten() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let client = try patientClient()
        let wrongPin = Data(repeating: 1, count: 32).base64EncodedString()
        let error = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPClientRequest(target: "/"), to: .tls(host: "127.0.0.1", port: port, pin: wrongPin))
        }
        #expect(error?.code == .pinMismatch)
        #expect(error?.peer == "127.0.0.1:\(port)")
        #expect(error?.expectedPin == wrongPin && error?.actualPin == identity.pin)
        #expect(server.statistics.requests == 0)
        await server.shutdown()
    }

    @Test func presentsAClientCertificateWhosePinTheHandlerSees() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let clientIdentity = try await TestIdentity.make(in: directory, name: "client")
        let (server, port) = try startTLSServer(identity, requireClientCertificate: true)
        let endpoint = HTTPEndpoint.tls(host: "127.0.0.1", port: port, pin: identity.pin)
        let withCertificate = try HTTPClient(configuration: HTTPClientConfiguration(credentials: clientIdentity.credentials))
        let response = try await withCertificate.send(HTTPClientRequest(target: "/who"), to: endpoint)
        #expect(String(decoding: response.body, as: UTF8.self) == "GET /who pin=\(clientIdentity.pin) body=")
        let error = await #expect(throws: HTTPClientError.self) {
            try await patientClient().send(HTTPClientRequest(target: "/who"), to: endpoint)
        }
        // TLS 1.3 reports a refused client certificate after the client's Finished: on the write or the read.
        #expect([.handshake, .write, .read].contains(error?.step))
        #expect(error?.peer == "127.0.0.1:\(port)")
        await server.shutdown()
    }

    @Test func timeoutsAndRefusedConnectionsNameTheStep() async throws {
        let (server, port) = try startPlainServer(handler: { _ in
            try? await Task.sleep(for: .seconds(1))
            return .text("late")
        })
        let client = try HTTPClient(configuration: HTTPClientConfiguration(timeouts: HTTPClientTimeouts(read: .milliseconds(200))))
        let slow = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPClientRequest(target: "/"), to: .plain(host: "127.0.0.1", port: port))
        }
        #expect(slow?.code == .timeout && slow?.step == .read)
        await server.shutdown()
        let refused = await #expect(throws: HTTPClientError.self) {
            try await client.send(HTTPClientRequest(target: "/"), to: .plain(host: "127.0.0.1", port: port))
        }
        #expect(refused?.code == .connect && refused?.description.contains("127.0.0.1:\(port)") == true)
    }

    @Test func aPooledConnectionTheServerClosedIsReplaced() async throws {
        let timeouts = HTTPTimeouts(header: .milliseconds(400), idle: .milliseconds(50))
        let (server, port) = try startPlainServer(configuration: HTTPServerConfiguration(timeouts: timeouts))
        let client = try patientClient()
        let endpoint = HTTPEndpoint.plain(host: "127.0.0.1", port: port)
        _ = try await client.send(HTTPClientRequest(target: "/1"), to: endpoint)
        while server.statistics.idleTimeouts < 1 { try await Task.sleep(for: .milliseconds(10)) }
        let second = try await client.send(HTTPClientRequest(target: "/2"), to: endpoint)
        #expect(second.status == .ok)
        #expect(client.statistics.connectionsOpened == 2)
        await server.shutdown()
    }

    @Test func talksToTheAdminUnixSocket() async throws {
        let directory = TemporaryDirectory()
        let path = directory.file("admin.sock")
        let server = try HTTPServer.start([HTTPListener(address: .unix(path: path), security: .plain, handler: echoHandler)])
        let response = try await patientClient().send(HTTPClientRequest(method: .put, target: "/admin/x", body: [65]), to: .unix(path: path))
        #expect(String(decoding: response.body, as: UTF8.self) == "PUT /admin/x pin=none body=A")
        await server.shutdown()
    }

    @Test func headRequestsGetHeadersOnly() async throws {
        let (server, port) = try startPlainServer()
        let client = try patientClient()
        let endpoint = HTTPEndpoint.plain(host: "127.0.0.1", port: port)
        let head = try await client.send(HTTPClientRequest(method: .head, target: "/h"), to: endpoint)
        #expect(head.body.isEmpty && head.headers["Content-Length"] == "22")
        let get = try await client.send(HTTPClientRequest(target: "/h"), to: endpoint)
        #expect(get.body.count == 21, "the HEAD echo says 'HEAD', one byte more than 'GET'")
        #expect(client.statistics.connectionsOpened == 1)
        await server.shutdown()
    }
}

@Suite struct HTTPServerConcurrencyTests {
    @Test func twoEventLoopsServeManyConcurrentClientsCorrectly() async throws {
        let configuration = HTTPServerConfiguration(timeouts: testTimeouts, eventLoopThreads: 2)
        let (server, port) = try startPlainServer(configuration: configuration)
        let client = try HTTPClient(configuration: HTTPClientConfiguration(maxIdleConnectionsPerEndpoint: 8, threads: 8))
        let endpoint = HTTPEndpoint.plain(host: "127.0.0.1", port: port)
        let mismatches = try await withThrowingTaskGroup(of: Int.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    var wrong = 0
                    for index in 0..<25 {
                        let body = Array("w\(worker)-\(index)".utf8)
                        let response = try await client.send(HTTPClientRequest(method: .post, target: "/c", body: body), to: endpoint)
                        if response.body != Array("POST /c pin=none body=w\(worker)-\(index)".utf8) { wrong += 1 }
                    }
                    return wrong
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(mismatches == 0)
        #expect(server.statistics.requests == 200)
        #expect(server.statistics.acceptedConnections <= 8)
        await server.shutdown()
    }

    @Test func aTLSClientThatNeverHandshakesIsClosedAtTheHandshakeTimeout() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity)
        let closed = await ChildProcess.offPool { RawConnection(port: port)?.readToEnd() }
        #expect(closed == "")
        #expect(server.statistics.handshakeTimeouts == 1)
        await server.shutdown()
    }
}
