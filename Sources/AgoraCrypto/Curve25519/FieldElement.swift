/// An element of GF(p), p = 2^255 − 19, as five 51-bit limbs (little-endian radix 2^51).
///
/// Only for verification, which handles public data: nothing here runs in constant time.
/// Limbs are not kept fully reduced. The bounds every caller relies on:
/// - `*`, `squared()` and `carried()` return limbs below 2^52;
/// - `+` adds limb by limb, `-` adds 4p first, so neither carries;
/// - `*` and `squared()` accept limbs below 2^56 (products stay below 2^128).
/// In the point formulas every operand is a product or a sum or difference of at most two
/// products, so every limb stays below 2^55.
struct FieldElement: Equatable {
    var l0, l1, l2, l3, l4: UInt64

    static let mask: UInt64 = (1 << 51) - 1
    static let zero = FieldElement(l0: 0, l1: 0, l2: 0, l3: 0, l4: 0)
    static let one = FieldElement(l0: 1, l1: 0, l2: 0, l3: 0, l4: 0)
    /// d = −121665/121666, the curve constant of edwards25519.
    static let d = FieldElement(l0: 0x34dca135978a3, l1: 0x1a8283b156ebd, l2: 0x5e7a26001c029,
                                l3: 0x739c663a03cbb, l4: 0x52036cee2b6ff)
    /// 2d.
    static let d2 = FieldElement(l0: 0x69b9426b2f159, l1: 0x35050762add7a, l2: 0x3cf44c0038052,
                                 l3: 0x6738cc7407977, l4: 0x2406d9dc56dff)
    /// A square root of −1: 2^((p−1)/4).
    static let sqrtMinusOne = FieldElement(l0: 0x61b274a0ea0b0, l1: 0xd5a5fc8f189d, l2: 0x7ef5e9cbd0c60,
                                           l3: 0x78595a6804c9e, l4: 0x2b8324804fc1d)

    /// The element encoded by 32 little-endian bytes; bit 255 is ignored and a value of p or
    /// more is taken as is (reduced by later arithmetic). Use `isCanonical(_:)` to refuse those.
    init(bytes: UnsafeRawBufferPointer) {
        let w0 = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        let w1 = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
        let w2 = bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
        let w3 = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian
        l0 = w0 & Self.mask
        l1 = (w0 >> 51 | w1 << 13) & Self.mask
        l2 = (w1 >> 38 | w2 << 26) & Self.mask
        l3 = (w2 >> 25 | w3 << 39) & Self.mask
        l4 = (w3 >> 12) & Self.mask
    }

    init(l0: UInt64, l1: UInt64, l2: UInt64, l3: UInt64, l4: UInt64) {
        (self.l0, self.l1, self.l2, self.l3, self.l4) = (l0, l1, l2, l3, l4)
    }

    /// Whether 32 bytes, bit 255 ignored, encode a value below p.
    static func isCanonical(_ bytes: UnsafeRawBufferPointer) -> Bool {
        let w0 = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
        let w1 = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
        let w2 = bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
        let w3 = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian & (UInt64.max >> 1)
        // p = 2^255 − 19 is 0x7fff…ffed: only values from p to 2^255 − 1 are not canonical.
        return !(w3 == UInt64.max >> 1 && w2 == .max && w1 == .max && w0 >= 0xffff_ffff_ffff_ffed)
    }

    static func + (a: FieldElement, b: FieldElement) -> FieldElement {
        FieldElement(l0: a.l0 &+ b.l0, l1: a.l1 &+ b.l1, l2: a.l2 &+ b.l2, l3: a.l3 &+ b.l3, l4: a.l4 &+ b.l4)
    }

    /// a − b computed as a + 4p − b, so it never goes below zero while the limbs of b are below
    /// 2^53 − 76: b must be a product, a `carried()` value or a small constant. Debug builds check
    /// it (`checkSubtraction`).
    static func - (a: FieldElement, b: FieldElement) -> FieldElement {
        checkSubtraction(a, b)
        return FieldElement(l0: a.l0 &+ 0x1f_ffff_ffff_ffb4 &- b.l0, l1: a.l1 &+ 0x1f_ffff_ffff_fffc &- b.l1,
                     l2: a.l2 &+ 0x1f_ffff_ffff_fffc &- b.l2, l3: a.l3 &+ 0x1f_ffff_ffff_fffc &- b.l3,
                     l4: a.l4 &+ 0x1f_ffff_ffff_fffc &- b.l4)
    }

    /// −a, for any a within the bounds above.
    static prefix func - (a: FieldElement) -> FieldElement { zero - a.carried() }

    @inline(__always)
    static func * (a: FieldElement, b: FieldElement) -> FieldElement {
        checkFactor(a)
        checkFactor(b)
        let b1 = b.l1 &* 19, b2 = b.l2 &* 19, b3 = b.l3 &* 19, b4 = b.l4 &* 19
        let t0 = wide(a.l0, b.l0) &+ wide(a.l1, b4) &+ wide(a.l2, b3) &+ wide(a.l3, b2) &+ wide(a.l4, b1)
        let t1 = wide(a.l0, b.l1) &+ wide(a.l1, b.l0) &+ wide(a.l2, b4) &+ wide(a.l3, b3) &+ wide(a.l4, b2)
        let t2 = wide(a.l0, b.l2) &+ wide(a.l1, b.l1) &+ wide(a.l2, b.l0) &+ wide(a.l3, b4) &+ wide(a.l4, b3)
        let t3 = wide(a.l0, b.l3) &+ wide(a.l1, b.l2) &+ wide(a.l2, b.l1) &+ wide(a.l3, b.l0) &+ wide(a.l4, b4)
        let t4 = wide(a.l0, b.l4) &+ wide(a.l1, b.l3) &+ wide(a.l2, b.l2) &+ wide(a.l3, b.l1) &+ wide(a.l4, b.l0)
        return reduce(t0, t1, t2, t3, t4)
    }

    @inline(__always)
    func squared() -> FieldElement {
        Self.checkFactor(self)
        let d0 = l0 &* 2, d1 = l1 &* 2
        let l1x38 = l1 &* 38, l2x38 = l2 &* 38, l3x38 = l3 &* 38, l3x19 = l3 &* 19, l4x19 = l4 &* 19
        let t0 = Self.wide(l0, l0) &+ Self.wide(l1x38, l4) &+ Self.wide(l2x38, l3)
        let t1 = Self.wide(d0, l1) &+ Self.wide(l2x38, l4) &+ Self.wide(l3x19, l3)
        let t2 = Self.wide(d0, l2) &+ Self.wide(l1, l1) &+ Self.wide(l3x38, l4)
        let t3 = Self.wide(d0, l3) &+ Self.wide(d1, l2) &+ Self.wide(l4x19, l4)
        let t4 = Self.wide(d0, l4) &+ Self.wide(d1, l3) &+ Self.wide(l2, l2)
        return Self.reduce(t0, t1, t2, t3, t4)
    }

    /// self^(2^count).
    func squared(times count: Int) -> FieldElement {
        var result = self
        for _ in 0..<count { result = result.squared() }
        return result
    }

    /// The same value with every limb below 2^52.
    func carried() -> FieldElement {
        Self.reduce(UInt128(l0), UInt128(l1), UInt128(l2), UInt128(l3), UInt128(l4))
    }

    /// 1/self (0 for 0): self^(p−2) by the usual chain of 254 squarings and 11 products.
    func inverted() -> FieldElement {
        let (t11, t250) = powerChain()
        return t250.squared(times: 5) * t11
    }

    /// self^((p−5)/8) = self^(2^252 − 3), for square roots.
    func powerP58() -> FieldElement {
        powerChain().x2_250_0.squared(times: 2) * self
    }

    /// self^11 and self^(2^250 − 1), shared by `inverted()` and `powerP58()`.
    private func powerChain() -> (x11: FieldElement, x2_250_0: FieldElement) {
        let x2 = squared()
        let x9 = x2.squared(times: 2) * self
        let x11 = x9 * x2
        let x2_5_0 = x11.squared() * x9
        let x2_10_0 = x2_5_0.squared(times: 5) * x2_5_0
        let x2_20_0 = x2_10_0.squared(times: 10) * x2_10_0
        let x2_40_0 = x2_20_0.squared(times: 20) * x2_20_0
        let x2_50_0 = x2_40_0.squared(times: 10) * x2_10_0
        let x2_100_0 = x2_50_0.squared(times: 50) * x2_50_0
        let x2_200_0 = x2_100_0.squared(times: 100) * x2_100_0
        let x2_250_0 = x2_200_0.squared(times: 50) * x2_50_0
        return (x11, x2_250_0)
    }

    /// The canonical 32-byte little-endian encoding (the value reduced below p).
    func encoded() -> (UInt64, UInt64, UInt64, UInt64) {
        var h = carried()
        // h < 2^255 + small; q = 1 exactly when h ≥ p.
        var q = (h.l0 &+ 19) >> 51
        q = (h.l1 &+ q) >> 51
        q = (h.l2 &+ q) >> 51
        q = (h.l3 &+ q) >> 51
        q = (h.l4 &+ q) >> 51
        h.l0 &+= 19 &* q
        h.l1 &+= h.l0 >> 51; h.l0 &= Self.mask
        h.l2 &+= h.l1 >> 51; h.l1 &= Self.mask
        h.l3 &+= h.l2 >> 51; h.l2 &= Self.mask
        h.l4 &+= h.l3 >> 51; h.l3 &= Self.mask
        h.l4 &= Self.mask
        return (h.l0 | h.l1 << 51, h.l1 >> 13 | h.l2 << 38, h.l2 >> 26 | h.l3 << 25, h.l3 >> 39 | h.l4 << 12)
    }

    /// Whether the canonical value is odd (the "negative" x of RFC 8032's encoding).
    var isOdd: Bool { encoded().0 & 1 == 1 }

    /// Whether the canonical value is zero.
    var isZero: Bool { encoded() == (0, 0, 0, 0) }

    /// Equality of values, not of limbs.
    static func == (a: FieldElement, b: FieldElement) -> Bool { a.encoded() == b.encoded() }

    @inline(__always)
    private static func wide(_ a: UInt64, _ b: UInt64) -> UInt128 { UInt128(a) &* UInt128(b) }

    /// Carries five 128-bit column sums into limbs below 2^52 (2^255 ≡ 19).
    @inline(__always)
    private static func reduce(_ t0: UInt128, _ t1: UInt128, _ t2: UInt128, _ t3: UInt128,
                               _ t4: UInt128) -> FieldElement {
        var t1 = t1, t2 = t2, t3 = t3, t4 = t4
        let r0 = UInt64(truncatingIfNeeded: t0) & mask
        t1 &+= t0 >> 51
        let r1 = UInt64(truncatingIfNeeded: t1) & mask
        t2 &+= t1 >> 51
        let r2 = UInt64(truncatingIfNeeded: t2) & mask
        t3 &+= t2 >> 51
        let r3 = UInt64(truncatingIfNeeded: t3) & mask
        t4 &+= t3 >> 51
        let r4 = UInt64(truncatingIfNeeded: t4) & mask
        // For inputs below 2^56 the top carry times 19 is below 2^74: one more step leaves
        // every limb below 2^52.
        let top = UInt128(r0) &+ (t4 >> 51) &* 19
        let s0 = UInt64(truncatingIfNeeded: top) & mask
        let s1 = r1 &+ UInt64(truncatingIfNeeded: top >> 51)
        return FieldElement(l0: s0, l1: s1, l2: r2, l3: r3, l4: r4)
    }
}
