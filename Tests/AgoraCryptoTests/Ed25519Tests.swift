import Testing
import AgoraCrypto

@Suite struct Ed25519Tests {
    // RFC 8032 §7.1, TEST 1 and TEST 2.
    @Test func rfc8032VectorsSignAndVerify() throws {
        let vectors = [
            ("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
             "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
             "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
            ("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
             "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
             "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
        ]
        for (seed, publicKey, message, signature) in vectors {
            let key = try Ed25519.PrivateKey(seed: bytes(hex: seed))
            #expect(hex(key.publicKey.rawRepresentation) == publicKey)
            #expect(hex(try key.signature(for: bytes(hex: message))) == signature)
            #expect(key.publicKey.isValidSignature(bytes(hex: signature), for: bytes(hex: message)))
        }
    }

    @Test func tamperedMessageOrSignatureFails() throws {
        let key = try Ed25519.PrivateKey.generate()
        let message = Array("agora-change-v1 tirana/practice/open-data-portal".utf8)
        let signature = try key.signature(for: message)
        #expect(key.publicKey.isValidSignature(signature, for: message))
        for index in [0, 31, 32, 63] {
            var bad = signature
            bad[index] ^= 0x01
            #expect(!key.publicKey.isValidSignature(bad, for: message))
        }
        #expect(!key.publicKey.isValidSignature(signature, for: message + [0]))
        #expect(!key.publicKey.isValidSignature(signature + [0], for: message))
        #expect(!key.publicKey.isValidSignature(Array(signature.dropLast()), for: message))
        let other = try Ed25519.PrivateKey.generate()
        #expect(!other.publicKey.isValidSignature(signature, for: message))
    }

    @Test func aFailedVerificationDoesNotSpoilTheNextOne() throws {
        let key = try Ed25519.PrivateKey.generate()
        let message = Array("reused contexts".utf8)
        let signature = try key.signature(for: message)
        var forged = signature
        forged[40] ^= 0x80
        for _ in 0..<10 {
            #expect(!key.publicKey.isValidSignature(forged, for: message))
            #expect(key.publicKey.isValidSignature(signature, for: message))
            #expect(try key.signature(for: message) == signature)
        }
    }

    @Test func wrongLengthsAreRefusedWithAClearError() {
        #expect(throws: CryptoError.self) { try Ed25519.PrivateKey(seed: [UInt8](repeating: 1, count: 31)) }
        do {
            _ = try Ed25519.PublicKey(rawRepresentation: [UInt8](repeating: 1, count: 33))
            Issue.record("a 33-byte public key was accepted")
        } catch let error as CryptoError {
            #expect(error.code == .invalidKey)
            #expect(error.description.contains("33"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func generatedKeysDifferAndSeedRoundTrips() throws {
        let a = try Ed25519.PrivateKey.generate()
        let b = try Ed25519.PrivateKey.generate()
        #expect(a.seed != b.seed)
        #expect(a.publicKey != b.publicKey)
        let again = try Ed25519.PrivateKey(seed: a.seed)
        #expect(again.publicKey == a.publicKey)
        #expect(Set([a.publicKey, again.publicKey, b.publicKey]).count == 2)
    }

    @Test func fingerprintIsBase64OfTheSHA256OfTheRawKey() throws {
        // RFC 8032 TEST 1 public key; digest computed independently with
        // `xxd -r -p | openssl dgst -sha256 -binary | base64`.
        let key = try Ed25519.PublicKey(rawRepresentation: bytes(hex: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"))
        #expect(key.fingerprint == "SHA256:If4x36FUomFia/hUBG/SJxt77UtqvkWqWId+9H+XIbk=")
    }

    @Test func signingAndVerifyingFromManyThreadsAtOnce() async throws {
        let key = try Ed25519.PrivateKey.generate()
        let publicKey = key.publicKey
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<64 {
                group.addTask {
                    let message = Array("message \(index)".utf8)
                    guard let signature = try? key.signature(for: message) else { return false }
                    return publicKey.isValidSignature(signature, for: message)
                        && !publicKey.isValidSignature(signature, for: message + [1])
                }
            }
            return await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0 })
    }
}
