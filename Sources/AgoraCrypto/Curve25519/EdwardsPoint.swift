/// A point of edwards25519 (−x² + y² = 1 + d·x²·y²) in extended coordinates (X:Y:Z:T),
/// x = X/Z, y = Y/Z, x·y = T/Z.
///
/// The addition is Hisil–Wong–Carter–Dawson's "add-2008-hwcd-3", which is complete on this
/// curve (a = −1 is a square and d is not), so it also doubles and needs no special cases.
struct EdwardsPoint {
    var x, y, z, t: FieldElement

    static let identity = EdwardsPoint(x: .zero, y: .one, z: .one, t: .zero)

    /// The base point B of RFC 8032 (y = 4/5, x even).
    static let base = EdwardsPoint(
        affineX: FieldElement(l0: 0x62d608f25d51a, l1: 0x412a4b4f6592a, l2: 0x75b7171a4b31d,
                              l3: 0x1ff60527118fe, l4: 0x216936d3cd6e5),
        y: FieldElement(l0: 0x6666666666658, l1: 0x4cccccccccccc, l2: 0x1999999999999,
                        l3: 0x3333333333333, l4: 0x6666666666666))

    init(x: FieldElement, y: FieldElement, z: FieldElement, t: FieldElement) {
        (self.x, self.y, self.z, self.t) = (x, y, z, t)
    }

    init(affineX x: FieldElement, y: FieldElement) {
        self.init(x: x, y: y, z: .one, t: x * y)
    }

    /// Decodes a point as RFC 8032 §5.1.3 does, but only from a canonical encoding:
    /// `nil` when y ≥ p, when no x fits, or when x = 0 with the sign bit set.
    init?(encoded bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32, FieldElement.isCanonical(bytes) else { return nil }
        let y = FieldElement(bytes: bytes)
        let sign = bytes[31] >> 7 == 1
        let u = y.squared() - .one
        let v = FieldElement.d * y.squared() + .one
        // x = u·v³·(u·v⁷)^((p−5)/8), then fix it up by √−1 or give up.
        let v3 = v.squared() * v
        var x = u * v3 * (u * v3.squared() * v).powerP58()
        let check = v * x.squared()
        if check == u {
            // x is a root.
        } else if check == -u {
            x = x * .sqrtMinusOne
        } else {
            return nil
        }
        if x.isZero && sign { return nil }
        if x.isOdd != sign { x = -x }
        self.init(affineX: x.carried(), y: y)
    }

    /// The canonical 32-byte encoding: y, with the parity of x in bit 255.
    func encoded() -> (UInt64, UInt64, UInt64, UInt64) {
        let inverse = z.inverted()
        let affineX = x * inverse, affineY = y * inverse
        var words = affineY.encoded()
        if affineX.isOdd { words.3 |= 1 << 63 }
        return words
    }

    /// self + other.
    static func + (p: EdwardsPoint, q: EdwardsPoint) -> EdwardsPoint {
        let c = p.t * FieldElement.d2 * q.t, d = p.z * (q.z + q.z)
        return combine(a: (p.y - p.x) * (q.y - q.x), b: (p.y + p.x) * (q.y + q.x), f: d - c, g: d + c)
    }

    /// self + q for a precomputed affine q (seven products instead of nine).
    static func + (p: EdwardsPoint, q: NielsPoint) -> EdwardsPoint {
        let c = p.t * q.xy2d, d = p.z + p.z
        return combine(a: (p.y - p.x) * q.yMinusX, b: (p.y + p.x) * q.yPlusX, f: d - c, g: d + c)
    }

    /// self − q for a precomputed affine q: −(x, y) = (−x, y), so y + x and y − x trade places
    /// and 2dxy changes sign.
    static func - (p: EdwardsPoint, q: NielsPoint) -> EdwardsPoint {
        let c = p.t * q.xy2d, d = p.z + p.z
        return combine(a: (p.y - p.x) * q.yPlusX, b: (p.y + p.x) * q.yMinusX, f: d + c, g: d - c)
    }

    /// The end of both additions: with E = B − A and H = B + A, the sum is (E·F : G·H : F·G : E·H).
    @inline(__always)
    private static func combine(a: FieldElement, b: FieldElement, f: FieldElement, g: FieldElement) -> EdwardsPoint {
        let e = b - a, h = b + a
        return EdwardsPoint(x: e * f, y: g * h, z: f * g, t: e * h)
    }
}

/// An affine point precomputed for addition: (y + x, y − x, 2d·x·y), limbs below 2^52.
struct NielsPoint {
    var yPlusX, yMinusX, xy2d: FieldElement
}
