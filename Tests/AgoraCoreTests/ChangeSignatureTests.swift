import Testing
import AgoraTesting
import AgoraCrypto
@testable import AgoraCore

/// Ids and signatures with the real SHA-256 and Ed25519 (OpenSSL).
@Suite struct ChangeSignatureTests {
    let crypto = TestKeys.crypto

    func signed(_ ops: [UnsignedOperation] = [.set(field: "title", language: "en", value: "Open data portal")]) throws -> VerifiedChange {
        let author = Author("tirana", key: try TestKeys.privateKey("tirana"))
        return try Fixtures.change(author, 1_700_000_000_000, ops, crypto: crypto)
    }

    func verifier() throws -> ChangeVerifier {
        let key = try TestKeys.privateKey("tirana")
        return ChangeVerifier(crypto: crypto, coalition: Fixtures.coalition,
                              directory: try KeyDirectory([.init(key: key.publicKeyBytes, city: "tirana")], crypto: crypto))
    }

    @Test func theIDIsTheSHA256OfTheCanonicalHeader() throws {
        let change = try signed()
        #expect(change.id.hex == Hex.encode(crypto.sha256(CanonicalJSON.encode(change.header.json))))
        #expect(change.header.canonicalBytes == CanonicalJSON.encode(change.header.json))
    }

    @Test func theSignatureCoversPrefixCoalitionAndHeader() throws {
        let change = try signed()
        let message = Array("agora-change-v1".utf8) + [0] + Array("ccdr".utf8) + [0] + change.header.canonicalBytes
        #expect(change.header.signingMessage == message)
        let key = try TestKeys.privateKey("tirana")
        #expect(crypto.isValidSignature(change.change.signature, for: message, publicKey: key.publicKeyBytes))
        #expect(try verifier().verify(change.change.wireBytes, wallMilliseconds: 1_700_000_000_000).get().id == change.id)
    }

    @Test func aFlippedBitAnywhereInTheSignatureIsRefused() throws {
        let change = try signed()
        for i in stride(from: 0, to: 64, by: 7) {
            var signature = change.change.signature
            signature[i] ^= 0x01
            let forged = SignedChange(header: change.header, signature: signature, bodies: change.bodies)
            let result = try verifier().verify(forged.wireBytes, wallMilliseconds: nil)
            #expect(throws: ChangeRejection.self) { try result.get() }
        }
    }

    @Test func aRedactedCopyStillVerifiesWithItsRedaction() throws {
        let change = try signed()
        let stripped = change.change.withoutBodies.wireBytes
        let result = try verifier().verify(stripped, wallMilliseconds: nil, redacted: [change.id])
        #expect(try result.get().id == change.id)
    }
}

@Suite struct ChangeLimitTests {
    @Test func theKeyCacheStaysWithinItsCapacityAndStillVerifies() throws {
        let crypto = OpenSSLChangeCryptography(keyCacheCapacity: 2)
        let message = Array("agora".utf8)
        for name in ["a", "b", "c", "a"] {
            let key = try TestKeys.privateKey(name)
            #expect(crypto.isValidSignature(try key.signature(for: message), for: message, publicKey: key.publicKeyBytes))
            #expect(crypto.cachedKeyCount <= 2)
        }
    }

    /// Tables are built for at most `precomputedKeyCapacity` keys; the others still verify
    /// (through OpenSSL), and a forgery is refused either way.
    @Test func precomputedTablesStayWithinTheirCapacity() throws {
        let crypto = OpenSSLChangeCryptography(keyCacheCapacity: 8, precomputedKeyCapacity: 2)
        let message = Array("agora".utf8)
        for name in ["a", "b", "c", "d"] {
            let key = try TestKeys.privateKey(name)
            var signature = try key.signature(for: message)
            #expect(crypto.isValidSignature(signature, for: message, publicKey: key.publicKeyBytes))
            signature[40] ^= 1
            #expect(!crypto.isValidSignature(signature, for: message, publicKey: key.publicKeyBytes))
        }
        #expect(crypto.cachedKeyCount == 4)
        #expect(crypto.precomputedKeyCount == 2)
    }

    @Test func aRemoveNamesAtMostMaxRemovedTags() throws {
        let id = ChangeID(digest: Array(repeating: 7, count: 32))
        let tags = (0...ChangeLimits.defaultMaxRemovedTags).map { AddTag(change: id, index: $0) }
        #expect(throws: ChangeRejection.self) {
            try Fixtures.change(Author("tirana"), 1, [.remove(field: "tags", adds: tags)])
        }
        #expect(throws: Never.self) {
            try Fixtures.change(Author("tirana"), 1, [.remove(field: "tags", adds: Array(tags.dropLast()))])
        }
    }

    @Test func aRecordSetHoldsAtMostMaxElements() throws {
        let many = JSONValue.array((0...RecordField.maxElements).map { .string("tag \($0)") })
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["tags": many]) }
        let enough = JSONValue.array((1...RecordField.maxElements).map { .string("tag \($0)") })
        #expect(throws: Never.self) { try Fixtures.document(["tags": enough]) }
        let long = String(repeating: "a", count: RecordField.maxStringBytes + 1)
        #expect(throws: RecordValidationError.self) { try Fixtures.document(["budget": .string(long)]) }
    }
}
