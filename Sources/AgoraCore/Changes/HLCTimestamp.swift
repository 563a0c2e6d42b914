/// A hybrid logical clock timestamp: wall-clock milliseconds and a counter.
///
/// Two integers, because one packed number would pass 2^53, which RFC 8785 cannot carry
/// exactly. Ordered by milliseconds, then counter. See `protocol/PROTOCOL.md`, "HLC".
public struct HLCTimestamp: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The largest millisecond value: 2^53 - 1, exact in an IEEE-754 double.
    public static let maxMilliseconds: UInt64 = (1 << 53) - 1
    /// The largest counter value: 2^32 - 1.
    public static let maxCounter: UInt32 = .max

    /// Milliseconds since the Unix epoch.
    public let milliseconds: UInt64
    /// Orders stamps that share a millisecond.
    public let counter: UInt32

    /// A stamp; `milliseconds` is clamped to `maxMilliseconds`.
    public init(milliseconds: UInt64, counter: UInt32 = 0) {
        self.milliseconds = min(milliseconds, HLCTimestamp.maxMilliseconds)
        self.counter = counter
    }

    /// The stamp `[ms, counter]`; `nil` unless both are integers in range.
    public init?(json: JSONValue) {
        guard let pair = json.arrayValue, pair.count == 2,
              let ms = HLCTimestamp.integer(pair[0], max: Double(HLCTimestamp.maxMilliseconds)),
              let counter = HLCTimestamp.integer(pair[1], max: Double(HLCTimestamp.maxCounter)) else { return nil }
        self.init(milliseconds: UInt64(ms), counter: UInt32(counter))
    }

    /// `[ms, counter]`.
    public var json: JSONValue { .array([.number(Double(milliseconds)), .number(Double(counter))]) }

    public var description: String { "[\(milliseconds),\(counter)]" }

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool {
        (lhs.milliseconds, lhs.counter) < (rhs.milliseconds, rhs.counter)
    }

    static func integer(_ value: JSONValue, max: Double) -> Double? {
        guard let n = value.numberValue, n >= 0, n <= max, n == n.rounded(.towardZero) else { return nil }
        return n
    }
}
