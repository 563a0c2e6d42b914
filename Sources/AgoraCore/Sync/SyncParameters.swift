/// The two lengths the initiator picks for a session and every message repeats: how many bytes
/// of each range fingerprint are sent, and how many bytes of each id a list carries.
/// See `protocol/SYNC.md`, "Parameters".
public struct SyncParameters: Sendable, Hashable {
    /// Bytes of a range fingerprint: 1 to 16 (the whole-set fingerprint is always 16).
    public let fingerprintLength: Int
    /// Bytes of an id in a list (its tag): 1 to 8.
    public let tagLength: Int

    /// The allowed fingerprint lengths.
    public static let fingerprintLengths = 1...16
    /// The allowed tag lengths.
    public static let tagLengths = 1...8
    /// The length of the whole-set fingerprint in the first two messages.
    public static let setFingerprintLength = 16

    /// What this implementation sends: 3-byte fingerprints and 3-byte tags (the collision
    /// figures behind this choice are in `protocol/SYNC.md`, "Collisions").
    public static let `default` = SyncParameters(uncheckedFingerprintLength: 3, tagLength: 3)

    /// Parameters after checking both lengths against their ranges.
    public init(fingerprintLength: Int, tagLength: Int) throws(SyncError) {
        guard SyncParameters.fingerprintLengths.contains(fingerprintLength) else {
            throw SyncError(.fingerprintLength, "a range fingerprint of \(fingerprintLength) bytes; 1 to 16 are allowed")
        }
        guard SyncParameters.tagLengths.contains(tagLength) else {
            throw SyncError(.tagLength, "a tag of \(tagLength) bytes; 1 to 8 are allowed")
        }
        self.init(uncheckedFingerprintLength: fingerprintLength, tagLength: tagLength)
    }

    private init(uncheckedFingerprintLength: Int, tagLength: Int) {
        fingerprintLength = uncheckedFingerprintLength
        self.tagLength = tagLength
    }

    /// The parameters byte: `(fingerprintLength - 1) << 4 | (tagLength - 1)`.
    var byte: UInt8 { UInt8((fingerprintLength - 1) << 4 | (tagLength - 1)) }

    /// The parameters of a parameters byte.
    init(byte: UInt8) throws(SyncError) {
        try self.init(fingerprintLength: Int(byte >> 4) + 1, tagLength: Int(byte & 0x0F) + 1)
    }
}

/// The bounds every message and session keeps to; each is checked on what arrives and kept by
/// what is sent. See `protocol/SYNC.md`, "Limits".
public struct SyncLimits: Sendable, Hashable {
    /// The largest message, in bytes: 1 MiB.
    public var maximumMessageBytes = 1 << 20
    /// The most ranges one message may open: 131,072.
    public var maximumRangesPerMessage = 1 << 17
    /// The most parts one split may have: 4,096.
    public var maximumBranching = 4_096
    /// The most tags one list may carry: 1,024.
    public var maximumListItems = 1_024
    /// The most messages one session may exchange, both ways together: 64.
    public var maximumMessages = 64

    /// The documented limits.
    public static let standard = SyncLimits()

    /// Limits with every default.
    public init() {}
}
