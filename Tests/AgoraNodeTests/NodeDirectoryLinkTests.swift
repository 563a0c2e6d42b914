import AgoraStore
import Foundation
import Testing
@testable import AgoraNode

/// A symbolic link planted in place of the node's configuration, keys or TLS files is refused
/// with a message naming the file, and the file it points to is neither read nor changed (issue 16.5).
@Suite struct NodeDirectoryLinkTests {
    /// A fresh node, with `relativePath` replaced by a link to a copy of itself outside the directory.
    func nodeWithPlantedLink(at relativePath: String) async throws -> (NodeDirectory, victim: String, before: Data) {
        let root = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("agora-links-\(UUID().uuidString.prefix(8))")
        let directory = try await NodeDirectory.create(at: root, config: NodeConfig(cityID: "tirana", cityName: "Tirana", country: "AL"))
        let planted = directory.url(for: relativePath).path
        let victim = root.path + "-victim-" + (relativePath as NSString).lastPathComponent
        try FileManager.default.moveItem(atPath: planted, toPath: victim)
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: victim)
        return (directory, victim, try Data(contentsOf: URL(fileURLWithPath: victim)))
    }

    func message(_ body: () async throws -> Void) async -> String {
        do { try await body() } catch { return "\(error)" }
        return "no error"
    }

    @Test(arguments: ["node.json", "keys/directory.json", "keys/signing.key", "agora.db"])
    func openingTheNodeRefusesALink(_ relativePath: String) async throws {
        let (directory, victim, before) = try await nodeWithPlantedLink(at: relativePath)
        let text = await message { _ = try LocalNode(directory: directory, writable: true) }
        #expect(text.contains(directory.url(for: relativePath).path))
        #expect(text.contains("is a symbolic link"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == before)
    }

    @Test(arguments: ["tls/certificate.pem", "tls/key.pem"])
    func servingRefusesALinkInPlaceOfATLSFile(_ relativePath: String) async throws {
        let (directory, victim, before) = try await nodeWithPlantedLink(at: relativePath)
        let text = await message { _ = try await ServedNode.open(directory) }
        #expect(text.contains(directory.url(for: relativePath).path))
        #expect(text.contains("is a symbolic link"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: victim)) == before)
        #expect(WriterLock.holder(directory: directory.root.path) == nil)
    }

    @Test func theAdminTokenIsNotReadThroughALink() async throws {
        let (directory, victim, _) = try await nodeWithPlantedLink(at: "node.json")
        try FileManager.default.removeItem(atPath: directory.configURL.path)
        try FileManager.default.createSymbolicLink(atPath: directory.root.path + "/" + AdminToken.fileName, withDestinationPath: victim)
        let text = await message { _ = try AdminToken.loadOrCreate(in: directory.root.path) }
        #expect(text.contains("refusing the admin token"))
        #expect(text.contains("is a symbolic link"))
    }
}
