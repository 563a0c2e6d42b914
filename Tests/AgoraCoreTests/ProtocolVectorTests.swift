import Foundation
import Testing
import AgoraTesting
@testable import AgoraCore

/// Checks `protocol/vectors/` against this implementation. `scripts/gen-vectors` rewrites them
/// (it runs this suite with `AGORA_WRITE_VECTORS=1`).
@Suite struct ProtocolVectorTests {
    static let folder = ExternalVectors.projectRoot.appendingPathComponent("protocol/vectors")

    func load(_ name: String) throws -> JSONValue {
        try CanonicalJSON.decode(Array(try Data(contentsOf: ProtocolVectorTests.folder.appendingPathComponent(name))))
    }

    @Test func theCommittedVectorsAreWhatTheBuilderMakes() throws {
        let write = ProcessInfo.processInfo.environment["AGORA_WRITE_VECTORS"] == "1"
        for (name, json) in try VectorBuilder().files() {
            let bytes = Array((JSONWriter.pretty(json) + "\n").utf8)
            let url = ProtocolVectorTests.folder.appendingPathComponent(name)
            if write { try Data(bytes).write(to: url) }
            #expect(try load(name) == json, "\(name) differs from what this implementation produces; run scripts/gen-vectors")
        }
    }

    @Test func keysComeFromTheirSeeds() throws {
        for item in try load("keys.json")["keys"]?.arrayValue ?? [] {
            let name = item["name"]?.stringValue ?? ""
            #expect(item["seed"]?.stringValue == Hex.encode(TestKeys.seed(name)))
            #expect(item["publicKey"]?.stringValue == Hex.encode(try TestKeys.privateKey(name).publicKeyBytes))
        }
    }

    @Test func everySigningCaseReproducesByteForByte() throws {
        let cases = try load("changes.json")["cases"]?.arrayValue ?? []
        #expect(cases.count >= 6)
        for item in cases {
            let key = try TestKeys.privateKey(item["key"]?.stringValue ?? "")
            let unsigned = try UnsignedChange(json: item["unsigned"] ?? .null)
            let signed = try ChangeSigner(crypto: TestKeys.crypto).sign(unsigned, key: key)
            #expect(String(decoding: signed.header.canonicalBytes, as: UTF8.self) == item["canonicalHeader"]?.stringValue)
            #expect(Hex.encode(signed.header.signingMessage) == item["signedMessage"]?.stringValue)
            #expect(signed.id.hex == item["id"]?.stringValue)
            #expect(Hex.encode(TestKeys.crypto.sha256(Array((item["canonicalHeader"]?.stringValue ?? "").utf8))) == item["id"]?.stringValue)
            #expect(String(decoding: signed.change.wireBytes, as: UTF8.self) == item["wire"]?.stringValue)
        }
    }

    @Test func everyRejectionCaseGivesItsCode() throws {
        let file = try load("rejections.json")
        let directory = try KeyDirectory(json: file["directory"] ?? .null, crypto: TestKeys.crypto)
        let verifier = ChangeVerifier(crypto: TestKeys.crypto, coalition: "ccdr", directory: directory)
        let now = UInt64(file["now"]?.numberValue ?? 0)
        for item in file["cases"]?.arrayValue ?? [] {
            let result = verifier.verify(Array((item["wire"]?.stringValue ?? "").utf8), wallMilliseconds: now)
            let code: String
            switch result {
            case .success: code = "none"
            case .failure(let rejection): code = rejection.code.name
            }
            #expect(code == item["expected"]?.stringValue, "case \(item["name"]?.stringValue ?? "?")")
        }
    }

    @Test func everyMergeScenarioGivesItsStateInAnyOrder() throws {
        let scenarios = try load("merge.json")["scenarios"]?.arrayValue ?? []
        #expect(scenarios.count >= 12)
        for item in scenarios {
            let directory = try KeyDirectory(json: item["directory"] ?? .null, crypto: TestKeys.crypto)
            let admittedUnder = try item["admittedUnder"].map { try KeyDirectory(json: $0, crypto: TestKeys.crypto) }
            let verifier = ChangeVerifier(crypto: TestKeys.crypto, coalition: "ccdr", directory: directory)
            let admitting = ChangeVerifier(crypto: TestKeys.crypto, coalition: "ccdr", directory: admittedUnder ?? directory)
            let lines = (item["changes"]?.arrayValue ?? []).map { Array(($0.stringValue ?? "").utf8) }
            let changes = try admitting.verifyBatch(lines, wallMilliseconds: nil).map { try $0.get() }
            for refused in item["refused"]?.arrayValue ?? [] {
                let results = verifier.verifyBatch(lines + [Array((refused["wire"]?.stringValue ?? "").utf8)], wallMilliseconds: nil)
                var code = "none"
                if case .failure(let rejection) = results.last { code = rejection.code.name }
                #expect(code == refused["expected"]?.stringValue, "scenario \(item["name"]?.stringValue ?? "?"): a refused copy")
            }
            let record = try #require(RecordID(item["record"]?.stringValue ?? ""))
            for order in [changes, changes.reversed()] {
                let state = RecordMerge.state(of: record, changes: order, directory: directory)
                #expect(String(decoding: state.canonicalJSON, as: UTF8.self) == item["state"]?.stringValue,
                        "scenario \(item["name"]?.stringValue ?? "?")")
            }
        }
    }
}

/// The signing vectors checked by a tool nobody here wrote: `openssl pkeyutl`.
@Suite struct ProtocolVectorOpenSSLTests {
    @Test func opensslVerifiesEverySignedMessage() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl") else {
            FileHandle.standardError.write(Data("SKIP: /usr/bin/openssl not found\n".utf8))
            return
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("agora-vectors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let keys = try CanonicalJSON.decode(Array(try Data(contentsOf: ProtocolVectorTests.folder.appendingPathComponent("keys.json"))))
        let changes = try CanonicalJSON.decode(Array(try Data(contentsOf: ProtocolVectorTests.folder.appendingPathComponent("changes.json"))))
        for item in changes["cases"]?.arrayValue ?? [] {
            let name = item["key"]?.stringValue ?? ""
            let publicKey = keys["keys"]?.arrayValue?.first { $0["name"]?.stringValue == name }?["publicKey"]?.stringValue ?? ""
            let spki = Data(Hex.decode("302a300506032b6570032100" + publicKey, count: 44) ?? [])
            let pem = "-----BEGIN PUBLIC KEY-----\n\(spki.base64EncodedString())\n-----END PUBLIC KEY-----\n"
            try Data(pem.utf8).write(to: folder.appendingPathComponent("key.pem"))
            let message = Hex.decode(item["signedMessage"]?.stringValue ?? "", count: (item["signedMessage"]?.stringValue?.utf8.count ?? 0) / 2) ?? []
            try Data(message).write(to: folder.appendingPathComponent("message"))
            try Data(Hex.decode(item["signature"]?.stringValue ?? "", count: 64) ?? []).write(to: folder.appendingPathComponent("signature"))
            let verified = await ChildProcess.run("/usr/bin/openssl", ["pkeyutl", "-verify", "-pubin", "-inkey", "key.pem", "-rawin",
                                                                      "-in", "message", "-sigfile", "signature"],
                                                  currentDirectory: folder.path)
            #expect(verified.status == 0, "openssl refused the signature of case \(item["name"]?.stringValue ?? "?")")
        }
    }
}
