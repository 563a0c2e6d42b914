/// A point in the reconciliation's key space: HLC milliseconds, then the first 8 bytes of a
/// change id read as a big-endian integer.
///
/// Read as one 117-bit number (`milliseconds · 2^64 + tail`), keys are ordered like the items
/// they stand for, and a range `[lower, upper)` splits into equal parts by plain arithmetic, so
/// both sides compute the same bounds without sending them. See `protocol/SYNC.md`, "Key space".
public struct SyncKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// HLC milliseconds (the high 64 bits of the number).
    public let milliseconds: UInt64
    /// The id's first 8 bytes, big-endian (the low 64 bits).
    public let tail: UInt64

    /// The key `milliseconds · 2^64 + tail`.
    public init(milliseconds: UInt64, tail: UInt64 = 0) {
        self.milliseconds = milliseconds
        self.tail = tail
    }

    public static func < (lhs: SyncKey, rhs: SyncKey) -> Bool {
        (lhs.milliseconds, lhs.tail) < (rhs.milliseconds, rhs.tail)
    }

    public var description: String { "\(milliseconds):\(String(tail, radix: 16))" }

    /// `upper - self`, as a key-sized number; `upper` must not be below `self`.
    func distance(to upper: SyncKey) -> SyncKey {
        let (low, borrow) = upper.tail.subtractingReportingOverflow(tail)
        return SyncKey(milliseconds: upper.milliseconds &- milliseconds &- (borrow ? 1 : 0), tail: low)
    }

    /// `self + other`; never overflows for keys inside one range.
    func adding(_ other: SyncKey) -> SyncKey {
        let (low, carry) = tail.addingReportingOverflow(other.tail)
        return SyncKey(milliseconds: milliseconds &+ other.milliseconds &+ (carry ? 1 : 0), tail: low)
    }

    /// `floor(self · numerator / denominator)` for `numerator <= denominator`, `denominator > 0`.
    func scaled(_ numerator: UInt64, over denominator: UInt64) -> SyncKey {
        // self = q · d + r, so self · n / d = q · n + r · n / d, and r · n < d² fits in 128 bits.
        let highQuotient = milliseconds / denominator, highRemainder = milliseconds % denominator
        let (lowQuotient, remainder) = denominator.dividingFullWidth((highRemainder, tail))
        let (carry, low) = lowQuotient.multipliedFullWidth(by: numerator)
        let extra = denominator.dividingFullWidth(remainder.multipliedFullWidth(by: numerator)).quotient
        return SyncKey(milliseconds: highQuotient &* numerator &+ carry, tail: low).adding(SyncKey(milliseconds: 0, tail: extra))
    }

    /// Whether `[self, upper)` holds fewer than `parts` key points, so it cannot be cut in as many parts.
    func isNarrower(than upper: SyncKey, parts: Int) -> Bool {
        let width = distance(to: upper)
        return width.milliseconds == 0 && width.tail < UInt64(parts)
    }

    /// The `parts + 1` bounds that cut `[self, upper)` in `parts` equal parts:
    /// bound *i* = `self + floor((upper - self) · i / parts)`. See `protocol/SYNC.md`, "Splitting".
    func bounds(to upper: SyncKey, parts: Int) -> [SyncKey] {
        let width = distance(to: upper), n = UInt64(parts)
        return (0...n).map { i in i == n ? upper : adding(width.scaled(i, over: n)) }
    }
}
