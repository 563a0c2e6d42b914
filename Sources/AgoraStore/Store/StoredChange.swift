import AgoraCore

/// A signed change as the store keeps it: the canonical header bytes, the signature and the
/// bodies, plus the few header fields the store indexes. The store never re-encodes a header.
///
/// See `protocol/STORAGE.md`, table `changes`, and `protocol/PROTOCOL.md` for the change format.
public struct StoredChange: Sendable, Hashable {
    /// The change id: SHA-256 of the canonical header (32 bytes).
    public var id: [UInt8]
    /// The record the change writes to, e.g. `tirana/practice/open-data-portal`.
    public var recordID: String
    /// HLC milliseconds.
    public var hlcMilliseconds: Int64
    /// HLC counter.
    public var hlcCounter: Int64
    /// The author city.
    public var authorCity: String
    /// The canonical (RFC 8785) header bytes, exactly as signed.
    public var header: [UInt8]
    /// The Ed25519 signature.
    public var signature: [UInt8]
    /// The bodies (canonical JSON), or nil when they were erased by a redaction.
    public var bodies: [UInt8]?
    /// The ids of the changes this change redacts (empty for an ordinary change).
    public var redacts: [[UInt8]]
    /// The parsed change, when the caller has it: the merge then skips parsing the stored bytes
    /// again. Not stored; ignored by `==` and `hash(into:)`.
    public var decoded: VerifiedChange?

    public init(id: [UInt8], recordID: String, hlcMilliseconds: Int64, hlcCounter: Int64, authorCity: String,
                header: [UInt8], signature: [UInt8], bodies: [UInt8]?, redacts: [[UInt8]] = []) {
        self.id = id
        self.recordID = recordID
        self.hlcMilliseconds = hlcMilliseconds
        self.hlcCounter = hlcCounter
        self.authorCity = authorCity
        self.header = header
        self.signature = signature
        self.bodies = bodies
        self.redacts = redacts
    }

    /// The id in lowercase hexadecimal.
    public var idHex: String { Hex.encode(id) }

    public static func == (lhs: StoredChange, rhs: StoredChange) -> Bool {
        lhs.id == rhs.id && lhs.recordID == rhs.recordID && lhs.hlcMilliseconds == rhs.hlcMilliseconds
            && lhs.hlcCounter == rhs.hlcCounter && lhs.authorCity == rhs.authorCity && lhs.header == rhs.header
            && lhs.signature == rhs.signature && lhs.bodies == rhs.bodies && lhs.redacts == rhs.redacts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(bodies)
    }

    /// The signature in lowercase hexadecimal, as the wire form writes it.
    public var signatureHex: String { Hex.encode(signature) }
}

/// A stored change with what the node knows about it: arrival, and the merge's verdict.
public struct HistoryEntry: Sendable, Hashable {
    /// The change itself.
    public var change: StoredChange
    /// Local arrival order (1, 2, 3, …; never reused).
    public var sequence: Int64
    /// When this node received it (Unix milliseconds, the node's wall clock).
    public var receivedMilliseconds: Int64
    /// Whether the merge let it take effect.
    public var isEffective: Bool
    /// Why it is ineffective (nil when effective).
    public var reason: String?
    /// Whether an effective redaction covers it (the merge's third verdict; then it is not effective).
    public var isRedacted = false
    /// Whether its bodies were erased by a redaction.
    public var isErased: Bool { change.bodies == nil }
}
