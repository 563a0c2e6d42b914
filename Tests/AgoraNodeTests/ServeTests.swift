import AgoraTesting
import Foundation
import Testing
import AgoraCore
import AgoraHTTP
import AgoraCrypto
@testable import AgoraNode

/// The real server on 127.0.0.1 port 0, checked with curl, our own TLS client and the admin client.
@Suite("Node server")
struct ServeTests {
    @Test func curlWithTheRightPinSearchesAndAWrongPinIsRefused() async throws {
        let served = try await ServedCatalog.start()
        let right = await served.curl("/api/v1/search?q=portal", pin: served.server.pin)
        #expect(right.status == 0)
        #expect(right.body.contains("tirana/practice/open-data-portal"))
        let wrongPin = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
        let wrong = await served.curl("/healthz", pin: wrongPin)
        #expect(wrong.status == 90, "curl exit 90: the public key does not match the pin")
        await served.stop()
    }

    @Test func ourOwnPinnedClientReadsTheAPIAndSees304() async throws {
        let served = try await ServedCatalog.start()
        let client = try HTTPClient()
        let endpoint = HTTPEndpoint.tls(host: "127.0.0.1", port: served.server.port, pin: served.server.pin)
        let first = try await client.send(HTTPClientRequest(target: "/api/v1/records/sofia/practice/digital-skills"), to: endpoint)
        #expect(first.status == .ok)
        let tag = try #require(first.headers["ETag"])
        let second = try await client.send(HTTPClientRequest(target: "/api/v1/records/sofia/practice/digital-skills",
                                                             headers: ["If-None-Match": tag]), to: endpoint)
        #expect(second.status == .notModified)
        let wrong = HTTPEndpoint.tls(host: "127.0.0.1", port: served.server.port, pin: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")
        await #expect(throws: HTTPClientError.self) { try await client.send(HTTPClientRequest(target: "/healthz"), to: wrong) }
        await served.stop()
    }

    @Test func adminWritesGoOverTheSocketAndLoopbackNeedsTheToken() async throws {
        let writer = RecordingWriter()
        let served = try await ServedCatalog.start(writer: writer)
        let socket = served.catalog.directory + "/admin.sock"
        var info = stat()
        #expect(stat(socket, &info) == 0 && info.st_mode & 0o777 == 0o600)
        let admin = try #require(await AdminClient.running(in: served.catalog.directory))
        let result = try await admin.delete(record: "tirana/practice/open-data-portal")
        #expect(result.changes == [RecordingWriter.changeID])
        await #expect(throws: AdminClientError.self) { try await admin.redact(change: "not-hex", reason: nil) }
        let huge = JSONValue.object(["text": .string(String(repeating: "a", count: AdminAPI.maximumBodyBytes))])
        do {
            _ = try await admin.publish(document: huge)
            Issue.record("a body over the admin limit was accepted")
        } catch {
            #expect(error.status == 413 && error.serverCode == "too_large")
        }
        let noToken = await served.curl("/admin/v1/records/tirana/practice/x", pin: served.server.pin,
                                        ["-X", "DELETE", "-o", "/dev/null", "-w", "%{http_code}"])
        #expect(noToken.body == "401")
        let withToken = await served.curl("/admin/v1/records/tirana/practice/x", pin: served.server.pin,
                                          ["-X", "DELETE", "-H", "Authorization: Bearer \(APIAdminTests.token)"])
        #expect(PublishResult(json: (try? CanonicalJSON.decode(Array(withToken.body.utf8))) ?? .null)?.record == "tirana/practice/x")
        #expect(await writer.calls == ["delete tirana/practice/open-data-portal", "delete tirana/practice/x"])
        await served.stop()
    }

    @Test func shutdownClosesTheStoreRemovesTheSocketAndLogsAsJSON() async throws {
        let served = try await ServedCatalog.start()
        let directory = served.catalog.directory
        await served.server.shutdown()
        #expect(!FileManager.default.fileExists(atPath: directory + "/admin.sock"))
        #expect(await AdminClient.running(in: directory) == nil)
        let events = served.lines.all.compactMap { try? CanonicalJSON.decode(Array($0.utf8))["event"]?.stringValue }
        #expect(events == ["listening", "stopping", "stopped"])
        let listening = try CanonicalJSON.decode(Array(served.lines.all[0].utf8))
        #expect(listening["pin"]?.stringValue == "sha256//" + served.server.pin)
        await served.server.shutdown()
        try? FileManager.default.removeItem(atPath: directory)
    }
}

/// The federation port asks every client for a certificate and hands its pin to the handlers.
@Suite("Federation port")
struct FederationPortTests {
    @Test func aClientWithACertificateButNoRosterPinIsRefusedWith403AndAReason() async throws {
        let served = try await ServedCatalog.start(federation: true)
        let port = try #require(served.server.federationPort)
        let client = try TLSIdentity.generate(commonName: "sofia", subjectAltNames: ["localhost"], validDays: 2)
        let certificate = served.catalog.directory + "/client.pem", key = served.catalog.directory + "/client.key"
        try client.certificatePEM.write(toFile: certificate, atomically: true, encoding: .utf8)
        try client.privateKeyPEM.write(toFile: key, atomically: true, encoding: .utf8)
        let url = "https://127.0.0.1:\(port)/federation/v1/hello"
        let base = ["-sS", "--tlsv1.3", "--max-time", "\(curlPatienceSeconds)", "-k", "--pinnedpubkey", "sha256//\(served.server.pin)"]
        let with = await ChildProcess.run("/usr/bin/curl", base + ["-w", "\n%{http_code}", "--cert", certificate, "--key", key, url])
        #expect(with.status == 0)
        let parts = with.output.split(separator: "\n")
        #expect(parts.last == "403", "a pin no roster admits is refused")
        let answer = try CanonicalJSON.decode(Array((parts.first ?? "").utf8))
        #expect(answer["error"]?["code"]?.stringValue == "no-roster", "\(with.output)")
        let without = await ChildProcess.run("/usr/bin/curl", base + [url])
        #expect(without.status != 0, "the federation port refuses a client with no certificate")
        let publicPort = await served.curl("/federation/v1/hello", pin: served.server.pin, ["-o", "/dev/null", "-w", "%{http_code}"])
        #expect(publicPort.body == "404", "federation routes are not on the public port")
        await served.stop()
    }
}
