import AgoraTesting
import Foundation
import Testing
import AgoraCore
import AgoraHTTP
@testable import AgoraNode

/// The served node with real clients: streamed exports, the access log, and IPv4 loopback on an
/// IPv6 listener (issue 16, items 2 and 10).
@Suite("Node server limits")
struct ServeLimitTests {
    @Test func curlGetsTheExportChunkedWithoutALengthAndHEADReadsNothing() async throws {
        let served = try await ServedCatalog.start(exports: true)
        let headers = served.catalog.directory + "/headers.txt"
        let get = await served.curl("/api/v1/export?format=jsonl", pin: served.server.pin, ["-D", headers])
        #expect(get.status == 0)
        #expect(Array(get.body.utf8) == served.catalog.changes.flatMap(JSONLinesExport.lineWithNewline))
        let head = ((try? String(contentsOfFile: headers, encoding: .utf8)) ?? "").lowercased()
        #expect(head.contains("transfer-encoding: chunked"))
        #expect(!head.contains("content-length"))
        #expect(!head.contains("\netag:"))
        let onlyHead = await served.curl("/api/v1/export?format=dcat", pin: served.server.pin, ["-I"])
        #expect(onlyHead.body.hasPrefix("HTTP/1.1 200 OK"))
        #expect(onlyHead.body.lowercased().contains("content-type: application/ld+json"))
        let twice = await served.curl("/api/v1/export?format=csv&format=jsonl", pin: served.server.pin, ["-o", "/dev/null", "-w", "%{http_code}"])
        #expect(twice.body == "400")
        await served.stop()
    }

    @Test func everyRequestIsOneAccessLineWithoutItsQueryOrFullAddress() async throws {
        let served = try await ServedCatalog.start()
        _ = await served.curl("/api/v1/search?q=someone+private", pin: served.server.pin)
        _ = await served.curl("/nowhere", pin: served.server.pin)
        var requests: [JSONValue] = []
        for _ in 0..<600 {
            requests = served.lines.all.compactMap { try? CanonicalJSON.decode(Array($0.utf8)) }.filter { $0["event"]?.stringValue == "request" }
            if requests.count >= 2 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(requests.map { $0["path"]?.stringValue } == ["/api/v1/search", "/nowhere"])
        #expect(requests.map { $0["status"]?.numberValue } == [200, 404])
        #expect(requests.allSatisfy { $0["client"]?.stringValue == "127.0.0.0/24" && $0["listener"]?.stringValue == "public" })
        let text = requests.map { String(decoding: CanonicalJSON.encode($0), as: UTF8.self) }.joined()
        #expect(!text.contains("private"), "search words stay out of the log")
        #expect(!text.contains("127.0.0.1"), "no full client address")
        await served.stop()
    }

    @Test func adminCallsFromIPv4LoopbackAreLocalWhenTheNodeListensOnIPv6() async throws {
        let writer = RecordingWriter()
        guard let served = try? await ServedCatalog.start(writer: writer, host: "::") else {
            print("skipped: this machine cannot listen on :: (no IPv6)")
            return
        }
        let result = await ChildProcess.run("/usr/bin/curl", [
            "-sS", "--tlsv1.3", "--max-time", "\(curlPatienceSeconds)", "-k", "--pinnedpubkey", "sha256//\(served.server.pin)",
            "-X", "DELETE", "-H", "Authorization: bearer \(APIAdminTests.token)", "-o", "/dev/null", "-w", "%{http_code}",
            "https://127.0.0.1:\(served.server.port)/admin/v1/records/tirana/practice/x",
        ])
        #expect(result.output == "200", "\(result.error)")
        #expect(await writer.calls == ["delete tirana/practice/x"])
        await served.stop()
    }
}
