internal import COpenSSL

extension Ed25519 {
    /// A public key with its multiples precomputed, for verifying many signatures by one key
    /// about five times as fast as `PublicKey.isValidSignature` (`docs/KEYS.md`,
    /// "Fast verification").
    ///
    /// It gives exactly the verdict OpenSSL gives (RFC 8032 §5.1.7, cofactorless): S must be
    /// below L, and [S]B − [k]A, with k = SHA-512(R ‖ A ‖ M) mod L, must encode to the very
    /// bytes of R. Both [S]B and [k]A are sums of at most 64 table entries (signed base-16
    /// digits, 8 multiples of each power of 16), so a verification costs about 128 point
    /// additions and one inversion, where OpenSSL also doubles 253 times and decodes A.
    ///
    /// Only canonical keys that decode to a point are precomputed; `init` returns `nil` for
    /// any other, and those keep OpenSSL's verification. The table takes 60 KiB.
    /// Immutable, so `Sendable`.
    public final class PrecomputedKey: Sendable {
        /// The key's 32 bytes.
        public let rawRepresentation: [UInt8]
        private let multiples: [NielsPoint]

        /// Precomputes `key`, or returns `nil` when its encoding is not canonical or not a point.
        public init?(_ key: PublicKey) {
            let decoded = key.rawRepresentation.withUnsafeBytes { EdwardsPoint(encoded: $0) }
            guard let decoded else { return nil }
            rawRepresentation = key.rawRepresentation
            multiples = Self.multiples(of: decoded)
        }

        /// Whether `signature` is a valid signature of `message` under this key; the same
        /// verdict as `PublicKey.isValidSignature(_:for:)`.
        public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
            guard signature.count == Ed25519.signatureByteCount else { return false }
            return signature.withUnsafeBytes { signature in
                let r = UnsafeRawBufferPointer(rebasing: signature[0..<32])
                guard let s = Scalar(canonical: UnsafeRawBufferPointer(rebasing: signature[32..<64])),
                      let k = challenge(r: r, message: message)
                else { return false }
                let computed = Self.combination(s: s.signedRadix16, k: k.signedRadix16, keyMultiples: multiples)
                return computed.encoded() == (r.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian,
                                              r.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian,
                                              r.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian,
                                              r.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian)
            }
        }

        /// k = SHA-512(R ‖ A ‖ M) mod L; `nil` only if OpenSSL fails to hash.
        private func challenge(r: UnsafeRawBufferPointer, message: [UInt8]) -> Scalar? {
            guard let hasher = Self.sha512.value else { return nil }
            var digest = [UInt8](repeating: 0, count: 64)
            let hashed = rawRepresentation.withUnsafeBytes { key in
                message.withUnsafeBytes { message in hasher.digest([r, key, message], into: &digest) }
            }
            guard hashed else { return nil }
            return digest.withUnsafeBytes { Scalar(reducing: $0) }
        }

        /// [s]B − [k]A from the digits of s and k and the tables of B and A.
        static func combination(s: [Int8], k: [Int8], keyMultiples: [NielsPoint]) -> EdwardsPoint {
            var sum = EdwardsPoint.identity
            baseMultiples.withUnsafeBufferPointer { base in
                keyMultiples.withUnsafeBufferPointer { key in
                    for i in 0..<64 {
                        let digit = Int(s[i])
                        if digit > 0 {
                            sum = sum + base[8 * i + digit - 1]
                        } else if digit < 0 {
                            sum = sum - base[8 * i - digit - 1]
                        }
                        let keyDigit = Int(k[i])
                        if keyDigit > 0 {
                            sum = sum - key[8 * i + keyDigit - 1]
                        } else if keyDigit < 0 {
                            sum = sum + key[8 * i - keyDigit - 1]
                        }
                    }
                }
            }
            return sum
        }

        /// The multiples of the base point B, made once per process.
        private static let baseMultiples = multiples(of: .base)

        /// j·16^i·P for i in 0..<64 and j in 1...8, at index 8i + j − 1, as affine points.
        static func multiples(of point: EdwardsPoint) -> [NielsPoint] {
            var points: [EdwardsPoint] = []
            points.reserveCapacity(512)
            var power = point
            for _ in 0..<64 {
                var multiple = power
                points.append(multiple)
                for _ in 2...8 {
                    multiple = multiple + power
                    points.append(multiple)
                }
                power = multiple + multiple
            }
            // One inversion for all 512 points (Montgomery's trick): prefix[i] = z_0 · … · z_i.
            var prefix: [FieldElement] = []
            prefix.reserveCapacity(points.count)
            var product = FieldElement.one
            for point in points {
                product = product * point.z
                prefix.append(product)
            }
            var inverse = product.inverted()
            var result = [NielsPoint](repeating: NielsPoint(yPlusX: .one, yMinusX: .one, xy2d: .zero), count: points.count)
            for i in points.indices.reversed() {
                let zInverse = i > 0 ? inverse * prefix[i - 1] : inverse
                inverse = inverse * points[i].z
                let x = points[i].x * zInverse, y = points[i].y * zInverse
                result[i] = NielsPoint(yPlusX: (y + x).carried(), yMinusX: (y - x).carried(), xy2d: x * y * .d2)
            }
            return result
        }

        private static let sha512 = ThreadLocal { ChallengeHasher() }
    }
}

/// A reusable SHA-512 context (one per thread, through `ThreadLocal`).
final class ChallengeHasher {
    private let context: DigestContextHandle

    init?() {
        guard let context = try? DigestContextHandle(),
              EVP_DigestInit_ex2(context.pointer, FetchedDigest.sha512.pointer, nil) == 1
        else {
            OpenSSL.clearErrors()
            return nil
        }
        self.context = context
    }

    /// Hashes the parts in order into `digest` (64 bytes); false if OpenSSL failed.
    func digest(_ parts: [UnsafeRawBufferPointer], into digest: inout [UInt8]) -> Bool {
        var length: UInt32 = 0
        let pointer = context.pointer
        guard parts.allSatisfy({ EVP_DigestUpdate(pointer, $0.baseAddress, $0.count) == 1 }),
              EVP_DigestFinal_ex(pointer, &digest, &length) == 1,
              EVP_DigestInit_ex2(pointer, nil, nil) == 1
        else {
            OpenSSL.clearErrors()
            _ = EVP_DigestInit_ex2(pointer, FetchedDigest.sha512.pointer, nil)
            return false
        }
        return true
    }
}
