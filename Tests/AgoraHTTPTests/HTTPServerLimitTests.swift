import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// Hostile clients on raw sockets: each gets the documented status or close while others are served.
@Suite struct HTTPServerLimitTests {
    let limits = HTTPParserLimits(maxRequestLineBytes: 256, maxHeaderBytes: 512, maxHeaderCount: 10, maxBodyBytes: 1024)

    func exchange(_ port: UInt16, _ request: String) async -> String {
        await ChildProcess.offPool {
            guard let connection = RawConnection(port: port) else { return "no connection" }
            connection.send(request)
            return connection.readToEnd()
        }
    }

    func statusLine(_ response: String) -> String { response.components(separatedBy: "\r\n").first ?? "" }

    @Test func oversizedAndMalformedRequestsGetTheirStatusAndTheServerKeepsServing() async throws {
        let (server, port) = try startPlainServer(configuration: HTTPServerConfiguration(limits: limits, timeouts: testTimeouts))
        let cases: [(String, String)] = [
            ("GET /" + String(repeating: "a", count: 300) + " HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 414 URI Too Long"),
            ("GET / HTTP/1.1\r\nHost: x\r\nX: " + String(repeating: "b", count: 600) + "\r\n\r\n", "HTTP/1.1 431 Request Header Fields Too Large"),
            ("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n", "HTTP/1.1 413 Content Too Large"),
            ("POST / HTTP/1.1\r\nHost: x\r\n\r\n", "HTTP/1.1 411 Length Required"),
            ("HELLO\r\n\r\n", "HTTP/1.1 400 Bad Request"),
            ("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n", "HTTP/1.1 501 Not Implemented"),
            ("GET / HTTP/2.0\r\nHost: x\r\n\r\n", "HTTP/1.1 505 HTTP Version Not Supported"),
        ]
        for (request, expected) in cases {
            let response = await exchange(port, request)
            #expect(statusLine(response) == expected)
            #expect(response.contains("Connection: close\r\n"))
        }
        #expect(statusLine(await exchange(port, "GET /still HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) == "HTTP/1.1 200 OK")
        #expect(server.statistics.parseErrors == cases.count)
        await server.shutdown()
    }

    @Test func aSlowlorisGets408WhileAnotherClientIsServed() async throws {
        let (server, port) = try startPlainServer(configuration: HTTPServerConfiguration(limits: limits, timeouts: testTimeouts))
        async let slow = ChildProcess.offPool { () -> (String, Bool) in
            guard let connection = RawConnection(port: port) else { return ("", false) }
            var stillAccepted = true
            for byte in "GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ".utf8 {
                stillAccepted = connection.send([byte]) && stillAccepted
                usleep(50_000)  // 50 ms a byte: the 400 ms header timeout passes long before the head ends
                if !stillAccepted { break }
            }
            return (connection.readToEnd(), stillAccepted)
        }
        let fast = await exchange(port, "GET /fast HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(statusLine(fast) == "HTTP/1.1 200 OK")
        let (slowResponse, _) = await slow
        #expect(statusLine(slowResponse) == "HTTP/1.1 408 Request Timeout")
        #expect(server.statistics.headerTimeouts == 1)
        await server.shutdown()
    }

    @Test func aTruncatedBodyTimesOutWith408() async throws {
        let (server, port) = try startPlainServer(configuration: HTTPServerConfiguration(limits: limits, timeouts: testTimeouts))
        let response = await exchange(port, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        #expect(statusLine(response) == "HTTP/1.1 408 Request Timeout")
        #expect(server.statistics.bodyTimeouts == 1)
        await server.shutdown()
    }

    @Test func aConnectionThatSendsNothingIsClosed() async throws {
        let (server, port) = try startPlainServer()
        let closed = await ChildProcess.offPool { RawConnection(port: port)?.readToEnd() }
        #expect(closed == "")
        #expect(server.statistics.headerTimeouts == 1)
        await server.shutdown()
    }

    @Test func anIdleKeepAliveConnectionIsClosedAfterTheIdleTimeout() async throws {
        let (server, port) = try startPlainServer(configuration: HTTPServerConfiguration(timeouts: shortIdleTimeouts))
        let rest = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "x" }
            connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = connection.readResponse()
            return connection.readToEnd()
        }
        #expect(rest == "")
        #expect(server.statistics.idleTimeouts == 1)
        await server.shutdown()
    }

    @Test func beyondTheConnectionCapClientsGet503WithRetryAfter() async throws {
        // Default (long) timeouts: the two held connections must stay open however slow the machine is.
        let configuration = HTTPServerConfiguration(maxConnections: 2, retryAfterSeconds: 7)
        let (server, port) = try startPlainServer(configuration: configuration)
        let response = await ChildProcess.offPool { () -> String in
            let held = [RawConnection(port: port), RawConnection(port: port)]
            // Both requests go out before either reply is read: a held connection that sent nothing until the
            // other's reply came (seconds, in a parallel run where handlers queue for the pool) met the header
            // timeout and freed its slot, and the third client was served.
            held.forEach { $0?.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n") }
            held.forEach { _ = $0?.readResponse() }
            guard let third = RawConnection(port: port) else { return "" }
            third.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            return third.readToEnd()
        }
        #expect(statusLine(response) == "HTTP/1.1 503 Service Unavailable")
        #expect(response.contains("Retry-After: 7\r\n"))
        #expect(server.statistics.rejectedConnections == 1)
        await server.shutdown()
    }
}
