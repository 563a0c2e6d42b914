/// Why a roster update, bundle or chain was refused: a stable code, what was wrong, and where.
///
/// The codes are listed in `protocol/ROSTER.md`, "Refusals". A struct with static codes, so new
/// codes never break a caller's `switch`.
public struct RosterError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of fault.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The stable name of the code, as `protocol/ROSTER.md` writes it.
        public let name: String
        init(_ name: String) { self.name = name }
        public var description: String { name }

        /// Not one JSON document, too deep or too large for its parser.
        public static let malformed = Code("malformed")
        /// Its bytes are not its canonical form.
        public static let nonCanonical = Code("non-canonical")
        /// The document breaks the schema of `protocol/ROSTER.md` (the path says where).
        public static let schemaViolation = Code("schema-violation")
        /// Larger than a limit of `RosterLimits`.
        public static let oversized = Code("oversized")
        /// It names a coalition other than the node's.
        public static let wrongCoalition = Code("wrong-coalition")
        /// A signature does not verify.
        public static let badSignature = Code("bad-signature")
        /// A signature is by a key that is neither a current steward nor a current member key.
        public static let unknownSigner = Code("unknown-signer")
        /// The signers may not make this operation (a non-steward, one steward for the steward list, another city).
        public static let notPermitted = Code("not-permitted")
        /// The operation does not fit the roster it applies to (an unknown city, a key used before, …).
        public static let invalidOperation = Code("invalid-operation")
        /// The sequence number is not its parent's plus one.
        public static let badSequence = Code("bad-sequence")
        /// A small-order Ed25519 key.
        public static let smallOrderKey = Code("small-order-key")
        /// A chain or bundle whose genesis is not the expected one.
        public static let wrongGenesis = Code("wrong-genesis")
    }

    /// The kind of fault.
    public let code: Code
    /// What was wrong, in plain words.
    public let message: String
    /// The JSON path of the fault (`update.ops[2].key`), when there is one.
    public let path: String?

    /// An error.
    public init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = message
        self.path = path
    }

    public var description: String {
        if let path, !path.isEmpty { return "\(code): \(path): \(message)" }
        return "\(code): \(message)"
    }
}
