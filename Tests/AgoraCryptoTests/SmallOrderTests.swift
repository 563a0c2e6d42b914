import Testing
import AgoraCrypto

@Suite struct SmallOrderTests {
    /// The eight torsion points, canonically encoded.
    static let torsionPoints = [
        "0100000000000000000000000000000000000000000000000000000000000000", // identity, order 1
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // order 2
        "0000000000000000000000000000000000000000000000000000000000000000", // order 4
        "0000000000000000000000000000000000000000000000000000000000000080", // order 4
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05", // order 8
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a", // order 8
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa", // order 8
    ]

    /// Non-canonical encodings: y = p, y = p + 1, and "negative" x = 0 variants.
    static let nonCanonical = [
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p (≡ 0)
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1 (≡ 1)
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
        "0100000000000000000000000000000000000000000000000000000000000080", // identity, sign bit set
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", // order 2, sign bit set
    ]

    @Test(arguments: torsionPoints + nonCanonical)
    func registeringASmallOrderKeyIsRefused(_ encoding: String) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: bytes(hex: encoding))
        #expect(key.isSmallOrder)
        do {
            _ = try Ed25519.PublicKey.registered(rawRepresentation: bytes(hex: encoding))
            Issue.record("small-order key \(encoding) was registered")
        } catch let error as CryptoError {
            #expect(error.code == .smallOrderKey)
        }
    }

    /// Why they are refused: with R = identity and S = 0, a signature verifies under a
    /// small-order key A for every message whose hash k makes [k]A the identity, which
    /// happens for one message in `order(A)`. No private key is involved.
    @Test(arguments: torsionPoints)
    func aForgedSignatureVerifiesUnderEachTorsionPoint(_ encoding: String) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: bytes(hex: encoding))
        let forged = bytes(hex: "01" + String(repeating: "0", count: 126))
        let forgeries = (0..<256).filter { key.isValidSignature(forged, for: Array("message \($0)".utf8)) }
        #expect(!forgeries.isEmpty, "no forgery found for \(encoding); is it really of small order?")
    }

    @Test func ordinaryKeysAreNotSmallOrder() throws {
        for _ in 0..<200 {
            let key = try Ed25519.PrivateKey.generate().publicKey
            #expect(!key.isSmallOrder)
            #expect(try Ed25519.PublicKey.registered(rawRepresentation: key.rawRepresentation) == key)
        }
    }

    @Test func theTwoOrder8CoordinatesSumToThePrime() {
        // y and p − y, little-endian: their sum must be p = 2^255 − 19.
        let a = bytes(hex: Self.torsionPoints[4]), b = bytes(hex: Self.torsionPoints[6])
        var carry = 0
        let sum = (0..<32).map { index -> UInt8 in
            let total = Int(a[index]) + Int(b[index]) + carry
            carry = total >> 8
            return UInt8(total & 0xff)
        }
        #expect(hex(sum) == Self.nonCanonical[0])
    }
}
