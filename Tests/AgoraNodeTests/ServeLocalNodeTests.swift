import Foundation
import Testing
import AgoraCore
import AgoraHTTP
import AgoraStore
@testable import AgoraNode

/// `agora serve`'s wiring on a real node directory: the server holds the writer lock, and writes
/// handed over the admin socket are signed by the node and visible to readers at once.
@Suite("Serve a real node")
struct ServeLocalNodeTests {
    static let document = """
        {"id":"tirana/practice/open-data-portal","kind":"practice","city":"tirana","country":"AL","originalLanguage":"sq",
         "title":{"sq":"Portali i të dhënave të hapura","en":"Open data portal"},
         "summary":{"sq":"Bashkia publikon të dhënat statistikore.","en":"The municipality publishes statistical data."},
         "stage":"implementation","themes":["transparency/open-data"],
         "sources":[{"title":"Tirana open data","seed":"001_216994fb3af8ac8c"}]}
        """

    @Test func writesOverTheSocketAreSignedByTheNodeAndTheServerHoldsTheLock() async throws {
        let root = URL(fileURLWithPath: NSTemporaryDirectory() + "agora-serve-node-\(UUID().uuidString.prefix(8))")
        defer { try? FileManager.default.removeItem(at: root) }
        let directory = try await NodeDirectory.create(at: root, config: NodeConfig(cityID: "tirana", cityName: "Tirana", country: "AL"),
                                                       tlsNames: ["127.0.0.1"])
        let served = try await ServedNode.open(directory)
        let configuration = NodeServer.Configuration(port: 0, credentials: served.credentials,
                                                     adminSocketPath: AdminClient.socketPath(in: root.path), adminToken: served.adminToken)
        let server = try NodeServer.start(configuration, services: .init(store: served.store, writer: LocalNodeWriter(node: served.node),
                                                                          exporter: served.node), log: NodeLog { _ in })
        #expect(throws: StoreError.self) { _ = try LocalNode(directory: directory, writable: true) }

        let admin = try #require(await AdminClient.running(in: root.path))
        let published = try await admin.publish(document: try CanonicalJSON.decode(Array(Self.document.utf8)))
        #expect(published.changes.count == 1 && published.operations > 0 && published.ineffectiveReason == nil)
        let again = try await admin.publish(document: try CanonicalJSON.decode(Array(Self.document.utf8)))
        #expect(again.isUnchanged)
        let id = try #require(RecordID("tirana/practice/open-data-portal"))
        let edited = try await admin.edit(record: id, edits: [try FieldEdit.parse("stage=scaling", language: nil)])
        #expect(edited.changes.count == 1)
        let foreign = JSONValue.object(["id": .string("sofia/practice/x"), "kind": .string("practice"), "city": .string("sofia")])
        await #expect(throws: AdminClientError.self) { try await admin.publish(document: foreign) }

        let client = try HTTPClient()
        let endpoint = HTTPEndpoint.tls(host: "127.0.0.1", port: server.port, pin: server.pin)
        let record = try await client.send(HTTPClientRequest(target: "/api/v1/search?q=dhena&lang=en"), to: endpoint)
        let hit = try CanonicalJSON.decode(record.body)["hits"]?.arrayValue?.first
        #expect(hit?["stage"]?.stringValue == "scaling")
        #expect(hit?["title"]?.stringValue == "Open data portal")
        let history = try await client.send(HTTPClientRequest(target: "/api/v1/records/tirana/practice/open-data-portal/history"), to: endpoint)
        let changes = try CanonicalJSON.decode(history.body)["changes"]?.arrayValue ?? []
        #expect(changes.count == 2 && changes.allSatisfy { $0["signatureVerified"] == .bool(true) && $0["effective"] == .bool(true) })
        await server.shutdown()
        let reopened = try LocalNode(directory: directory, writable: true)
        await reopened.close()
    }
}
