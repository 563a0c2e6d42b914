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
    /// The canonical bytes of each body present, by hash (what the hash covers).
    public let canonicalBodies: [String: [UInt8]]

    /// Assembles a change; bodies the header does not name are left out.
    public init(header: ChangeHeader, signature: [UInt8], bodies: [String: JSONValue]) {
        let named = bodies.filter { header.bodyHashes.contains($0.key) }
        self.init(header: header, signature: signature, bodies: named, canonicalBodies: named.mapValues(CanonicalJSON.encode))
    }

    init(header: ChangeHeader, signature: [UInt8], bodies: [String: JSONValue], canonicalBodies: [String: [UInt8]]) {
        self.header = header
        self.signature = signature
        self.bodies = bodies
        self.canonicalBodies = canonicalBodies
    }

    /// Whether some body the header names is absent (as after a redaction). A change holds
    /// only bodies its header names, so counting suffices.
    public var isMissingBodies: Bool { bodies.count < header.bodyHashes.count }

    /// The same change with every body dropped, as nodes keep a redacted change.
    public var withoutBodies: SignedChange { SignedChange(header: header, signature: signature, bodies: [:], canonicalBodies: [:]) }

    /// The wire form as JSON.
    public var wireJSON: JSONValue {
        .object(["header": header.json, "signature": .string(Hex.encode(signature)), "bodies": .object(bodies)])
    }

    /// The wire form's canonical bytes (one JSON Lines line, without the newline).
    public var wireBytes: [UInt8] {
        SignedChange.assemble(header: header.canonicalBytes, signature: Hex.encode(signature), bodies: canonicalBodies)
    }

    /// The `bodies` object as canonical JSON (`{}` when no body is present), assembled from
    /// the canonical bytes of each body: what a node stores beside the header.
    public var canonicalBodiesObject: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(canonicalBodies.values.reduce(2) { $0 + $1.count + 68 })
        Self.appendBodies(canonicalBodies, to: &out)
        return out
    }

    /// `{"<hash>":<body>,…}` in canonical order. Body hashes are hex, so they need no escaping
    /// and sort the same by bytes as by UTF-16 units.
    static func appendBodies(_ bodies: [String: [UInt8]], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (i, hash) in bodies.keys.sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "\""))
            out += hash.utf8
            out += #"":"#.utf8
            out += bodies[hash] ?? []
        }
        out.append(UInt8(ascii: "}"))
    }

    /// `{"bodies":{…},"header":…,"signature":"…"}` from canonical parts.
    static func assemble(header: [UInt8], signature: String, bodies: [String: [UInt8]]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(header.count + bodies.values.reduce(0) { $0 + $1.count + 70 } + 170)
        out += #"{"bodies":"#.utf8
        appendBodies(bodies, to: &out)
        out += #","header":"#.utf8
        out += header
        out += #","signature":""#.utf8
        out += signature.utf8
        out += #""}"#.utf8
        return out
    }
}
