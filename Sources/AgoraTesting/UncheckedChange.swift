import AgoraCore

/// A change signed exactly as given, skipping the signer's checks: something a verifier must
/// refuse, or what a node stored under an earlier version of the rules.
public enum UncheckedChange {
    /// The wire bytes of a change of `ops` (operation objects as in a header, with `value` in place of `body`), each `value` member filed as a body under its SHA-256.
    public static func wire(_ ops: [JSONValue], city: String, key: any ChangeSigningKey, record: RecordID, hlc: HLCTimestamp,
                     crypto: any ChangeCryptography, coalition: String = "ccdr") throws -> [UInt8] {
        var bodies: [String: JSONValue] = [:]
        let headerOps: [JSONValue] = ops.map { op in
            guard var o = op.objectValue, let value = o.removeValue(forKey: "value") else { return op }
            let hash = Hex.encode(crypto.sha256(CanonicalJSON.encode(value)))
            bodies[hash] = value
            o["body"] = .string(hash)
            return .object(o)
        }
        let header: JSONValue = .object([
            "format": .number(1), "coalition": .string(coalition), "record": .string(record.description),
            "city": .string(city), "key": .string(Hex.encode(key.publicKeyBytes)), "hlc": hlc.json, "ops": .array(headerOps),
        ])
        let message = ChangeHeader.signaturePrefix + [0] + Array(coalition.utf8) + [0] + CanonicalJSON.encode(header)
        let signature = try key.signature(for: message)
        return CanonicalJSON.encode(.object(["bodies": .object(bodies), "header": header, "signature": .string(Hex.encode(signature))]))
    }
}
