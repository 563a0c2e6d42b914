/// Checks changes strictly before anything stores or merges them.
///
/// In order: size, JSON, canonical form, schema, body hashes and values, coalition, key
/// (directory and small order), time (skew), signature, then missing bodies against known
/// redactions. See `protocol/PROTOCOL.md`, "Verification".
public struct ChangeVerifier: Sendable {
    /// Hashing and Ed25519.
    public let crypto: any ChangeCryptography
    /// The coalition changes must name.
    public let coalition: String
    /// The keys and cities; `nil` checks signatures against the header's key alone (for tools).
    public var directory: KeyDirectory?
    /// Size and count limits.
    public var limits: ChangeLimits
    /// How far ahead of the wall clock a stamp may be, in milliseconds.
    public var maxSkewMilliseconds: UInt64

    /// A verifier.
    public init(crypto: any ChangeCryptography, coalition: String, directory: KeyDirectory?,
                limits: ChangeLimits = .default,
                maxSkewMilliseconds: UInt64 = HybridLogicalClock.defaultMaxSkewMilliseconds) {
        self.crypto = crypto
        self.coalition = coalition
        self.directory = directory
        self.limits = limits
        self.maxSkewMilliseconds = maxSkewMilliseconds
    }

    /// Verifies the wire form of one change.
    /// - Parameters:
    ///   - bytes: one canonical wire form (a JSON Lines line without its newline).
    ///   - wallMilliseconds: the receiver's clock; `nil` skips the future-timestamp check (replaying a log).
    ///   - redacted: ids of changes known to be effectively redacted (`RedactionRule.redacts`);
    ///     only these may lack bodies, and such a copy is returned with no bodies at all.
    /// - Returns: the verified change, or the precise rejection.
    public func verify(_ bytes: [UInt8], wallMilliseconds: UInt64?, redacted: Set<ChangeID> = []) -> Result<VerifiedChange, ChangeRejection> {
        do {
            let change = try SignedChange.parse(bytes, limits: limits)
            return .success(try check(change, wallMilliseconds: wallMilliseconds, redacted: redacted))
        } catch {
            return .failure(error)
        }
    }

    /// Verifies a change already parsed.
    public func verify(_ change: SignedChange, wallMilliseconds: UInt64?, redacted: Set<ChangeID> = []) -> Result<VerifiedChange, ChangeRejection> {
        do { return .success(try check(change, wallMilliseconds: wallMilliseconds, redacted: redacted)) } catch {
            return .failure(error)
        }
    }

    func check(_ change: SignedChange, wallMilliseconds: UInt64?, redacted: Set<ChangeID>) throws(ChangeRejection) -> VerifiedChange {
        let header = change.header
        try header.checkIdentityFields()
        try checkBodies(change)
        guard header.coalition == coalition else {
            throw ChangeRejection(.wrongCoalition, "the change is for coalition `\(header.coalition)`, not `\(coalition)`", path: "header.coalition")
        }
        try checkKey(header)
        if let wallMilliseconds {
            try HybridLogicalClock.check(header.hlc, wallMilliseconds: wallMilliseconds, maxSkewMilliseconds: maxSkewMilliseconds)
        }
        guard crypto.isValidSignature(change.signature, for: header.signingMessage, publicKey: header.key) else {
            throw ChangeRejection(.badSignature, "the Ed25519 signature does not verify for key \(header.keyHex)", path: "signature")
        }
        let id = ChangeID(digest: crypto.sha256(header.canonicalBytes))
        if change.isMissingBodies {
            guard redacted.contains(id) else {
                throw ChangeRejection(.missingBody, "change \(id) lacks bodies and no valid redaction of it is known", path: "bodies")
            }
            return VerifiedChange(id: id, change: change.withoutBodies)  // a body-less copy holds no body at all (5.6)
        }
        return VerifiedChange(id: id, change: change)
    }

    func checkBodies(_ change: SignedChange) throws(ChangeRejection) {
        for (hash, bytes) in change.canonicalBodies {
            guard Hex.spells(hash, crypto.sha256(bytes)) else {
                throw ChangeRejection(.bodyHashMismatch, "the body's SHA-256 is not the hash it is filed under", path: "bodies.\(hash)")
            }
        }
        for (i, op) in change.header.operations.enumerated() {
            guard let hash = op.bodyHash, let body = change.bodies[hash] else { continue }
            let (record, author) = (change.header.record, change.header.city)
            // The path is spelt out only for a body that fails, on a second, identical check.
            guard (try? op.validateBody(body, record: record, author: author, path: "")) == nil else { continue }
            do { try op.validateBody(body, record: record, author: author, path: "bodies.\(hash)") } catch {
                throw ChangeRejection(.schemaViolation, "\(error.message) (the body of operation \(i))", path: "header.ops[\(i)]", cause: error)
            }
        }
    }

    func checkKey(_ header: ChangeHeader) throws(ChangeRejection) {
        if crypto.isSmallOrder(publicKey: header.key) {
            throw ChangeRejection(.smallOrderKey, "key \(header.keyHex) is a small-order point", path: "header.key")
        }
        guard let directory else { return }
        guard let entry = directory.entry(for: header.key) else {
            throw ChangeRejection(.unknownKey, "key \(header.keyHex) is not in the key directory", path: "header.key")
        }
        guard entry.city == header.city else {
            throw ChangeRejection(.keyCityMismatch, "key \(header.keyHex) signs for `\(entry.city)`, not `\(header.city)`", path: "header.city")
        }
    }
}
