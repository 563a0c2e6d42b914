import Foundation
import Testing
import AgoraCrypto

@Suite struct TLSIdentityTests {
    static func make(
        commonName: String = "tirana.agora.example",
        subjectAltNames: [String] = ["localhost", "node.tirana.example", "127.0.0.1", "::1"],
        validDays: Int = 30
    ) throws -> TLSIdentity {
        try TLSIdentity.generate(commonName: commonName, subjectAltNames: subjectAltNames, validDays: validDays)
    }

    /// Runs `pipeline` in a temporary directory holding `identity`'s certificate as `cert.pem`;
    /// nil when the openssl CLI is absent.
    func openssl(_ pipeline: String, on identity: TLSIdentity) async throws -> String? {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try identity.certificatePEM.write(toFile: directory.path("cert.pem"), atomically: true, encoding: .utf8)
        return try await OpenSSLCLI.run(pipeline, in: directory.url).map { String(decoding: $0, as: UTF8.self) }
    }

    @Test func opensslReadsAP256CertificateWithTheSAN() async throws {
        guard let text = try await openssl("openssl x509 -in cert.pem -noout -text", on: Self.make()) else { return }
        #expect(text.contains("Public Key Algorithm: id-ecPublicKey"))
        #expect(text.contains("NIST CURVE: P-256") || text.contains("ASN1 OID: prime256v1"))
        #expect(text.contains("Signature Algorithm: ecdsa-with-SHA256"))
        #expect(text.contains("DNS:localhost, DNS:node.tirana.example, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1"))
        #expect(text.contains("Subject: CN = tirana.agora.example"))
        #expect(text.contains("Issuer: CN = tirana.agora.example"))
        #expect(text.contains("CA:FALSE"))
        #expect(text.contains("TLS Web Server Authentication, TLS Web Client Authentication"))
    }

    @Test func pinEqualsTheCurlPinnedPubkeyPipeline() async throws {
        let identity = try Self.make()
        let pipeline = "openssl x509 -in cert.pem -pubkey -noout | openssl pkey -pubin -outform der"
            + " | openssl dgst -sha256 -binary | base64"
        guard let output = try await openssl(pipeline, on: identity) else { return }
        let expected = output.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(identity.spkiPin == expected)
        #expect(try TLSIdentity.spkiPin(certificatePEM: identity.certificatePEM) == expected)
    }

    @Test func selfSignedCertificateVerifiesAsItsOwnTrustAnchor() async throws {
        // What `curl --cacert cert.pem` does with a pinned self-signed node certificate.
        guard let output = try await openssl("openssl verify -CAfile cert.pem cert.pem", on: Self.make()) else { return }
        #expect(output.contains("cert.pem: OK"))
    }

    @Test func readsBackWhatItWroteAndRejectsAMismatchedKey() throws {
        let identity = try Self.make()
        let again = try TLSIdentity(certificatePEM: identity.certificatePEM, privateKeyPEM: identity.privateKeyPEM)
        #expect(again.spkiPin == identity.spkiPin)
        #expect(identity.privateKeyPEM.hasPrefix("-----BEGIN PRIVATE KEY-----"))
        let other = try Self.make()
        #expect(other.spkiPin != identity.spkiPin)
        #expect(throws: CryptoError.self) {
            try TLSIdentity(certificatePEM: identity.certificatePEM, privateKeyPEM: other.privateKeyPEM)
        }
    }

    @Test func refusesAnEd25519KeyAndGarbage() throws {
        let identity = try Self.make()
        let ed25519 = try Ed25519.PrivateKey.generate().pemRepresentation()
        #expect(throws: CryptoError.self) { try TLSIdentity(certificatePEM: identity.certificatePEM, privateKeyPEM: ed25519) }
        #expect(throws: CryptoError.self) { try TLSIdentity(certificatePEM: "not a certificate", privateKeyPEM: identity.privateKeyPEM) }
    }

    @Test func validityFollowsTheRequestedDays() throws {
        let identity = try Self.make(validDays: 10)
        let days = identity.notAfter.timeIntervalSinceNow / 86_400
        #expect(days > 9.9 && days <= 10.01)
    }

    @Test func limitsAreEnforced() throws {
        let maxName = String(repeating: "a", count: TLSIdentity.maximumCommonNameByteCount)
        _ = try Self.make(commonName: maxName, validDays: TLSIdentity.maximumValidDays)
        let manyNames = (0..<TLSIdentity.maximumSubjectAltNames).map { "n\($0).example" }
        _ = try Self.make(subjectAltNames: manyNames, validDays: TLSIdentity.minimumValidDays)
        let refused: [() throws -> TLSIdentity] = [
            { try Self.make(commonName: maxName + "a") },
            { try Self.make(commonName: "") },
            { try Self.make(commonName: "bad\nname") },
            { try Self.make(validDays: TLSIdentity.maximumValidDays + 1) },
            { try Self.make(validDays: 0) },
            { try Self.make(subjectAltNames: []) },
            { try Self.make(subjectAltNames: manyNames + ["one.more"]) },
        ]
        for attempt in refused {
            #expect(throws: CryptoError.self) { _ = try attempt() }
        }
    }

    @Test(arguments: ["localhost,IP:1.2.3.4", "DNS:evil", "a..b", "-a.example", "a-.example", "exa mple.org",
                      "*", "*.com", "caf\u{e9}.example", "1.2.3.4.5/24", String(repeating: "a", count: 64) + ".example"])
    func refusesMalformedSubjectAltNames(_ name: String) {
        #expect(throws: CryptoError.self) { _ = try Self.make(subjectAltNames: [name]) }
    }

    @Test func acceptsWildcardsAndIPv6() throws {
        _ = try Self.make(subjectAltNames: ["*.tirana.example", "fe80::1", "10.0.0.1", "Node-1.Example"])
    }
}
