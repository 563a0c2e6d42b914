import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

@Suite struct HTTPServerTests {
    @Test func servesKeepAliveAndPipelinedRequestsOnOneConnection() async throws {
        let (server, port) = try startPlainServer()
        let replies = await ChildProcess.offPool { () -> [String] in
            guard let connection = RawConnection(port: port) else { return [] }
            connection.send("GET /a HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = connection.readResponse()
            connection.send("POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhiGET /c HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return [first, connection.readToEnd()]
        }
        #expect(replies.count == 2)
        #expect(replies.first?.hasPrefix("HTTP/1.1 200 OK\r\n") == true)
        #expect(replies.first?.hasSuffix("GET /a pin=none body=") == true)
        #expect(replies.last?.contains("POST /b pin=none body=hi") == true)
        #expect(replies.last?.hasSuffix("Connection: close\r\n\r\nGET /c pin=none body=") == true)
        #expect(server.statistics.acceptedConnections == 1)
        #expect(server.statistics.requests == 3)
        await server.shutdown()
    }
}

@Suite struct HTTPServerImmediateTests {
    /// A listener's immediate handler answers the requests it takes (here /now, whose async
    /// handler would say something else), keeps the connection alive, and leaves the rest to the
    /// async handler.
    @Test func immediateAnswersComeFromTheLoopAndTheRestFromTheHandler() async throws {
        let immediate: @Sendable (HTTPRequest) -> HTTPResponse? = { $0.path == "/now" ? .text("immediate") : nil }
        let server = try HTTPServer.start([HTTPListener(address: .tcp(host: "127.0.0.1", port: 0), security: .plain,
                                                        handler: { _ in .text("from a task") }, immediate: immediate)],
                                          configuration: HTTPServerConfiguration(timeouts: testTimeouts))
        let port = try #require(server.port(0))
        let replies = await ChildProcess.offPool { () -> [String] in
            guard let connection = RawConnection(port: port) else { return [] }
            connection.send("GET /now HTTP/1.1\r\nHost: x\r\n\r\n")
            let first = connection.readResponse()
            connection.send("GET /now?again HTTP/1.1\r\nHost: x\r\n\r\n")
            let second = connection.readResponse()
            connection.send("GET /later HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return [first, second, connection.readToEnd()]
        }
        #expect(replies.count == 3)
        #expect(replies.first?.hasPrefix("HTTP/1.1 200 OK\r\n") == true && replies.first?.hasSuffix("\r\n\r\nimmediate") == true)
        #expect(replies.dropFirst().first?.hasSuffix("\r\n\r\nimmediate") == true)
        #expect(replies.last?.hasSuffix("from a task") == true)
        #expect(server.statistics.acceptedConnections == 1 && server.statistics.requests == 3)
        await server.shutdown()
    }
}

@Suite struct HTTPServerContinueTests {
    @Test func expectContinueGets100BeforeTheBodyOrTheFinalErrorInstead() async throws {
        let limits = HTTPParserLimits(maxBodyBytes: 10)
        let (server, port) = try startPlainServer(configuration: HTTPServerConfiguration(limits: limits, timeouts: testTimeouts))
        let (interim, final, refused) = await ChildProcess.offPool { () -> (String, String, String) in
            guard let connection = RawConnection(port: port) else { return ("", "", "") }
            connection.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n")
            var buffer = [UInt8](repeating: 0, count: 100)
            let count = recv(connection.fd, &buffer, buffer.count, 0)
            let interim = String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
            connection.send("body")
            let final = connection.readResponse()
            guard let big = RawConnection(port: port) else { return (interim, final, "") }
            big.send("POST /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 11\r\n\r\n")
            return (interim, final, big.readToEnd())
        }
        #expect(interim == "HTTP/1.1 100 Continue\r\n\r\n")
        #expect(final.hasSuffix("POST /up pin=none body=body"))
        #expect(refused.hasPrefix("HTTP/1.1 413 Content Too Large\r\n"))
        await server.shutdown()
    }
}
