/// Why a reconciliation message was refused, with a stable code.
///
/// The codes are listed in `protocol/SYNC.md`, "Errors". A struct, so that new codes never
/// break a caller's `switch`.
public struct SyncError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable error code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable name, e.g. `truncated`.
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The message ends inside a field.
        public static let truncated = Code("truncated")
        /// A varint longer than 9 bytes, above 2^63 - 1, or not in its shortest form.
        public static let badVarint = Code("bad-varint")
        /// The first byte is not protocol version 1.
        public static let unsupportedVersion = Code("unsupported-version")
        /// A message kind that is unknown, or not the one this step of the session expects.
        public static let unexpectedKind = Code("unexpected-kind")
        /// An action code that is unknown, or one this side may not send (a list from the responder).
        public static let badAction = Code("bad-action")
        /// A message above `SyncLimits.maximumMessageBytes`.
        public static let messageTooLarge = Code("message-too-large")
        /// A range fingerprint length outside 1-16, or other than the session's.
        public static let fingerprintLength = Code("fingerprint-length")
        /// A tag length outside 1-8, or other than the session's.
        public static let tagLength = Code("tag-length")
        /// An entry addresses a range past the last open one, or follows a `later`.
        public static let rangesOutOfOrder = Code("ranges-out-of-order")
        /// A split, list or answer above its limit, or more ranges or messages than allowed.
        public static let overLimit = Code("over-limit")
        /// An action that does not fit the range it addresses (an answer to an unlisted range,
        /// a split into more parts than the range has points, set padding bits, a lower bound
        /// above the initiator's).
        public static let invalidAction = Code("invalid-action")
        /// A list range left unanswered.
        public static let unansweredList = Code("unanswered-list")
        /// Bytes after the end of a message that has no body.
        public static let trailingBytes = Code("trailing-bytes")
        /// A message after the session ended.
        public static let sessionOver = Code("session-over")
    }

    /// The stable code.
    public let code: Code
    /// What exactly was wrong, in plain words.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "\(code.name): \(message)" }
}
