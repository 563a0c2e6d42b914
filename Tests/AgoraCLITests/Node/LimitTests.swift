import AgoraCore
import AgoraCrypto
import AgoraNode
import Foundation
import Testing
@testable import AgoraCLI

/// Every limit of the CLI is named, documented in docs/CLI.md, and checked here.
@Suite struct LimitTests {
    @Test func aRecordFileOverTheLimitIsRefusedBeforeParsing() async throws {
        let node = try await NodeFixture.make()
        let padding = String(repeating: " ", count: RecordFiles.maximumBytes)
        try node.write("big.json", NodeFixture.practice() + padding)
        let result = await node.run(["publish", "big.json"])
        #expect(result.code == .failure)
        #expect(result.err.contains("over the limit of \(RecordFiles.maximumBytes) bytes"))
    }

    @Test func aConfigOverTheLimitIsRefused() async throws {
        let node = try await NodeFixture.make()
        try node.write("node/node.json", "{}" + String(repeating: " ", count: NodeDirectory.maximumConfigBytes))
        let result = await node.run(["search", "x"])
        #expect(result.code == .failure)
        #expect(result.err.contains("over the limit of \(NodeDirectory.maximumConfigBytes) bytes"))
    }

    @Test func importGoesInBatchesAndReportsEach() async throws {
        let node = try await NodeFixture.make()
        let key = try KeyFile.readEd25519PrivateKey(at: node.directory.appendingPathComponent("node/keys/signing.key").path)
        let signer = ChangeSigner(crypto: OpenSSLChangeCryptography())
        let count = LocalNode.importBatchSize + 1
        var lines: [String] = []
        for index in 0..<count {
            let unsigned = UnsignedChange(
                coalition: "ccdr", record: try #require(RecordID("tirana/practice/p-\(index)")), city: "tirana",
                hlc: HLCTimestamp(milliseconds: 1_700_000_000_000 + UInt64(index)),
                operations: [.set(field: "title", language: "en", value: .string("Practice \(index)"))])
            lines.append(String(decoding: try signer.sign(unsigned, key: key).change.wireBytes, as: UTF8.self))
        }
        try node.write("changes.jsonl", lines.joined(separator: "\n") + "\n")
        let result = await node.run(["import", "changes.jsonl"])
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out == "changes.jsonl: \(count) lines: \(count) accepted, 0 duplicate, 0 refused\n")
        #expect(result.err == "import: \(count - 1)/\(count) (99%)\nimport: \(count)/\(count) (100%)\n")
    }
}
