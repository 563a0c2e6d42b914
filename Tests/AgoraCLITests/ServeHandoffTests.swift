import Foundation
import Testing
@testable import AgoraNode
@testable import AgoraCLI

/// The write commands while `agora serve` runs: they hand their writes to the server over the
/// admin socket (the server holds the writer lock), and write locally again once it stops.
@Suite("Serve handoff")
struct ServeHandoffTests {
    /// Serves the fixture's node in this process, as `agora serve` does.
    func serve(_ fixture: NodeFixture) async throws -> (ServedNode, NodeServer) {
        let directory = NodeDirectory(root: fixture.directory.appendingPathComponent("node"))
        let served = try await ServedNode.open(directory)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: directory.root.path),
                                                     adminToken: served.adminToken)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node), log: NodeLog { _ in })
        return (served, server)
    }

    @Test func writeCommandsGoThroughTheRunningServer() async throws {
        let fixture = try await NodeFixture.make()
        let (served, server) = try await serve(fixture)
        try fixture.write("portal.json", NodeFixture.practice())
        let published = await fixture.run(["publish", "portal.json"])
        #expect(published.code == .success, "\(published.err)")
        #expect(published.out.hasPrefix("published tirana/practice/open-data-portal"))
        let edited = await fixture.run(["edit", "tirana/practice/open-data-portal", "--set", "stage=scaling"])
        #expect(edited.code == .success, "\(edited.err)")
        #expect(try await served.store.record("tirana/practice/open-data-portal")?.contains("scaling") == true)
        let refused = await fixture.run(["delete", "tirana/practice/no-such-record"])
        #expect(refused.code == .failure)
        await server.shutdown()
        let local = await fixture.run(["delete", "tirana/practice/open-data-portal"])
        #expect(local.code == .success, "\(local.err)")
        #expect(local.out.hasPrefix("deleted tirana/practice/open-data-portal"))
    }

    /// A record whose change would be just over the protocol's 256 KiB (issue 16.8): eight
    /// descriptions of 30,000 bytes and a challenge of 19,000 make a 259 KB file.
    static let oversizedPractice = NodeFixture.practice(extra: """

          "description": {\(["en", "sq", "fr", "de", "it", "es", "nl", "ca"].map { "\"\($0)\": \"\(String(repeating: $0, count: 15_000))\"" }.joined(separator: ", "))},
          "challenge": {"en": "\(String(repeating: "c", count: 19_000))"},
        """)

    @Test func oversizedRecordHasOneMessage() async throws {
        let fixture = try await NodeFixture.make()
        try fixture.write("big.json", Self.oversizedPractice)
        let direct = await fixture.run(["publish", "big.json"])
        let (_, server) = try await serve(fixture)
        let handed = await fixture.run(["publish", "big.json"])
        await server.shutdown()
        #expect(direct.code == .failure)
        #expect(direct.err.contains("big.json: tirana/practice/open-data-portal: oversized: the change would be "))
        #expect(direct.err.contains("; a change is at most 262144 bytes"))
        #expect(handed.code == .failure)
        #expect(handed.err == direct.err)
        let history = await fixture.run(["show", "tirana/practice/open-data-portal"])
        #expect(history.code != .success, "nothing was stored: \(history.out)")
    }

    /// A node directory deeper than a socket address holds (107 bytes) still gets its admin socket
    /// in the directory, and the CLI reaches it (issue 16.10).
    @Test func aDeepNodeDirectoryStillHasItsAdminSocket() async throws {
        let fixture = try await NodeFixture.make(label: "deep-" + String(repeating: "d", count: 110))
        let socket = AdminClient.socketPath(in: fixture.directory.appendingPathComponent("node").path)
        #expect(socket.utf8.count > SocketPathAlias.maximumDirectPathBytes)
        let (served, server) = try await serve(fixture)
        var info = stat()
        #expect(lstat(socket, &info) == 0 && info.st_mode & S_IFMT == S_IFSOCK && info.st_mode & 0o777 == 0o600)
        try fixture.write("portal.json", NodeFixture.practice())
        let published = await fixture.run(["publish", "portal.json"])
        #expect(published.code == .success, "\(published.err)")
        #expect(try await served.store.record("tirana/practice/open-data-portal") != nil)
        await server.shutdown()
        #expect(!FileManager.default.fileExists(atPath: socket))
    }

    @Test func aPortInUseIsSaidOnceInPlainWordsWithTheOptionToChange() async throws {
        let first = try await NodeFixture.make()
        let (_, server) = try await serve(first)
        let second = try await NodeFixture.make(city: "sofia", name: "Sofia")
        let refused = await second.run(["serve", "--public-port", String(server.port)])
        await server.shutdown()
        #expect(refused.code == .environment)
        #expect(refused.err.components(separatedBy: "cannot start the server").count == 2, "\(refused.err)")
        #expect(refused.err.contains("cannot listen on 127.0.0.1:\(server.port)"))
        #expect(!refused.err.contains("tcp(host:"))
        #expect(refused.err.contains("--public-port N"))
    }
}
