import Foundation
import Testing
@testable import AgoraHTTP

@Suite struct HTTPServerTests {
    @Test func servesKeepAliveAndPipelinedRequestsOnOneConnection() async throws {
        let (server, port) = try startPlainServer()
        let replies = await offPool { () -> [String] in
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
