/// The id of a roster update: the SHA-256 of its header's canonical bytes, in lowercase hex,
/// ordered by its text like a change id.
public typealias RosterUpdateID = ChangeID

/// One signed update of the roster chain (`protocol/ROSTER.md`, "Updates").
///
/// Wire form (canonical JSON): `{"signatures":[{"key","sig"}],"update":{"coalition","format","ops","parent","seq"}}`.
/// The header (`update`) is what is hashed and signed; signatures can be added (co-signing)
/// without changing the id.
public struct RosterUpdate: Sendable, Hashable {
    /// One signature on the header.
    public struct Signature: Sendable, Hashable {
        /// The signer's 32-byte Ed25519 public key.
        public let key: [UInt8]
        /// The 64-byte signature of ``RosterUpdate/signingMessage``.
        public let signature: [UInt8]

        /// A signature.
        public init(key: [UInt8], signature: [UInt8]) {
            self.key = key
            self.signature = signature
        }
    }

    /// The format version of updates: 1.
    public static let formatVersion = 1
    /// The domain-separation prefix of the signed message; never a change's (`agora-change-v1`).
    public static let signaturePrefix = Array("agora-roster-v1".utf8)

    /// The coalition id.
    public let coalition: String
    /// The parent's id; nil only for the genesis.
    public let parent: RosterUpdateID?
    /// 0 for the genesis, the parent's plus one after.
    public let sequence: UInt64
    /// What the update does, applied in order.
    public let operations: [RosterOperation]
    /// The signatures, sorted by key.
    public let signatures: [Signature]
    /// The header's canonical bytes.
    public let canonicalHeader: [UInt8]
    /// SHA-256 of ``canonicalHeader``.
    public let id: RosterUpdateID

    /// The header as JSON.
    static func header(coalition: String, parent: RosterUpdateID?, sequence: UInt64, operations: [RosterOperation]) -> JSONValue {
        .object(["format": .number(Double(formatVersion)), "coalition": .string(coalition),
                 "parent": parent.map { .string($0.hex) } ?? .null, "seq": .number(Double(sequence)),
                 "ops": .array(operations.map(\.json))])
    }

    /// An update from its parts. Nothing is checked here: ``parse(_:coalition:crypto:)`` checks
    /// the signatures and the schema, ``Roster/applying(_:crypto:)`` the authority.
    public init(coalition: String, parent: RosterUpdateID?, sequence: UInt64, operations: [RosterOperation],
                signatures: [Signature], crypto: any ChangeCryptography) {
        self.coalition = coalition
        self.parent = parent
        self.sequence = sequence
        self.operations = operations
        self.signatures = signatures.sorted { $0.key.lexicographicallyPrecedes($1.key) }
        self.canonicalHeader = CanonicalJSON.encode(Self.header(coalition: coalition, parent: parent, sequence: sequence, operations: operations))
        self.id = RosterUpdateID(digest: crypto.sha256(canonicalHeader))
    }

    /// `"agora-roster-v1" || 0x00 || UTF-8(coalition) || 0x00 || canonical header bytes`.
    public var signingMessage: [UInt8] {
        Self.signaturePrefix + [0] + Array(coalition.utf8) + [0] + canonicalHeader
    }

    /// Whether this is a genesis (no parent).
    public var isGenesis: Bool { parent == nil }

    /// The wire form as JSON.
    public var json: JSONValue {
        .object(["update": Self.header(coalition: coalition, parent: parent, sequence: sequence, operations: operations),
                 "signatures": .array(signatures.map {
                     .object(["key": .string(Hex.encode($0.key)), "sig": .string(Hex.encode($0.signature))])
                 })])
    }

    /// The wire form: canonical JSON bytes.
    public var wireBytes: [UInt8] { CanonicalJSON.encode(json) }

    /// The same header with one more signature (co-signing); an existing signature by that key is replaced.
    public func adding(_ signature: Signature, crypto: any ChangeCryptography) -> RosterUpdate {
        RosterUpdate(coalition: coalition, parent: parent, sequence: sequence, operations: operations,
                     signatures: signatures.filter { $0.key != signature.key } + [signature], crypto: crypto)
    }

    /// Whether every signature verifies; the first that does not, otherwise.
    public func firstBadSignature(crypto: any ChangeCryptography) -> Int? {
        let message = signingMessage
        return signatures.firstIndex { !crypto.isValidSignature($0.signature, for: message, publicKey: $0.key) }
    }

    /// Whether two updates are the same header (signatures aside).
    public static func == (a: RosterUpdate, b: RosterUpdate) -> Bool { a.id == b.id && a.signatures == b.signatures }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }
}
