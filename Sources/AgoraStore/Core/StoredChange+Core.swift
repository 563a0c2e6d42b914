import AgoraCore

/// Conversions between AgoraCore's verified changes and the store's rows.
extension StoredChange {
    /// The row of a verified change: its id, indexed header fields, the canonical header bytes
    /// as signed, the signature, and the bodies as canonical JSON (`{hash: value}`), or nil when
    /// every body is absent (a redacted change). Set ``decoded`` yourself to spare the merge a
    /// parse (worth it for a handful of local changes, not for large batches).
    public init(_ verified: VerifiedChange) {
        let header = verified.header
        self.init(id: Hex.decode(verified.id.hex, count: 32) ?? [],
                  recordID: header.record.description,
                  hlcMilliseconds: Int64(header.hlc.milliseconds), hlcCounter: Int64(header.hlc.counter),
                  authorCity: header.city, header: header.canonicalBytes, signature: verified.change.signature,
                  bodies: verified.bodies.isEmpty && !header.bodyHashes.isEmpty
                      ? nil : verified.change.canonicalBodiesObject,
                  redacts: header.redactedChanges.compactMap { Hex.decode($0.hex, count: 32) })
    }

    /// The wire form (`protocol/PROTOCOL.md`, "Wire form"), without a newline:
    /// `{"bodies":…,"header":…,"signature":"…"}`, assembled from the stored canonical bytes (never
    /// re-encoded), so it is byte-identical to what the author signed. Erased bodies give `{}`.
    public var wireBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(header.count + (bodies?.count ?? 2) + 180)
        out += Array("{\"bodies\":".utf8)
        out += bodies ?? Array("{}".utf8)
        out += Array(",\"header\":".utf8)
        out += header
        out += Array(",\"signature\":\"".utf8)
        out += Array(Hex.encode(signature).utf8)
        out += Array("\"}".utf8)
        return out
    }

    /// The signed change this row holds, parsed back from its wire form.
    /// - Throws: `ChangeRejection` when the stored bytes are not a valid change (a damaged file).
    public func signedChange() throws -> SignedChange {
        try SignedChange.parse(wireBytes)
    }
}
