import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

@Suite struct HTTPServerStreamingTests {
    let streamingHandler: HTTPHandler = { _ in
        var response = HTTPResponse(headers: ["Content-Type": "application/x-ndjson"])
        response.stream = .pieces([Array("{\"a\":1}\n".utf8), [], Array("{\"b\":2}\n".utf8)])
        return response
    }

    @Test func aStreamIsSentChunkedAndTheConnectionStaysUsable() async throws {
        let (server, port) = try startPlainServer(handler: streamingHandler)
        let wire = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("GET /export HTTP/1.1\r\nHost: x\r\n\r\nGET /again HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return connection.readToEnd()
        }
        let one = "HTTP/1.1 200 OK\r\nContent-Type: application/x-ndjson\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "8\r\n{\"a\":1}\n\r\n8\r\n{\"b\":2}\n\r\n0\r\n\r\n"
        #expect(wire.hasPrefix(one))
        #expect(wire.dropFirst(one.count).hasPrefix("HTTP/1.1 200 OK\r\n"), "the second pipelined request is answered too")
        await server.shutdown()
    }

    @Test func http10ClientsGetTheStreamUntilClose() async throws {
        let (server, port) = try startPlainServer(handler: streamingHandler)
        let wire = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("GET /export HTTP/1.0\r\n\r\n")
            return connection.readToEnd()
        }
        #expect(wire.hasSuffix("Connection: close\r\n\r\n{\"a\":1}\n{\"b\":2}\n"))
        #expect(!wire.contains("Transfer-Encoding"))
        await server.shutdown()
    }

    @Test func ourClientAndCurlReassembleTheStream() async throws {
        let directory = TemporaryDirectory()
        let identity = try await TestIdentity.make(in: directory)
        let (server, port) = try startTLSServer(identity, handler: streamingHandler)
        let response = try await patientClient().send(HTTPClientRequest(target: "/export"), to: .tls(host: "127.0.0.1", port: port, pin: identity.pin))
        #expect(String(decoding: response.body, as: UTF8.self) == "{\"a\":1}\n{\"b\":2}\n")
        let curl = await ChildProcess.run("/usr/bin/curl", ["-sS", "-k", "--tlsv1.3", "--pinnedpubkey", "sha256//\(identity.pin)",
                                                      "https://127.0.0.1:\(port)/export"])
        #expect(curl.output == "{\"a\":1}\n{\"b\":2}\n", "\(curl.error)")
        await server.shutdown()
    }
}
