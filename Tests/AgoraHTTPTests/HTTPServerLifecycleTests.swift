import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

@Suite struct HTTPServerLifecycleTests {
    @Test func theAdminUnixSocketIsOwnerOnlyAndServesPlainHTTP() async throws {
        let directory = TemporaryDirectory()
        let path = directory.file("admin.sock")
        let server = try HTTPServer.start([HTTPListener(address: .unix(path: path), security: .plain, handler: { request in
            .text("local=\(request.isLocal) \(request.remoteAddress)")
        })], configuration: HTTPServerConfiguration(timeouts: testTimeouts))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(server.port(0) == nil)
        let response = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(unixPath: path) else { return "" }
            connection.send("GET / HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n")
            return connection.readToEnd()
        }
        #expect(response.hasSuffix("\r\n\r\nlocal=true unix"))
        await server.shutdown()
        #expect(!FileManager.default.fileExists(atPath: path), "the socket file is removed at shutdown")
    }

    @Test func shutdownFinishesInFlightRequestsClosesIdleOnesAndStopsAccepting() async throws {
        let started = Locked(false)
        let (server, port) = try startPlainServer(handler: { request in
            started.withLock { $0 = true }
            try? await Task.sleep(for: .milliseconds(150))
            return .text("finished \(request.path)")
        })
        let idle = await ChildProcess.offPool { () -> RawConnection? in
            let connection = RawConnection(port: port)
            connection?.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\n")
            _ = connection?.readResponse()
            return connection
        }
        async let inFlight = ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("GET /slow HTTP/1.1\r\nHost: x\r\n\r\n")
            return connection.readToEnd()
        }
        while !started.withLock({ $0 }) || server.statistics.requests < 2 { try await Task.sleep(for: .milliseconds(5)) }
        // A grace period far beyond the 150 ms handler: finishing in flight is what is tested, not the deadline,
        // and the handler can wait seconds for a pool thread in a parallel run. Shutdown returns once it is done.
        await server.shutdown(gracePeriod: .seconds(60))
        let response = await inFlight
        #expect(response.hasSuffix("Connection: close\r\n\r\nfinished /slow"))
        #expect(await ChildProcess.offPool { idle?.isClosedByPeer() } == true)
        #expect(await ChildProcess.offPool { RawConnection(port: port) } == nil, "nothing listens after shutdown")
    }

    @Test func shutdownClosesWhatIsLeftAtTheDeadline() async throws {
        let (server, port) = try startPlainServer(handler: { _ in
            try? await Task.sleep(for: .seconds(3))
            return .text("too late")
        })
        async let stuck = ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "x" }
            connection.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n")
            return connection.readToEnd()
        }
        while server.statistics.requests < 1 { try await Task.sleep(for: .milliseconds(5)) }
        await server.shutdown(gracePeriod: .milliseconds(100))
        #expect(await stuck == "")
    }

    @Test func startFailsCleanlyWhenThePortIsTaken() async throws {
        let (server, port) = try startPlainServer()
        #expect {
            try HTTPServer.start([HTTPListener(address: .tcp(host: "127.0.0.1", port: port), security: .plain, handler: echoHandler)])
        } throws: { ($0 as? HTTPServerError)?.code == .listen }
        await server.shutdown()
    }

    @Test func theOpenFilesLimitIsRaisedToTheHardLimit() {
        let limits = OpenFilesLimit.raiseToHardLimit()
        #expect(limits.soft == limits.hard)
    }
}
