import AgoraCore
import AgoraCrypto
import AgoraNode
import AgoraTesting
import Foundation
import Testing
@testable import AgoraCLI

/// `agora import` and body-less lines (issue 12, item 1): a body-less line deferred for its
/// redaction is kept only when that redaction effectively redacts it, and a complete copy
/// imported later replaces a body-less one.
@Suite struct ImportBodylessTests {
    let record = "tirana/practice/budget"

    func sign(_ key: any ChangeSigningKey, _ ms: UInt64, _ operations: [UnsignedOperation]) throws -> VerifiedChange {
        try ChangeSigner(crypto: OpenSSLChangeCryptography()).sign(
            UnsignedChange(coalition: "ccdr", record: try #require(RecordID(record)), city: "tirana",
                           hlc: HLCTimestamp(milliseconds: ms), operations: operations), key: key)
    }

    func importing(_ changes: [SignedChange], into local: LocalNode) async throws -> ImportReport {
        var chunks = [Data(changes.map { String(decoding: $0.wireBytes, as: UTF8.self) + "\n" }.joined().utf8)]
        return try await local.importChanges(from: LineReader { _ in chunks.isEmpty ? Data() : chunks.removeFirst() })
    }

    @Test func aDeferredBodylessLineVouchedForByACompromisedKeyIsRefusedAndTheFullCopyCounts() async throws {
        let node = try await NodeFixture.make()
        let root = NodeDirectory(root: node.directory.appendingPathComponent("node"))
        let own = try KeyFile.readEd25519PrivateKey(at: node.directory.appendingPathComponent("node/keys/signing.key").path)
        let stolen = try TestKeys.privateKey("tirana-2")
        let directory = try KeyDirectory(Array(try root.keyDirectory().entries.values)
            + [KeyDirectory.Entry(key: stolen.publicKeyBytes, city: "tirana", status: .compromised)])
        try node.write("node/keys/directory.json", JSONWriter.pretty(directory.json) + "\n")

        let x = try sign(own, 1_700_000_000_000, [.set(field: "budget", language: nil, value: .string("EUR 5"))])
        let r = try sign(stolen, 1_700_000_000_001, [.redact(change: x.id)])
        let fillers = try (0..<(LocalNode.importBatchSize + 5)).map { index in
            try sign(own, 1_700_000_000_100 + UInt64(index), [.set(field: "title", language: "en", value: .string("Title \(index)"))]).change
        }
        let local = try LocalNode(directory: root, writable: true)
        let first = try await importing([x.change.withoutBodies] + fillers + [r.change], into: local)
        #expect(first.refusals.map(\.code) == ["missing-body"] && first.refusals.first?.line == 1, "\(first.refusals)")
        #expect(try await local.stateJSON(record)?.contains("EUR 5") == false)
        let second = try await importing([x.change], into: local)
        #expect(second.accepted == 1 && second.refusals.isEmpty)
        #expect(try await local.stateJSON(record)?.contains("\"budget\":\"EUR 5\"") == true)
        await local.close()
    }
}
