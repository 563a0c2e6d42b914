/// What the merge made of one change: effective, ineffective (and why), or redacted.
///
/// See `protocol/PROTOCOL.md`, "State".
public struct ChangeStatus: Sendable, Hashable {
    /// The outcome of a change.
    public enum Outcome: Sendable, Hashable {
        /// It writes what it says.
        case effective
        /// It is kept but writes nothing, for this reason.
        case ineffective(IneffectiveReason)
        /// Valid redactions (these change ids) made it write nothing.
        case redacted(by: [ChangeID])
    }

    /// The change id.
    public let id: ChangeID
    /// Its author city.
    public let city: String
    /// Its author key, hex.
    public let key: String
    /// Its stamp.
    public let hlc: HLCTimestamp
    /// What the merge made of it.
    public let outcome: Outcome
    /// Indices of its operations the merge does not support (unknown type, field or entry), ignored.
    public let unsupported: [Int]

    /// Whether the change writes what it says.
    public var isEffective: Bool { outcome == .effective }
}

/// Why a validly signed change writes nothing. Codes are stable; see `protocol/PROTOCOL.md`, "State".
public struct IneffectiveReason: Sendable, Hashable, CustomStringConvertible {
    /// The stable code, e.g. `not-permitted`.
    public let code: String
    /// The exact reason, e.g. which operation a member may not write.
    public let message: String

    /// The key is not in the key directory.
    public static func unknownKey(_ key: String) -> Self { .init(code: "unknown-key", message: "key \(key) is not in the key directory") }
    /// The key signs for another city.
    public static func keyCityMismatch(_ city: String) -> Self { .init(code: "key-city-mismatch", message: "the key signs for `\(city)`") }
    /// The key was reported compromised: none of its changes count.
    public static let keyCompromised = Self(code: "key-compromised", message: "the key is compromised: none of its changes count")
    /// The change is stamped after its key was retired.
    public static func keyRetired(_ at: HLCTimestamp) -> Self { .init(code: "key-retired", message: "stamped after the key was retired at \(at)") }
    /// The author city may not write an operation.
    public static func notPermitted(_ message: String) -> Self { .init(code: "not-permitted", message: message) }
    /// A body does not fit its field.
    public static func invalidBody(_ message: String) -> Self { .init(code: "invalid-body", message: message) }
    /// A body is absent and the change is not redacted.
    public static func missingBody(_ index: Int) -> Self { .init(code: "missing-body", message: "the body of operation \(index) is missing") }

    /// Not a verdict of the state: a node holds this change without its bodies and no effective
    /// redaction covers it, so it is not part of the set until a complete copy arrives (5.6). The
    /// store records it so, and lists the change among those whose bodies it must fetch.
    public static let bodiesAwaited = Self(code: "missing-body", message: "held without its bodies and no effective redaction covers it: "
        + "not part of the set until a complete copy arrives")

    public var description: String { "\(code): \(message)" }
}
