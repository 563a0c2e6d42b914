/// One reconciliation message. See `protocol/SYNC.md`, "Messages".
public enum SyncMessage: Sendable, Hashable {
    /// The initiator's first message: the session's parameters, nonce, time bound, its lowest
    /// item time and its whole-set fingerprint.
    case open(SyncOpening)
    /// The responder's answer when the whole sets match: the session is over.
    case equal
    /// The responder's first answer when they differ: the agreed lower bound, its whole-set
    /// fingerprint, and its entries.
    case reply(SyncReply)
    /// Every later message, both ways: entries only.
    case next(parameters: SyncParameters, entries: [SyncEntry])

    /// The protocol version byte every message starts with.
    public static let version: UInt8 = 1
}

/// The first message of a session. See `protocol/SYNC.md`, "open".
public struct SyncOpening: Sendable, Hashable {
    /// The lengths used for the whole session.
    public var parameters: SyncParameters
    /// 8 random bytes, fresh for each session.
    public var nonce: [UInt8]
    /// Only items with milliseconds below this take part.
    public var bound: UInt64
    /// The initiator's lowest item milliseconds (`bound` if it has none).
    public var lower: UInt64
    /// The initiator's 16-byte fingerprint of its items in `[lower, bound)`.
    public var fingerprint: [UInt8]

    /// An opening message.
    public init(parameters: SyncParameters, nonce: [UInt8], bound: UInt64, lower: UInt64, fingerprint: [UInt8]) {
        self.parameters = parameters
        self.nonce = nonce
        self.bound = bound
        self.lower = lower
        self.fingerprint = fingerprint
    }
}

/// The responder's first message when the sets differ. See `protocol/SYNC.md`, "reply".
public struct SyncReply: Sendable, Hashable {
    /// The session's parameters, repeated.
    public var parameters: SyncParameters
    /// The lower bound both sides use from now on: the lower of the two lowest item times.
    public var lower: UInt64
    /// The responder's 16-byte fingerprint of its items in `[lower, bound)`, for the final check.
    public var fingerprint: [UInt8]
    /// What the responder does with the initiator's whole range.
    public var entries: [SyncEntry]

    /// A reply message.
    public init(parameters: SyncParameters, lower: UInt64, fingerprint: [UInt8], entries: [SyncEntry]) {
        self.parameters = parameters
        self.lower = lower
        self.fingerprint = fingerprint
        self.entries = entries
    }
}

/// One entry of a message body: skip `skip` open ranges (they match), then act on the next.
public struct SyncEntry: Sendable, Hashable {
    /// How many open ranges before this one match and are closed.
    public var skip: Int
    /// What to do with the range.
    public var action: SyncAction

    /// An entry.
    public init(skip: Int, action: SyncAction) {
        self.skip = skip
        self.action = action
    }
}

/// What a side does with one open range. See `protocol/SYNC.md`, "Actions".
public enum SyncAction: Sendable, Hashable {
    /// Cut the range in `parts` equal parts; `fingerprints` holds the sender's fingerprint of
    /// each, `fingerprintLength` bytes apiece, in order. Opens `parts` ranges.
    case split(parts: Int, fingerprints: [UInt8])
    /// The initiator's items in the range, as tags, in item order. Opens one range.
    case list(tags: [UInt64])
    /// The responder's answer to a list (or to an empty range): which listed items it lacks
    /// (one flag per tag), and the full ids of its items the list does not cover. Closes the range.
    case answer(lacking: [Bool], extras: [SyncID])
    /// The responder has no items in the range: the initiator has them all to give. Closes it.
    case none
    /// The initiator has no items in the range and the responder has `summary.count` of them,
    /// with this sum: fetch the whole range. Closes it.
    case all(SyncSummary)
    /// The sender stops here, to keep its message small: this and every later open range stay
    /// open, as they are, and the sender addresses them first in its next message.
    case later

    /// The action's code in the entry header.
    var code: Int {
        switch self {
        case .split: 0
        case .list: 1
        case .answer: 2
        case .none: 3
        case .all: 4
        case .later: 5
        }
    }
}
