extension Ed25519.PublicKey {
    /// Whether this key is one of the eight points of small order (the torsion subgroup),
    /// in any encoding, canonical or not.
    ///
    /// A signature under a small-order key can be forged without any private key: for the
    /// identity point, `R` = identity and `S` = 0 verify for every message. Such keys are
    /// refused by `registered(rawRepresentation:)`. The list is libsodium's: the
    /// y-coordinates 0, 1, p−1 and the two order-8 values, plus the non-canonical y = p and
    /// y = p+1, each with either sign bit. See `docs/KEYS.md`.
    public var isSmallOrder: Bool {
        var masked = rawRepresentation
        masked[31] &= 0x7f
        return Ed25519.smallOrderEncodings.contains(masked)
    }
}

extension Ed25519 {
    /// The y-coordinates (little-endian, sign bit cleared) of the small-order points.
    static let smallOrderEncodings: [[UInt8]] = [
        // y = 0: the two points of order 4.
        [UInt8](repeating: 0, count: 32),
        // y = 1: the identity (order 1).
        [0x01] + [UInt8](repeating: 0, count: 31),
        // y of the points of order 8, and its negation p − y.
        [0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98, 0xf0,
         0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53, 0xfc, 0x05],
        [0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67, 0x0f,
         0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac, 0x03, 0x7a],
        // y = p − 1: the point of order 2.
        primeEncoding(plus: -1),
        // y = p and y = p + 1: non-canonical encodings of y = 0 and y = 1.
        primeEncoding(plus: 0),
        primeEncoding(plus: 1),
    ]

    /// The little-endian encoding of p + offset, where p = 2^255 − 19 and −1 ≤ offset ≤ 1.
    private static func primeEncoding(plus offset: Int) -> [UInt8] {
        [UInt8(0xed + offset)] + [UInt8](repeating: 0xff, count: 30) + [0x7f]
    }
}
