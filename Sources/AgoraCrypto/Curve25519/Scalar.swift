/// Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493,
/// as four little-endian 64-bit words. Variable time: for verification only.
struct Scalar {
    var w0, w1, w2, w3: UInt64

    /// L, the order of the prime-order subgroup of edwards25519.
    static let order: [UInt64] = [0x5812_631a_5cf5_d3ed, 0x14de_f9de_a2f7_9cd6, 0, 0x1000_0000_0000_0000]
    /// floor(2^512 / L), for Barrett reduction.
    private static let barrett: [UInt64] = [0xed9c_e5a3_0a2c_131b, 0x2106_215d_0863_29a7, 0xffff_ffff_ffff_ffeb,
                                            0xffff_ffff_ffff_ffff, 0xf]

    /// The scalar in 32 little-endian bytes, when it is below L (RFC 8032's check on S);
    /// `nil` otherwise.
    init?(canonical bytes: UnsafeRawBufferPointer) {
        let words = (0..<4).map { bytes.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self).littleEndian }
        guard Self.isBelowOrder(words) else { return nil }
        (w0, w1, w2, w3) = (words[0], words[1], words[2], words[3])
    }

    /// The 64 little-endian bytes of a SHA-512 digest, reduced modulo L.
    init(reducing digest: UnsafeRawBufferPointer) {
        let x = (0..<8).map { digest.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self).littleEndian }
        // Barrett (HAC 14.42) with b = 2^64, k = 4: q = ⌊⌊x / b^3⌋ · μ / b^5⌋ is at most 2
        // below ⌊x / L⌋, so x − qL, taken modulo b^5, needs at most two more subtractions.
        let q = Array(Self.multiply(Array(x[3...]), Self.barrett)[5...])
        var r = Self.subtract(Array(x[0..<5]), Self.multiply(q, Self.order))
        while !Self.isBelowOrder(r) { r = Self.subtract(r, Self.order + [0]) }
        (w0, w1, w2, w3) = (r[0], r[1], r[2], r[3])
    }

    /// The 64 signed digits e[i] in −8…8 with scalar = Σ e[i]·16^i (the scalar must be below 2^255).
    var signedRadix16: [Int8] {
        var digits = [Int8](repeating: 0, count: 64)
        let words = [w0, w1, w2, w3]
        for i in 0..<64 { digits[i] = Int8(truncatingIfNeeded: words[i / 16] >> (4 * UInt64(i % 16)) & 0xf) }
        for i in 0..<63 {
            let carry = (digits[i] + 8) >> 4
            digits[i] -= carry << 4
            digits[i + 1] += carry
        }
        return digits
    }

    /// Whether the words (a 4-word value, or a 5-word one whose top word must then be zero) are below L.
    private static func isBelowOrder(_ words: [UInt64]) -> Bool {
        if words.count > 4, words[4...].contains(where: { $0 != 0 }) { return false }
        for i in stride(from: 3, through: 0, by: -1) where words[i] != order[i] {
            return words[i] < order[i]
        }
        return false
    }

    /// The full product of two little-endian numbers.
    static func multiply(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var product = [UInt64](repeating: 0, count: a.count + b.count)
        for i in a.indices {
            var carry: UInt64 = 0
            for j in b.indices {
                let (high, low) = a[i].multipliedFullWidth(by: b[j])
                let (sum1, overflow1) = low.addingReportingOverflow(product[i + j])
                let (sum2, overflow2) = sum1.addingReportingOverflow(carry)
                product[i + j] = sum2
                carry = high &+ (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
            }
            product[i + b.count] = carry
        }
        return product
    }

    /// (a − b) mod 2^320, on the low five words of each.
    private static func subtract(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] {
        var result = [UInt64](repeating: 0, count: 5)
        var borrow: UInt64 = 0
        for i in 0..<5 {
            let (difference1, overflow1) = a[i].subtractingReportingOverflow(b[i])
            let (difference2, overflow2) = difference1.subtractingReportingOverflow(borrow)
            result[i] = difference2
            borrow = (overflow1 ? 1 : 0) &+ (overflow2 ? 1 : 0)
        }
        return result
    }
}
