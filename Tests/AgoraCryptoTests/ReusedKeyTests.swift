import COpenSSL
import Foundation
import Testing
@testable import AgoraCrypto

/// One key, many calls: every call must get the verdict (or the signature) the first one got.
///
/// OpenSSL 3.2 and later refuse a second one-shot `EVP_DigestVerify`/`EVP_DigestSign` on a
/// context (OpenSSL PR #23834), and the verification read that refusal as "invalid": under
/// Debian 13's OpenSSL 3.5 every verification after the first by a key without a table failed.
/// These tests pass on OpenSSL 3.0 either way; `scripts/check/openssl35` runs them on 3.5.
@Suite struct ReusedKeyTests {
    /// The case from issue 12: valid on the first call, invalid on the second and third.
    static let issueKey = "ea4a6c63e29c520abef5507b132ec5f9954776aebebe7b92421eea691446d22c"
    static let issueMessage = "61676f7261"
    static let issueSignature = "8baf0ee5bef6203b6c3ca96131b843d549ae5d2856b08926dfc5231658ef7c95"
        + "e13aaafc51dc5c2ca7dd801026ab8a73afea28e26ca1ee5b6ff16614c4412108"

    @Test func theIssueVectorVerifiesOnEveryCall() throws {
        let raw = bytes(hex: Self.issueKey), message = bytes(hex: Self.issueMessage)
        let signature = bytes(hex: Self.issueSignature)
        var forged = signature
        forged[63] ^= 0x01
        let key = try Ed25519.PublicKey(rawRepresentation: raw)
        let withoutTables = OpenSSLChangeCryptography(precomputedKeyCapacity: 0)
        let withTables = OpenSSLChangeCryptography()
        for call in 1...5 {
            #expect(key.isValidSignature(signature, for: message), "call \(call)")
            #expect(withoutTables.isValidSignature(signature, for: message, publicKey: raw), "call \(call), no table")
            #expect(withTables.isValidSignature(signature, for: message, publicKey: raw), "call \(call), table")
            #expect(!key.isValidSignature(forged, for: message), "call \(call), forged")
            #expect(!withoutTables.isValidSignature(forged, for: message, publicKey: raw), "call \(call), forged, no table")
        }
        #expect(withoutTables.precomputedKeyCount == 0)
        #expect(withTables.precomputedKeyCount == 1)
    }

    @Test func signingTheSameInputAgainGivesTheSameValidSignature() throws {
        // RFC 8032 §7.1 TEST 2: Ed25519 is deterministic, so every call must give these bytes.
        let key = try Ed25519.PrivateKey(seed: bytes(hex: "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))
        let message = bytes(hex: "72")
        let expected = "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
        let withoutTables = OpenSSLChangeCryptography(precomputedKeyCapacity: 0)
        let withTables = OpenSSLChangeCryptography()
        let raw = key.publicKey.rawRepresentation
        for call in 1...5 {
            let signature = try key.signature(for: message)
            #expect(hex(signature) == expected, "call \(call)")
            #expect(key.publicKey.isValidSignature(signature, for: message), "call \(call)")
            #expect(withoutTables.isValidSignature(signature, for: message, publicKey: raw), "call \(call), no table")
            #expect(withTables.isValidSignature(signature, for: message, publicKey: raw), "call \(call), table")
        }
    }

    /// Each call's context starts as the pristine one, whatever the calls before it did.
    @Test func eachCallRunsOnAContextThatNeverRan() throws {
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 3, count: 32))
        let message = Array("agora".utf8)
        let signature = try key.signature(for: message)
        var results: [Int32] = []
        for _ in 0..<3 {
            results.append(try key.publicKey.verifying.perform { context in
                // The call before this one ran a one-shot on the context it got; run two here.
                let first = EVP_DigestVerify(context, signature, signature.count, message, message.count)
                _ = EVP_DigestVerify(context, signature, signature.count, message, message.count)
                return first
            })
            OpenSSL.clearErrors()
        }
        #expect(results == [1, 1, 1])
    }

    /// The libcrypto the tests run on, when `AGORA_EXPECT_OPENSSL` names one (the OpenSSL 3.5 check
    /// sets it to "OpenSSL 3.5."): proves the check really loaded Debian 13's library.
    @Test func theLoadedOpenSSLIsTheExpectedOne() {
        let version = OpenSSL.versionText
        #expect(version.hasPrefix("OpenSSL 3."), "\(version)")
        if let expected = ProcessInfo.processInfo.environment["AGORA_EXPECT_OPENSSL"] {
            #expect(version.hasPrefix(expected), "loaded \(version), expected \(expected)")
        }
    }
}
