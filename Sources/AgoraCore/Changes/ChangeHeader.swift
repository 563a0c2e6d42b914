/// The signed part of a change: who wrote what, when, to which record.
///
/// Its RFC 8785 canonical bytes are what the change id hashes and the signature covers.
/// See `protocol/PROTOCOL.md`, "Header".
public struct ChangeHeader: Sendable, Hashable {
    /// The change format this implementation writes and reads: 1.
    public static let formatVersion = 1
    /// The domain-separation prefix of the signed message.
    public static let signaturePrefix = Array("agora-change-v1".utf8)

    /// The coalition the change belongs to, e.g. `ccdr`.
    public let coalition: String
    /// The record it edits.
    public let record: RecordID
    /// The author city.
    public let city: String
    /// The author's 32-byte Ed25519 public key.
    public let key: [UInt8]
    /// When it was written.
    public let hlc: HLCTimestamp
    /// What it writes, in order.
    public let operations: [Operation]
    /// The RFC 8785 canonical bytes of the header.
    public let canonicalBytes: [UInt8]

    /// The author key as 64 lowercase hex digits.
    public var keyHex: String { Hex.encode(key) }

    /// The header as JSON.
    public var json: JSONValue {
        ChangeHeader.json(coalition: coalition, record: record, city: city, keyHex: keyHex, hlc: hlc,
                          operations: operations.map(\.json))
    }

    /// The hashes of every body the operations name.
    public let bodyHashes: Set<String>

    /// Whether this is a redaction: its operations are all `redact`.
    public var redactedChanges: [ChangeID] {
        operations.compactMap { if case .redact(let id) = $0 { return id } else { return nil } }
    }

    /// The message the Ed25519 signature covers:
    /// `"agora-change-v1" || 0x00 || UTF-8(coalition) || 0x00 || canonical header bytes`.
    public var signingMessage: [UInt8] {
        var message = ChangeHeader.signaturePrefix
        message.append(0)
        message += Array(coalition.utf8)
        message.append(0)
        message += canonicalBytes
        return message
    }

    static func json(coalition: String, record: RecordID, city: String, keyHex: String, hlc: HLCTimestamp,
                     operations: [JSONValue]) -> JSONValue {
        .object([
            "format": .number(Double(formatVersion)),
            "coalition": .string(coalition),
            "record": .string(record.description),
            "city": .string(city),
            "key": .string(keyHex),
            "hlc": hlc.json,
            "ops": .array(operations),
        ])
    }

    init(coalition: String, record: RecordID, city: String, key: [UInt8], hlc: HLCTimestamp,
         operations: [Operation], canonicalBytes: [UInt8]) {
        self.coalition = coalition
        self.record = record
        self.city = city
        self.key = key
        self.hlc = hlc
        self.operations = operations
        self.canonicalBytes = canonicalBytes
        self.bodyHashes = Set(operations.compactMap(\.bodyHash))
    }
}
