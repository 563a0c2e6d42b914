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

    /// Signed changes of `node`'s city: a practice with a title, body-less once redacted.
    struct History {
        let erased: String      // the practice's publish change, its bodies erased
        let redaction: String   // the change that erased them
        let fillers: [String]   // other practices
    }

    func history(_ node: NodeFixture, fillers count: Int) throws -> History {
        let key = try KeyFile.readEd25519PrivateKey(at: node.directory.appendingPathComponent("node/keys/signing.key").path)
        let signer = ChangeSigner(crypto: OpenSSLChangeCryptography())
        func sign(_ record: String, _ ms: UInt64, _ operations: [UnsignedOperation]) throws -> VerifiedChange {
            try signer.sign(UnsignedChange(coalition: "ccdr", record: try #require(RecordID(record)), city: "tirana",
                                           hlc: HLCTimestamp(milliseconds: ms), operations: operations), key: key)
        }
        let line = { (change: SignedChange) in String(decoding: change.wireBytes, as: UTF8.self) }
        let leak = try sign("tirana/practice/contact", 1_700_000_000_000, [.set(field: "title", language: "sq", value: .string("Shkruani te ana.example@mail.invalid"))])
        let redaction = try sign("tirana/practice/contact", 1_700_000_000_001, [.redact(change: leak.id)])
        let fillers = try (0..<count).map { index in
            line(try sign("tirana/practice/p-\(index)", 1_700_000_001_000 + UInt64(index),
                          [.set(field: "title", language: "en", value: .string("Practice \(index)"))]).change)
        }
        return History(erased: line(leak.change.withoutBodies), redaction: line(redaction.change), fillers: fillers)
    }

    @Test func aBodylessChangeWhoseRedactionComesBatchesLaterIsKept() async throws {
        // What an export of a node that erased a change looks like: the body-less change first,
        // in arrival order, and its redaction more than a batch later.
        let node = try await NodeFixture.make()
        let history = try history(node, fillers: LocalNode.importBatchSize + 10)
        try node.write("changes.jsonl", ([history.erased] + history.fillers + [history.redaction]).joined(separator: "\n") + "\n")
        let result = await node.run(["import", "changes.jsonl"])
        let total = history.fillers.count + 2
        #expect(result.code == .success, "\(result.err)")
        #expect(result.out == "changes.jsonl: \(total) lines: \(total) accepted, 0 duplicate, 0 refused\n")
        let shown = await node.run(["show", "tirana/practice/contact", "--history"])
        #expect(shown.out.contains("redacted") && !shown.out.contains("ana.example"), "\(shown.out)")
    }

    @Test(arguments: [(lines: 0, bytes: LocalNode.maximumDeferredBytes), (lines: LocalNode.maximumDeferredLines, bytes: 100)])
    func bodylessChangesPastADeferralLimitAreRefusedAtOnce(limits: (lines: Int, bytes: Int)) async throws {
        // Past the line limit, or past the byte limit (the body-less line is longer than 100 bytes).
        let node = try await NodeFixture.make(label: "deferral-\(limits.lines)-\(limits.bytes)")
        let history = try history(node, fillers: LocalNode.importBatchSize + 10)
        let text = ([history.erased] + history.fillers + [history.redaction]).joined(separator: "\n") + "\n"
        let local = try LocalNode(directory: NodeDirectory(root: node.directory.appendingPathComponent("node")), writable: true)
        var chunks = [Data(text.utf8)]
        let reader = LineReader { _ in chunks.isEmpty ? Data() : chunks.removeFirst() }
        let report = try await local.importChanges(from: reader, deferring: limits)
        #expect(report.refusals.map(\.code) == ["missing-body"] && report.refusals.first?.line == 1, "\(report.refusals)")
        #expect(report.accepted == history.fillers.count + 1, "\(report)")
    }
}
