extension RosterUpdate {
    /// Parses the wire form of an update: size, JSON, canonical bytes, schema, then every signature.
    ///
    /// Whether the signers may make its operations is the chain's question (``RosterChain``).
    /// - Parameter coalition: when given, an update of another coalition is refused (`wrong-coalition`).
    /// - Throws: `RosterError` with the first failing code of `protocol/ROSTER.md`, "Checking an update".
    public static func parse(_ bytes: [UInt8], coalition: String? = nil, crypto: any ChangeCryptography) throws(RosterError) -> RosterUpdate {
        guard bytes.count <= RosterLimits.maxUpdateBytes else {
            throw RosterError(.oversized, "\(bytes.count) bytes; an update is at most \(RosterLimits.maxUpdateBytes)")
        }
        let json: JSONValue, canonical: [UInt8]
        do {
            (json, canonical) = try CanonicalJSON.decodeAndCanonicalize(
                bytes, limits: JSONLimits(maxBytes: RosterLimits.maxUpdateBytes, maxDepth: RosterLimits.maxUpdateDepth))
        } catch {
            throw RosterError(.malformed, "\(error)")
        }
        guard canonical == bytes else { throw RosterError(.nonCanonical, "the bytes are not the RFC 8785 canonical form of the update") }
        return try parse(json: json, coalition: coalition, crypto: crypto)
    }

    /// Parses an update already decoded as JSON (a bundle's entry), with the same checks but the canonical one.
    /// - Throws: `RosterError`.
    public static func parse(json: JSONValue, coalition: String? = nil, crypto: any ChangeCryptography) throws(RosterError) -> RosterUpdate {
        let wire = try RosterFields(json, path: "", allowed: ["update", "signatures"])
        let h = try RosterFields(try wire.value("update"), path: "update", allowed: ["format", "coalition", "parent", "seq", "ops"])
        _ = try h.integer("format", in: formatVersion...formatVersion)
        let name = try h.string("coalition", "a coalition id [a-z][a-z0-9-]{1,39}", RecordID.isCityID)
        if let coalition, name != coalition {
            throw RosterError(.wrongCoalition, "the update is for coalition \(name), this node's is \(coalition)", path: "update.coalition")
        }
        let parent: RosterUpdateID? = try h.value("parent").isNull ? nil : try h.hash("parent")
        let sequence = UInt64(try h.integer("seq", in: 0...(1 << 53 - 1)))
        guard (parent == nil) == (sequence == 0) else {
            throw RosterError(.schemaViolation, "seq is 0 exactly when parent is null (the genesis)", path: "update.seq")
        }
        let items = try h.array("ops", max: RosterLimits.maxOperations, min: 1)
        var operations: [RosterOperation] = []
        for (i, item) in items.enumerated() {
            let op = try RosterOperation(json: item, path: "update.ops[\(i)]")
            var isGenesis = false
            if case .genesis = op { isGenesis = true }
            guard parent == nil ? isGenesis && items.count == 1 : !isGenesis else {
                throw RosterError(.schemaViolation, "the update with no parent holds exactly one operation, genesis, and no other update holds one",
                                  path: "update.ops[\(i)]")
            }
            operations.append(op)
        }
        let signatures = try parseSignatures(wire)
        let update = RosterUpdate(coalition: name, parent: parent, sequence: sequence, operations: operations,
                                  signatures: signatures, crypto: crypto)
        if let bad = update.firstBadSignature(crypto: crypto) {
            throw RosterError(.badSignature, "the signature does not verify", path: "signatures[\(bad)]")
        }
        return update
    }

    private static func parseSignatures(_ wire: RosterFields) throws(RosterError) -> [Signature] {
        var signatures: [Signature] = []
        for (i, item) in try wire.array("signatures", max: RosterLimits.maxSignatures, min: 1).enumerated() {
            let s = try RosterFields(item, path: "signatures[\(i)]", allowed: ["key", "sig"])
            guard let sig = Hex.decode(try s.value("sig").stringValue ?? "", count: 64) else {
                throw s.fail("sig", "an Ed25519 signature, 128 lowercase hex digits")
            }
            let signature = Signature(key: try s.key(), signature: sig)
            if let last = signatures.last, !last.key.lexicographicallyPrecedes(signature.key) {
                throw RosterError(.schemaViolation, "signatures sorted by key, each key once", path: "signatures[\(i)].key")
            }
            signatures.append(signature)
        }
        return signatures
    }
}
