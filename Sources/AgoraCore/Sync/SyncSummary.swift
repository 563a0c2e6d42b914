/// What a fingerprint is made of: the sum of the ids in a range, each read as a 256-bit
/// little-endian number, modulo 2^256, and how many there are.
///
/// Sums add and subtract, so a range's summary is the difference of two prefix summaries and
/// a new item costs one addition per tree level. See `protocol/SYNC.md`, "Fingerprints".
public struct SyncSummary: Sendable, Hashable {
    /// The sum's four 64-bit limbs, least significant first.
    public private(set) var limbs: (UInt64, UInt64, UInt64, UInt64)
    /// How many items were added.
    public private(set) var count: UInt64

    /// The summary of no items.
    public static let empty = SyncSummary(limbs: (0, 0, 0, 0), count: 0)

    /// A summary from its limbs (least significant first) and count.
    public init(limbs: (UInt64, UInt64, UInt64, UInt64), count: UInt64) {
        self.limbs = limbs
        self.count = count
    }

    /// The summary of one id.
    public init(_ id: SyncID) {
        // Byte i of the id is byte i of a little-endian number: limb k is word k byte-swapped.
        limbs = (id.words.0.byteSwapped, id.words.1.byteSwapped, id.words.2.byteSwapped, id.words.3.byteSwapped)
        count = 1
    }

    /// The summary of `items`.
    public init(_ items: some Sequence<SyncItem>) {
        var summary = SyncSummary.empty
        for item in items { summary.add(item.id) }
        self = summary
    }

    /// Adds one id.
    public mutating func add(_ id: SyncID) { self = self + SyncSummary(id) }

    /// The 32 bytes of the sum, little-endian.
    public var sumBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for limb in [limbs.0, limbs.1, limbs.2, limbs.3] {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: limb >> UInt64(shift))) }
        }
        return out
    }

    /// The summary whose sum is `bytes` (32, little-endian) and whose count is `count`; `nil` unless 32 bytes.
    public init?(sumBytes bytes: [UInt8], count: UInt64) {
        guard bytes.count == 32 else { return nil }
        var l: [UInt64] = [0, 0, 0, 0]
        for i in 0..<32 { l[i >> 3] |= UInt64(bytes[i]) << UInt64(8 * (i & 7)) }
        self.init(limbs: (l[0], l[1], l[2], l[3]), count: count)
    }

    public static func + (lhs: SyncSummary, rhs: SyncSummary) -> SyncSummary {
        let (a, c0) = lhs.limbs.0.addingReportingOverflow(rhs.limbs.0)
        let (b, c1) = add(lhs.limbs.1, rhs.limbs.1, carry: c0)
        let (c, c2) = add(lhs.limbs.2, rhs.limbs.2, carry: c1)
        let (d, _) = add(lhs.limbs.3, rhs.limbs.3, carry: c2)
        return SyncSummary(limbs: (a, b, c, d), count: lhs.count &+ rhs.count)
    }

    public static func - (lhs: SyncSummary, rhs: SyncSummary) -> SyncSummary {
        let (a, b0) = lhs.limbs.0.subtractingReportingOverflow(rhs.limbs.0)
        let (b, b1) = subtract(lhs.limbs.1, rhs.limbs.1, borrow: b0)
        let (c, b2) = subtract(lhs.limbs.2, rhs.limbs.2, borrow: b1)
        let (d, _) = subtract(lhs.limbs.3, rhs.limbs.3, borrow: b2)
        return SyncSummary(limbs: (a, b, c, d), count: lhs.count &- rhs.count)
    }

    public static func == (lhs: SyncSummary, rhs: SyncSummary) -> Bool {
        lhs.count == rhs.count && lhs.limbs.0 == rhs.limbs.0 && lhs.limbs.1 == rhs.limbs.1
            && lhs.limbs.2 == rhs.limbs.2 && lhs.limbs.3 == rhs.limbs.3
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(limbs.0)
        hasher.combine(limbs.1)
        hasher.combine(limbs.2)
        hasher.combine(limbs.3)
    }

    private static func add(_ x: UInt64, _ y: UInt64, carry: Bool) -> (UInt64, Bool) {
        let (s, o1) = x.addingReportingOverflow(y)
        let (t, o2) = s.addingReportingOverflow(carry ? 1 : 0)
        return (t, o1 || o2)
    }

    private static func subtract(_ x: UInt64, _ y: UInt64, borrow: Bool) -> (UInt64, Bool) {
        let (s, o1) = x.subtractingReportingOverflow(y)
        let (t, o2) = s.subtractingReportingOverflow(borrow ? 1 : 0)
        return (t, o1 || o2)
    }
}
