import AgoraTesting
import Foundation
import Testing
@testable import AgoraHTTP

/// The access-log hook and the end of streamed bodies, seen from a real socket.
@Suite struct HTTPServerAccessLogTests {
    final class Collected: @unchecked Sendable {
        // @unchecked: `records` and `finishes` are only touched under `lock`.
        let lock = NSLock()
        var records: [HTTPAccessRecord] = []
        var finishes: [Bool] = []
        func add(_ more: [HTTPAccessRecord]) { lock.withLock { records += more } }
        func finished(_ completed: Bool) { lock.withLock { finishes.append(completed) } }
        var snapshot: ([HTTPAccessRecord], [Bool]) { lock.withLock { (records, finishes) } }
    }

    func waitFor(_ collected: Collected, _ condition: ([HTTPAccessRecord], [Bool]) -> Bool) async {
        for _ in 0..<600 where !condition(collected.snapshot.0, collected.snapshot.1) {
            try? await Task.sleep(for: .milliseconds(50))
        }
    }

    func start(_ collected: Collected, stream: @escaping @Sendable () -> HTTPBodyStream) throws -> (HTTPServer, UInt16) {
        var configuration = HTTPServerConfiguration(timeouts: testTimeouts)
        configuration.accessLog = { collected.add($0) }
        return try startPlainServer(configuration: configuration) { request in
            guard request.path == "/stream" else { return .text("small") }
            var response = HTTPResponse()
            response.stream = stream()
            return response
        }
    }

    @Test func everyResponseMakesOneRecordWithoutTheQuery() async throws {
        let collected = Collected()
        let (server, port) = try start(collected) { .pieces([]) }
        _ = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("GET /a?q=secret+words HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return connection.readToEnd()
        }
        await waitFor(collected) { records, _ in records.count >= 2 }
        let records = collected.snapshot.0
        #expect(records.map(\.path) == ["/a", "/b"])
        #expect(records.allSatisfy { $0.method == .get && $0.status == 200 && $0.completed && $0.bytes > 0 })
        #expect(records.first?.client.truncated == "127.0.0.0/24")
        #expect(records.first?.listener == "http")
        await server.shutdown()
    }

    @Test func aStreamIsFinishedOnceWhenCompleteAndWhenHEADNeverPullsIt() async throws {
        let collected = Collected()
        let (server, port) = try start(collected) {
            let pieces = Locked([Array("one\n".utf8), Array("two\n".utf8)][...])
            return HTTPBodyStream({ pieces.withLock { $0.popFirst() } }, finish: { collected.finished($0) })
        }
        let wire = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("HEAD /stream HTTP/1.1\r\nHost: x\r\n\r\nGET /stream HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            return connection.readToEnd()
        }
        #expect(wire.hasSuffix("4\r\none\n\r\n4\r\ntwo\n\r\n0\r\n\r\n"))
        await waitFor(collected) { records, finishes in finishes.count >= 2 && records.count >= 2 }
        #expect(collected.snapshot.1 == [false, true], "HEAD abandons the stream unpulled; GET completes it")
        await server.shutdown()
    }

    @Test func aClientThatLeavesMidStreamAbandonsItAndTheRecordSaysIncomplete() async throws {
        let collected = Collected()
        let (server, port) = try start(collected) {
            HTTPBodyStream({ [UInt8](repeating: 0x61, count: 64 * 1024) }, finish: { collected.finished($0) })
        }
        _ = await ChildProcess.offPool { () -> Int in
            guard let connection = RawConnection(port: port) else { return 0 }
            connection.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
            var buffer = [UInt8](repeating: 0, count: 4096)
            return recv(connection.fd, &buffer, buffer.count, 0)  // a little, then the connection closes
        }
        await waitFor(collected) { records, finishes in !finishes.isEmpty && !records.isEmpty }
        #expect(collected.snapshot.1 == [false], "an endless stream is released once its client is gone")
        #expect(collected.snapshot.0.last?.completed == false)
        await server.shutdown()
    }

    @Test func aFailingStreamCutsTheConnectionWithoutTheLastChunk() async throws {
        struct Broken: Error {}
        let collected = Collected()
        let (server, port) = try start(collected) {
            let pulls = Locked(0)
            return HTTPBodyStream({
                let count = pulls.withLock { $0 += 1; return $0 }
                if count > 1 { throw Broken() }
                return Array("partial\n".utf8)
            }, finish: { collected.finished($0) })
        }
        let wire = await ChildProcess.offPool { () -> String in
            guard let connection = RawConnection(port: port) else { return "" }
            connection.send("GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
            return connection.readToEnd()
        }
        #expect(wire.hasSuffix("8\r\npartial\n\r\n"), "no terminating 0-chunk: \(wire)")
        await waitFor(collected) { records, finishes in !finishes.isEmpty && !records.isEmpty }
        #expect(collected.snapshot.1 == [false])
        #expect(collected.snapshot.0.last?.completed == false)
        await server.shutdown()
    }
}
