/// How this implementation chooses among the actions the protocol allows. Nothing here is
/// normative: a peer that chooses differently still reconciles correctly, only with other
/// byte counts and round trips. See `protocol/SYNC.md`, "Choices".
public struct SyncPolicy: Sendable, Hashable {
    /// The number of items a leaf range is meant to hold when the initiator lists it.
    public var leafItems = 4
    /// The branching of every split below the first (the first is wider, since its cost is
    /// shared by every difference).
    public var innerBranching = 11
    /// The initiator lists a range rather than splitting it when it holds at most this many items.
    public var listItems = 16
    /// The responder answers a list with ids when it holds at most this many items in the range.
    public var answerItems = 64
    /// The size a message is kept near: the first entry past it becomes a `later`. At most
    /// `SyncLimits.maximumMessageBytes` minus 64 KiB.
    public var messageBudget = 512 * 1024
    /// The message by whose reply the initiator means to be listing: the sixth (three round trips).
    public var plannedMessages = 6

    /// The standard choices.
    public static let standard = SyncPolicy()

    /// The choices with every default.
    public init() {}

    /// How many parts to cut a range of `count` items into, when building message number
    /// `message` (the first message is 1).
    func parts(count: UInt64, message: Int, limit: Int) -> Int {
        let splitsLeft = max(1, plannedMessages - 1 - message)
        var perPart = UInt64(leafItems)
        for _ in 1..<splitsLeft { perPart *= UInt64(innerBranching) }
        let wanted = (count + perPart - 1) / perPart
        return Int(min(max(wanted, 2), UInt64(limit)))
    }
}

/// The outcome of a session, known to the initiator at its end: what each side lacks.
/// See `protocol/SYNC.md`, "Outcome".
public struct SyncOutcome: Sendable {
    /// The initiator's items the responder lacks (from answers to lists).
    public var have: [SyncItem] = []
    /// Key ranges in which the responder has no item at all: the initiator's items there are all to give.
    public var haveRanges: [SyncKeyRange] = []
    /// Ids the responder has and the initiator lacks.
    public var need: [SyncID] = []
    /// Key ranges in which the initiator has no item and the responder has `count` of them: all to fetch.
    public var needRanges: [SyncKeyRange] = []
    /// Whether the final check passed: the responder's whole-set fingerprint equals the
    /// fingerprint of the initiator's set with `have` taken out and `need` put in. False means
    /// a collision of a short fingerprint or tag (or a set that changed during the session):
    /// act on what was found and run another session, with a fresh nonce.
    public var isConsistent = false
    /// Messages exchanged, both ways together.
    public var messages = 0

    /// Whether the sets were found equal.
    public var isEmpty: Bool { have.isEmpty && haveRanges.isEmpty && need.isEmpty && needRanges.isEmpty }
}

/// A range of keys, `[lower, upper)`, with how many items the side that reported it holds there.
public struct SyncKeyRange: Sendable, Hashable {
    /// The lowest key in the range.
    public var lower: SyncKey
    /// The first key above the range.
    public var upper: SyncKey
    /// How many items the reporting side holds in the range.
    public var count: UInt64
}
