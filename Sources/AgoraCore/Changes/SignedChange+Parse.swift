extension SignedChange {
    /// Parses the wire form of one change, refusing anything but its exact canonical bytes.
    ///
    /// The bytes are parsed once, into the parser's tape. The canonical check walks the tape
    /// comparing instead of writing, and a well-formed change is then read from the tape
    /// directly (`read(_:limits:)`), its header's and bodies' canonical bytes being slices of
    /// the input. Anything else is decoded and parsed as JSON, which names the fault.
    /// - Throws: `ChangeRejection`: `oversized`, `malformed`, `non-canonical` or `schema-violation`,
    ///   in the order of `protocol/PROTOCOL.md`, "Verification".
    public static func parse(_ bytes: [UInt8], limits: ChangeLimits = .default) throws(ChangeRejection) -> SignedChange {
        guard bytes.count <= limits.maxChangeBytes else {
            throw ChangeRejection(.oversized, "\(bytes.count) bytes; a change is at most \(limits.maxChangeBytes)")
        }
        return try bytes.withUnsafeBufferPointer { (input) throws(ChangeRejection) -> SignedChange in
            let tape: JSONTape
            do { tape = try JSONParser.parse(input, limits: JSONLimits(maxBytes: limits.maxChangeBytes)) } catch {
                throw ChangeRejection(.malformed, "\(error)", cause: error)
            }
            return try tape.withReader(input: input) { (reader) throws(ChangeRejection) -> SignedChange in
                guard reader.isCanonicalDocument() else { throw nonCanonical }
                if let change = read(reader, limits: limits) { return change }
                return try parse(json: reader.value(0), limits: limits)
            }
        }
    }

    static let nonCanonical = ChangeRejection(.nonCanonical, "the bytes are not the RFC 8785 canonical form of the change")

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
        let canonicalBodies = bodies.mapValues(CanonicalJSON.encode)
        try checkBodies(canonicalBodies, header: header, limits: limits)
        return SignedChange(header: header, signature: signature, bodies: bodies, canonicalBodies: canonicalBodies)
    }

    /// Every body is named by an operation and within `maxBodyBytes`.
    static func checkBodies(_ bodies: [String: [UInt8]], header: ChangeHeader, limits: ChangeLimits) throws(ChangeRejection) {
        let named = header.bodyHashes
        for (hash, bytes) in bodies where !named.contains(hash) || bytes.count > limits.maxBodyBytes {
            let first = bodies.keys.sorted().first { !named.contains($0) || (bodies[$0]?.count ?? 0) > limits.maxBodyBytes } ?? hash
            guard named.contains(first) else { throw .schema("bodies.\(first)", "only bodies the header's operations name") }
            let size = bodies[first]?.count ?? 0
            throw ChangeRejection(.oversized, "body of \(size) bytes; at most \(limits.maxBodyBytes)", path: "bodies.\(first)")
        }
    }
}
