/// A hybrid logical clock: monotonic stamps close to wall time, advanced by what it receives.
///
/// A value type with no clock of its own: the wall time is always a parameter. A node keeps
/// one inside its writer actor. See `protocol/PROTOCOL.md`, "HLC".
public struct HybridLogicalClock: Sendable, Hashable {
    /// How far ahead of the wall clock a received stamp may be by default: 5 minutes.
    public static let defaultMaxSkewMilliseconds: UInt64 = 300_000

    /// The last stamp issued or received.
    public private(set) var last: HLCTimestamp
    /// How far ahead of the wall clock a received stamp may be, in milliseconds.
    public let maxSkewMilliseconds: UInt64

    /// A clock that has issued nothing yet (or resumes after `last`).
    public init(last: HLCTimestamp = HLCTimestamp(milliseconds: 0), maxSkewMilliseconds: UInt64 = defaultMaxSkewMilliseconds) {
        self.last = last
        self.maxSkewMilliseconds = maxSkewMilliseconds
    }

    /// Issues a stamp later than every stamp issued or received so far.
    /// - Parameter wallMilliseconds: the wall clock now, in milliseconds since the epoch.
    public mutating func now(wallMilliseconds: UInt64) -> HLCTimestamp {
        let wall = min(wallMilliseconds, HLCTimestamp.maxMilliseconds)
        if wall > last.milliseconds {
            last = HLCTimestamp(milliseconds: wall)
        } else if last.counter < HLCTimestamp.maxCounter {
            last = HLCTimestamp(milliseconds: last.milliseconds, counter: last.counter + 1)
        } else {
            last = HLCTimestamp(milliseconds: last.milliseconds + 1)
        }
        return last
    }

    /// Takes in a received stamp, so later local stamps order after it.
    ///
    /// A stamp more than `maxSkewMilliseconds` ahead of `wallMilliseconds` is refused and
    /// leaves the clock where it was.
    /// - Throws: `ChangeRejection` with code `future-timestamp`.
    public mutating func receive(_ stamp: HLCTimestamp, wallMilliseconds: UInt64) throws(ChangeRejection) {
        try HybridLogicalClock.check(stamp, wallMilliseconds: wallMilliseconds, maxSkewMilliseconds: maxSkewMilliseconds)
        if stamp > last { last = stamp }
    }

    /// How far the clock runs ahead of the wall clock, in milliseconds (0 when it does not).
    /// A node reports this in its health view.
    public func drift(wallMilliseconds: UInt64) -> UInt64 {
        last.milliseconds > wallMilliseconds ? last.milliseconds - wallMilliseconds : 0
    }

    /// Refuses a stamp more than `maxSkewMilliseconds` ahead of `wallMilliseconds`.
    public static func check(_ stamp: HLCTimestamp, wallMilliseconds: UInt64, maxSkewMilliseconds: UInt64) throws(ChangeRejection) {
        let bound = wallMilliseconds.addingReportingOverflow(maxSkewMilliseconds)
        if !bound.overflow, stamp.milliseconds > bound.partialValue {
            throw ChangeRejection(.futureTimestamp,
                                  "stamp \(stamp) is \(stamp.milliseconds - wallMilliseconds) ms ahead of the clock (limit \(maxSkewMilliseconds) ms)")
        }
    }
}
