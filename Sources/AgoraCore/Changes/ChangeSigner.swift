/// Turns unsigned changes into signed, verified ones.
///
/// See `protocol/PROTOCOL.md`, "Signature".
public struct ChangeSigner: Sendable {
    /// Hashing (the signature comes from the key).
    public let crypto: any ChangeCryptography
    /// Limits the result must respect.
    public var limits: ChangeLimits

    /// A signer.
    public init(crypto: any ChangeCryptography, limits: ChangeLimits = .default) {
        self.crypto = crypto
        self.limits = limits
    }

    /// Signs a change with `key`: files each value under its SHA-256, builds and checks the
    /// header, and signs `"agora-change-v1" || 0x00 || coalition || 0x00 || canonical header`.
    /// - Returns: the change with its id; `change.wireBytes` is its wire form.
    /// - Throws: `ChangeRejection` when the result would break the schema or a limit, or the key's own error.
    public func sign(_ unsigned: UnsignedChange, key: any ChangeSigningKey) throws -> VerifiedChange {
        var bodies: [String: JSONValue] = [:]
        let forms = unsigned.operations.map { op in
            op.headerForm { value in
                let hash = Hex.encode(crypto.sha256(CanonicalJSON.encode(value)))
                bodies[hash] = value
                return hash
            }
        }
        let headerJSON = ChangeHeader.json(coalition: unsigned.coalition, record: unsigned.record, city: unsigned.city,
                                           keyHex: Hex.encode(key.publicKeyBytes), hlc: unsigned.hlc, operations: forms.map(\.op))
        let header = try ChangeHeader.parse(headerJSON, limits: limits)
        try header.checkIdentityFields(path: "ops")
        for (i, op) in header.operations.enumerated() {
            guard let hash = op.bodyHash, let body = bodies[hash] else { continue }
            let size = CanonicalJSON.encode(body).count
            guard size <= limits.maxBodyBytes else {
                throw ChangeRejection(.oversized, "body of \(size) bytes; at most \(limits.maxBodyBytes)", path: "ops[\(i)].value")
            }
            do { try op.validateBody(body, record: header.record, author: header.city, path: "ops[\(i)].value") } catch {
                throw ChangeRejection(.schemaViolation, error.message, path: "ops[\(i)].value", cause: error)
            }
        }
        let change = SignedChange(header: header, signature: try key.signature(for: header.signingMessage), bodies: bodies)
        return VerifiedChange(id: ChangeID(digest: crypto.sha256(header.canonicalBytes)), change: change)
    }

    /// Signs the JSON form of an unsigned change (what `agora protocol sign` reads).
    /// - Throws: `ChangeRejection` (`malformed`, `schema-violation`, `oversized`) or the key's error.
    public func sign(unsignedJSON bytes: [UInt8], key: any ChangeSigningKey) throws -> VerifiedChange {
        let json: JSONValue
        do { json = try CanonicalJSON.decode(bytes) } catch {
            throw ChangeRejection(.malformed, "\(error)", cause: error)
        }
        return try sign(try UnsignedChange(json: json), key: key)
    }
}
