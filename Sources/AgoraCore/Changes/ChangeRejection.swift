/// Why a change was refused, with a stable code.
///
/// The codes are listed in `protocol/PROTOCOL.md`, "Rejection codes"; `agora protocol verify`
/// prints `code: message`. A struct, so that new codes never break a caller's `switch`.
public struct ChangeRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable rejection code.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        /// The stable name, e.g. `bad-signature`.
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// The bytes are not one JSON document.
        public static let malformed = Code("malformed")
        /// Well-formed JSON that breaks the change schema; the message names the path.
        public static let schemaViolation = Code("schema-violation")
        /// The bytes are not the RFC 8785 canonical form of the change.
        public static let nonCanonical = Code("non-canonical")
        /// A size or count above a limit of `ChangeLimits`.
        public static let oversized = Code("oversized")
        /// A body whose SHA-256 is not the hash it is filed under.
        public static let bodyHashMismatch = Code("body-hash-mismatch")
        /// The Ed25519 signature does not verify.
        public static let badSignature = Code("bad-signature")
        /// The key is not in the key directory (the change may wait until it is).
        public static let unknownKey = Code("unknown-key")
        /// The key is a small-order point, which is never accepted.
        public static let smallOrderKey = Code("small-order-key")
        /// The key belongs to another city than the header's author city.
        public static let keyCityMismatch = Code("key-city-mismatch")
        /// The header names another coalition.
        public static let wrongCoalition = Code("wrong-coalition")
        /// The HLC stamp is further ahead of the receiver's clock than the allowed skew.
        public static let futureTimestamp = Code("future-timestamp")
        /// Bodies are missing and no valid redaction of the change is known.
        public static let missingBody = Code("missing-body")
    }

    /// The stable code.
    public let code: Code
    /// What exactly was wrong, in plain words.
    public let message: String
    /// The JSON path of the fault within the wire form, when there is one (e.g. `header.ops[2].field`).
    public let path: String?
    /// The underlying error, e.g. the JSON parser's.
    public let cause: (any Error & Sendable)?

    init(_ code: Code, _ message: String, path: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.path = path
        self.cause = cause
    }

    public var description: String {
        if let path { return "\(code.name): \(path): \(message)" }
        return "\(code.name): \(message)"
    }

    public static func == (lhs: ChangeRejection, rhs: ChangeRejection) -> Bool {
        lhs.code == rhs.code && lhs.message == rhs.message && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(code)
        hasher.combine(message)
        hasher.combine(path)
    }

    static func schema(_ path: String, _ expected: String) -> ChangeRejection {
        ChangeRejection(.schemaViolation, "expected \(expected)", path: path)
    }
}

/// The documented bounds of a change. See `protocol/PROTOCOL.md`, "Limits".
public struct ChangeLimits: Sendable, Hashable {
    /// The largest wire form of one change, in bytes: 256 KiB.
    public static let defaultMaxChangeBytes = 262_144
    /// The most operations one change may carry: 512.
    public static let defaultMaxOperations = 512
    /// The largest canonical body of one operation, in bytes: 64 KiB.
    public static let defaultMaxBodyBytes = 65_536
    /// The most add tags one `remove` may name: 1,024.
    public static let defaultMaxRemovedTags = 1_024

    /// Largest wire form, bytes.
    public var maxChangeBytes: Int
    /// Most operations per change.
    public var maxOperations: Int
    /// Largest canonical body, bytes.
    public var maxBodyBytes: Int
    /// Most tags per `remove`.
    public var maxRemovedTags: Int

    /// Limits; the defaults are the protocol's.
    public init(maxChangeBytes: Int = defaultMaxChangeBytes, maxOperations: Int = defaultMaxOperations,
                maxBodyBytes: Int = defaultMaxBodyBytes, maxRemovedTags: Int = defaultMaxRemovedTags) {
        self.maxChangeBytes = maxChangeBytes
        self.maxOperations = maxOperations
        self.maxBodyBytes = maxBodyBytes
        self.maxRemovedTags = maxRemovedTags
    }

    /// The protocol's limits.
    public static let `default` = ChangeLimits()
}
