import Foundation
import Testing
import AgoraCrypto
import AgoraTesting

/// All 150 Wycheproof Ed25519 verification cases. The file has no "acceptable" results:
/// every case is either valid or invalid, and strict verification must agree with each.
@Suite struct WycheproofTests {
    struct Case {
        let id: Int
        let publicKey: [UInt8]
        let message: [UInt8]
        let signature: [UInt8]
        let valid: Bool
    }

    @Test func everyCaseGivesTheExpectedResult() throws {
        guard let url = try ExternalVectors.url("wycheproof/ed25519_test.json") else { return }
        let cases = try load(url)
        #expect(cases.count == 150)
        for test in cases {
            let key = try Ed25519.PublicKey(rawRepresentation: test.publicKey)
            let verdict = key.isValidSignature(test.signature, for: test.message)
            #expect(verdict == test.valid, "Wycheproof tcId \(test.id): expected \(test.valid ? "valid" : "invalid")")
        }
    }

    /// The 88 valid cases, each verified twice through one key per distinct key bytes, with and
    /// without precomputed tables, the invalid ones between them: under OpenSSL 3.5 the reused
    /// contexts of the old pool rejected 36 of them.
    @Test func everyValidCaseVerifiesTwiceThroughReusedKeys() throws {
        guard let url = try ExternalVectors.url("wycheproof/ed25519_test.json") else { return }
        let cases = try load(url)
        var keys: [[UInt8]: Ed25519.PublicKey] = [:]
        let withoutTables = OpenSSLChangeCryptography(precomputedKeyCapacity: 0)
        let withTables = OpenSSLChangeCryptography()
        var validVerdicts = 0
        for round in 1...2 {
            for test in cases {
                let key = try keys[test.publicKey] ?? Ed25519.PublicKey(rawRepresentation: test.publicKey)
                keys[test.publicKey] = key
                let verdicts = [key.isValidSignature(test.signature, for: test.message),
                                withoutTables.isValidSignature(test.signature, for: test.message, publicKey: test.publicKey),
                                withTables.isValidSignature(test.signature, for: test.message, publicKey: test.publicKey)]
                #expect(verdicts == [Bool](repeating: test.valid, count: 3), "tcId \(test.id), round \(round)")
                if test.valid { validVerdicts += verdicts.filter { $0 }.count }
            }
        }
        #expect(validVerdicts == 88 * 2 * 3)
        #expect(withTables.precomputedKeyCount > 0 && withoutTables.precomputedKeyCount == 0)
    }

    private func load(_ url: URL) throws -> [Case] {
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        let groups = root?["testGroups"] as? [[String: Any]] ?? []
        return groups.flatMap { group -> [Case] in
            let key = (group["publicKey"] as? [String: Any])?["pk"] as? String ?? ""
            return (group["tests"] as? [[String: Any]] ?? []).map { test in
                Case(id: test["tcId"] as? Int ?? -1,
                     publicKey: bytes(hex: key),
                     message: bytes(hex: test["msg"] as? String ?? ""),
                     signature: bytes(hex: test["sig"] as? String ?? ""),
                     valid: test["result"] as? String == "valid")
            }
        }
    }
}
