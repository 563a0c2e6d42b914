/// A change in its wire form: the header, the signature, and the bodies filed by hash.
///
/// The wire form is one RFC 8785 canonical JSON object,
/// `{"bodies":{<sha256>: <value>, ...},"header":{...},"signature":"<128 hex>"}`, and is one line
/// of a JSON Lines batch. A redacted change has `"bodies":{}`. Parsing checks form, not
/// trust: `ChangeVerifier` checks hashes, keys, time and signature.
/// See `protocol/PROTOCOL.md`, "Wire form".
public struct SignedChange: Sendable, Hashable {
    /// The signed header.
    public let header: ChangeHeader
    /// The 64-byte Ed25519 signature over `header.signingMessage`.
    public let signature: [UInt8]
    /// The bodies present, keyed by the SHA-256 (hex) of their canonical bytes.
    public let bodies: [String: JSONValue]

    /// Assembles a change from parts already checked.
    public init(header: ChangeHeader, signature: [UInt8], bodies: [String: JSONValue]) {
        self.header = header
        self.signature = signature
        self.bodies = bodies
    }

    /// Whether some body the header names is absent (as after a redaction).
    public var isMissingBodies: Bool { header.bodyHashes.contains { bodies[$0] == nil } }

    /// The same change with every body dropped, as nodes keep a redacted change.
    public var withoutBodies: SignedChange { SignedChange(header: header, signature: signature, bodies: [:]) }

    /// The wire form as JSON.
    public var wireJSON: JSONValue {
        .object(["header": header.json, "signature": .string(Hex.encode(signature)), "bodies": .object(bodies)])
    }

    /// The wire form's canonical bytes (one JSON Lines line, without the newline).
    public var wireBytes: [UInt8] { CanonicalJSON.encode(wireJSON) }

    /// Parses the wire form of one change, refusing anything but its exact canonical bytes.
    /// - Throws: `ChangeRejection`: `oversized`, `malformed`, `non-canonical` or `schema-violation`.
    public static func parse(_ bytes: [UInt8], limits: ChangeLimits = .default) throws(ChangeRejection) -> SignedChange {
        guard bytes.count <= limits.maxChangeBytes else {
            throw ChangeRejection(.oversized, "\(bytes.count) bytes; a change is at most \(limits.maxChangeBytes)")
        }
        let json: JSONValue
        do { json = try CanonicalJSON.decode(bytes, limits: JSONLimits(maxBytes: limits.maxChangeBytes)) } catch {
            throw ChangeRejection(.malformed, "\(error)", cause: error)
        }
        guard CanonicalJSON.encode(json) == bytes else {
            throw ChangeRejection(.nonCanonical, "the bytes are not the RFC 8785 canonical form of the change")
        }
        return try parse(json: json, limits: limits)
    }

    /// Parses a change already decoded as JSON, whatever its original bytes.
    /// - Throws: `ChangeRejection` `schema-violation` or `oversized`.
    public static func parse(json: JSONValue, limits: ChangeLimits = .default) throws(ChangeRejection) -> SignedChange {
        guard let o = json.objectValue else { throw .schema("", "a change object {bodies, header, signature}") }
        for name in o.keys.sorted() where !["header", "signature", "bodies"].contains(name) {
            throw .schema(name, "no such member; a change has bodies, header, signature")
        }
        guard let headerJSON = o["header"] else { throw .schema("header", "a header object") }
        let header = try ChangeHeader.parse(headerJSON, limits: limits)
        guard let signature = Hex.decode(o["signature"]?.stringValue ?? "", count: 64) else {
            throw .schema("signature", "an Ed25519 signature, 128 lowercase hex digits")
        }
        guard let bodies = o["bodies"]?.objectValue else { throw .schema("bodies", "an object from body hash to value") }
        let named = header.bodyHashes
        for (hash, body) in bodies.sorted(by: { $0.key < $1.key }) {
            guard named.contains(hash) else { throw .schema("bodies.\(hash)", "only bodies the header's operations name") }
            let size = CanonicalJSON.encode(body).count
            guard size <= limits.maxBodyBytes else {
                throw ChangeRejection(.oversized, "body of \(size) bytes; at most \(limits.maxBodyBytes)", path: "bodies.\(hash)")
            }
        }
        return SignedChange(header: header, signature: signature, bodies: bodies)
    }
}

/// A change whose signature, key, time and body hashes were checked, with its id.
///
/// The merge takes only these. See `protocol/PROTOCOL.md`, "Verification".
public struct VerifiedChange: Sendable, Hashable {
    /// The change id: SHA-256 of the canonical header.
    public let id: ChangeID
    /// The change as received (its bodies may be absent when it was redacted).
    public let change: SignedChange

    /// The header.
    public var header: ChangeHeader { change.header }
    /// The bodies present, by hash.
    public var bodies: [String: JSONValue] { change.bodies }

    /// Wraps a change without checking its signature: only for changes read back from a
    /// node's own log of verified changes (for example by `agora rebuild`) and for tests.
    /// The id is still computed with `crypto`.
    public init(trusting change: SignedChange, crypto: any ChangeCryptography) {
        self.id = ChangeID(digest: crypto.sha256(change.header.canonicalBytes))
        self.change = change
    }

    init(id: ChangeID, change: SignedChange) {
        self.id = id
        self.change = change
    }

    /// The same change with its bodies dropped, as kept once it is redacted.
    public var withoutBodies: VerifiedChange { VerifiedChange(id: id, change: change.withoutBodies) }
}
