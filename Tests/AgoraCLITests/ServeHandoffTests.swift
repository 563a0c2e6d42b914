import Foundation
import Testing
import AgoraNode
@testable import AgoraCLI

/// The write commands while `agora serve` runs: they hand their writes to the server over the
/// admin socket (the server holds the writer lock), and write locally again once it stops.
@Suite("Serve handoff")
struct ServeHandoffTests {
    @Test func writeCommandsGoThroughTheRunningServer() async throws {
        let fixture = try await NodeFixture.make()
        let directory = NodeDirectory(root: fixture.directory.appendingPathComponent("node"))
        let served = try await ServedNode.open(directory)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: directory.root.path),
                                                     adminToken: served.adminToken)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node), log: NodeLog { _ in })
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
}
