import Foundation
import Testing
@testable import AgoraCrypto
import AgoraTesting

/// `Ed25519.PrecomputedKey` must give OpenSSL's verdict on every input: it replaces OpenSSL's
/// verification of changes, so any difference would let two nodes disagree on a change.
@Suite struct PrecomputedKeyTests {
    /// Valid signatures of random messages under random keys, and each with one bit flipped
    /// (in R, in S, or in the message): both verifiers agree on every one.
    @Test func agreesWithOpenSSLOnSignaturesAndSingleBitForgeries() throws {
        var random = SplitMix64(seed: 0x5eed_ed25)
        var valid = 0, invalid = 0
        for _ in 0..<12 {
            let key = try Ed25519.PrivateKey(seed: (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) })
            let precomputed = try #require(Ed25519.PrecomputedKey(key.publicKey))
            for _ in 0..<12 {
                let message = (0..<Int.random(in: 0...300, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }
                let signature = try key.signature(for: message)
                #expect(precomputed.isValidSignature(signature, for: message))
                valid += 1
                var forged = signature
                forged[Int.random(in: 0..<64, using: &random)] ^= 1 << UInt8.random(in: 0..<8, using: &random)
                #expect(precomputed.isValidSignature(forged, for: message)
                        == key.publicKey.isValidSignature(forged, for: message))
                var otherMessage = message + [0]
                otherMessage[Int.random(in: 0..<otherMessage.count, using: &random)] ^= 0x80
                #expect(!precomputed.isValidSignature(signature, for: otherMessage))
                invalid += 2
            }
        }
        #expect(valid == 144 && invalid == 288)
    }

    /// S at and around L, and S + L (a "malleable" copy of a valid signature): only S < L verifies.
    @Test func refusesNonCanonicalS() throws {
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: 32))
        let precomputed = try #require(Ed25519.PrecomputedKey(key.publicKey))
        let message = Array("agora".utf8)
        let signature = try key.signature(for: message)
        let order: [UInt8] = [0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
                              0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10]
        var malleable = signature
        var carry = 0
        for i in 0..<32 {
            let sum = Int(signature[32 + i]) + Int(order[i]) + carry
            malleable[32 + i] = UInt8(sum & 0xff)
            carry = sum >> 8
        }
        for candidate in [malleable, Array(signature[0..<32]) + order, Array(signature[0..<32]) + [UInt8](repeating: 0xff, count: 32)] {
            #expect(!precomputed.isValidSignature(candidate, for: message))
            #expect(!key.publicKey.isValidSignature(candidate, for: message))
        }
        #expect(!precomputed.isValidSignature(signature + [0], for: message))
        #expect(!precomputed.isValidSignature(Array(signature.dropLast()), for: message))
    }

    /// Every Wycheproof case whose key the table accepts gives the expected result; the others
    /// are keys OpenSSL keeps verifying.
    @Test func wycheproofCasesGiveTheExpectedResult() throws {
        guard let url = try ExternalVectors.url("wycheproof/ed25519_test.json") else { return }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        var checked = 0
        for group in root?["testGroups"] as? [[String: Any]] ?? [] {
            let keyBytes = bytes(hex: (group["publicKey"] as? [String: Any])?["pk"] as? String ?? "")
            let key = try Ed25519.PublicKey(rawRepresentation: keyBytes)
            guard let precomputed = Ed25519.PrecomputedKey(key) else { continue }
            for test in group["tests"] as? [[String: Any]] ?? [] {
                let message = bytes(hex: test["msg"] as? String ?? "")
                let signature = bytes(hex: test["sig"] as? String ?? "")
                let expected = test["result"] as? String == "valid"
                #expect(precomputed.isValidSignature(signature, for: message) == expected, "tcId \(test["tcId"] ?? "?")")
                checked += 1
            }
        }
        #expect(checked >= 140)
    }

    /// Keys outside the table's reach: non-canonical y, and bytes that are not a point.
    @Test func precomputesOnlyCanonicalPoints() throws {
        // y = p (non-canonical encoding of 0) and y = 2 (no x with −x² + 4 = 1 + 4d·x²).
        let nonCanonical = [UInt8(0xed)] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
        let notAPoint = [UInt8(2)] + [UInt8](repeating: 0, count: 31)
        for raw in [nonCanonical, notAPoint] {
            #expect(Ed25519.PrecomputedKey(try Ed25519.PublicKey(rawRepresentation: raw)) == nil)
        }
        let identity = [UInt8(1)] + [UInt8](repeating: 0, count: 31)
        #expect(Ed25519.PrecomputedKey(try Ed25519.PublicKey(rawRepresentation: identity)) != nil)
        // x = 0 with the sign bit set has no point (RFC 8032 §5.1.3, step 4).
        #expect(Ed25519.PrecomputedKey(try Ed25519.PublicKey(rawRepresentation: [1] + [UInt8](repeating: 0, count: 30) + [0x80])) == nil)
    }

    /// A key the table cannot decode (y ≥ p) is verified by OpenSSL, which reduces y mod p: the
    /// verdicts pinned here are OpenSSL's, the same under 3.0 and 3.5. y = p + 1 is the identity,
    /// under which R = B, S = 1 is valid for any message; y = p is a point T of order 4, for which
    /// the same signature is valid only when k ≡ 0 (mod 4), so about one message in four.
    @Test func aKeyTheTableCannotDecodeGetsOpenSSLsVerdict() throws {
        let encodedB = [UInt8(0x58)] + [UInt8](repeating: 0x66, count: 31)
        let signature = encodedB + [1] + [UInt8](repeating: 0, count: 31)
        let identityAsPPlusOne = [UInt8(0xee)] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
        let orderFourAsP = [UInt8(0xed)] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
        let messages = (0..<16).map { Array("m\($0)".utf8) }
        let expected: [[UInt8]: String] = [identityAsPPlusOne: "1111111111111111", orderFourAsP: "0001000000110100"]
        let crypto = OpenSSLChangeCryptography()
        for (raw, pinned) in expected {
            #expect(Ed25519.PrecomputedKey(try Ed25519.PublicKey(rawRepresentation: raw)) == nil)
            for call in 1...2 {
                let verdicts = messages.map { crypto.isValidSignature(signature, for: $0, publicKey: raw) ? "1" : "0" }.joined()
                let openSSL = try messages.map { try Ed25519.PublicKey(rawRepresentation: raw).isValidSignature(signature, for: $0) ? "1" : "0" }.joined()
                #expect(verdicts == openSSL, "key \(hex(raw)), call \(call)")
                #expect(verdicts == pinned, "key \(hex(raw)), call \(call)")
            }
        }
        #expect(crypto.precomputedKeyCount == 0)
        #expect(crypto.cachedKeyCount == 2)
    }

    /// The field arithmetic against plain modular arithmetic on random elements.
    @Test func fieldArithmeticMatchesModularArithmetic() {
        var random = SplitMix64(seed: 25519)
        for _ in 0..<1_000 {
            let a = FieldElement(l0: .random(in: 0..<1 << 51, using: &random), l1: .random(in: 0..<1 << 51, using: &random),
                                 l2: .random(in: 0..<1 << 51, using: &random), l3: .random(in: 0..<1 << 51, using: &random),
                                 l4: .random(in: 0..<1 << 51, using: &random))
            let b = FieldElement(l0: .random(in: 0..<1 << 51, using: &random), l1: .random(in: 0..<1 << 51, using: &random),
                                 l2: .random(in: 0..<1 << 51, using: &random), l3: .random(in: 0..<1 << 51, using: &random),
                                 l4: .random(in: 0..<1 << 51, using: &random))
            #expect(a * b == b * a)
            #expect(a.squared() == a * a)
            #expect((a + b) - b == a)
            #expect(-(a - b) + (a - b) == .zero)
            #expect(a * (a + b) == a.squared() + a * b)
            if !a.isZero { #expect(a * a.inverted() == .one) }
        }
        // p − 1 squared is 1, and p itself encodes as 0.
        let minusOne = FieldElement.zero - .one
        #expect(minusOne.squared() == .one)
        #expect(FieldElement(l0: (1 << 51) - 19, l1: (1 << 51) - 1, l2: (1 << 51) - 1, l3: (1 << 51) - 1, l4: (1 << 51) - 1).isZero)
    }
}

/// Keys with a small-order component (A = [a]B + T for T of order 2, 4 or 8) are accepted by
/// registration, and for them cofactorless verification (OpenSSL's) differs from cofactored:
/// a signature made with a is valid only when [k]T is the identity. The table must agree with
/// OpenSSL on every such signature, valid or not.
@Suite struct MixedOrderKeyTests {
    @Test(arguments: [0, 2, 3, 4])
    func agreesWithOpenSSLOnKeysWithATorsionComponent(torsionIndex: Int) throws {
        var random = SplitMix64(seed: 0x70_5510 &+ UInt64(torsionIndex))
        let torsion = try #require(Ed25519.smallOrderEncodings[torsionIndex].withUnsafeBytes { EdwardsPoint(encoded: $0) })
        let a = randomScalar(&random)
        let keyBytes = encode(baseMultiple(a) + torsion)
        let key = try Ed25519.PublicKey(rawRepresentation: keyBytes)
        let precomputed = try #require(Ed25519.PrecomputedKey(key))
        let hasher = try #require(ChallengeHasher())
        var verdicts: [Bool] = []
        for index in 0..<48 {
            let message = Array("mixed-order \(index)".utf8)
            let r = randomScalar(&random)
            let rBytes = encode(baseMultiple(r))
            var digest = [UInt8](repeating: 0, count: 64)
            rBytes.withUnsafeBytes { rb in keyBytes.withUnsafeBytes { kb in message.withUnsafeBytes { mb in
                _ = hasher.digest([rb, kb, mb], into: &digest)
            } } }
            let k = digest.withUnsafeBytes { Scalar(reducing: $0) }
            // S = r + k·a mod L.
            var wide = Scalar.multiply([k.w0, k.w1, k.w2, k.w3], [a.w0, a.w1, a.w2, a.w3])
            var carry: UInt64 = 0
            for (i, word) in [r.w0, r.w1, r.w2, r.w3, 0, 0, 0, 0].enumerated() {
                let (sum1, overflow1) = wide[i].addingReportingOverflow(word)
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                wide[i] = sum2
                carry = (overflow1 ? 1 : 0) + (overflow2 ? 1 : 0)
            }
            let s = wide.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
                .withUnsafeBytes { Scalar(reducing: $0) }
            let signature = rBytes + bytes(of: [s.w0, s.w1, s.w2, s.w3])
            let verdict = precomputed.isValidSignature(signature, for: message)
            #expect(verdict == key.isValidSignature(signature, for: message), "signature \(index)")
            verdicts.append(verdict)
        }
        // The torsion component (index 0: order 4; 2 and 3: order 8; 4: order 2) makes some valid and some not.
        #expect(verdicts.contains(true) && verdicts.contains(false))
    }

    private func randomScalar(_ random: inout SplitMix64) -> Scalar {
        (0..<64).map { _ in UInt8.random(in: 0...255, using: &random) }.withUnsafeBytes { Scalar(reducing: $0) }
    }

    /// [n]B, from the base table (k = 0 contributes nothing).
    private func baseMultiple(_ n: Scalar) -> EdwardsPoint {
        Ed25519.PrecomputedKey.combination(s: n.signedRadix16, k: [Int8](repeating: 0, count: 64), keyMultiples: [])
    }

    private func encode(_ point: EdwardsPoint) -> [UInt8] {
        let words = point.encoded()
        return bytes(of: [words.0, words.1, words.2, words.3])
    }

    private func bytes(of words: [UInt64]) -> [UInt8] {
        words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * UInt64($0))) } }
    }
}
