extension RecordState {
    /// The state as JSON. See `protocol/PROTOCOL.md`, "State" for the exact shape.
    public var json: JSONValue {
        .object([
            "record": .string(record.description),
            "kind": .string(record.kind.rawValue),
            "owner": .string(owner),
            "deleted": .bool(isDeleted),
            "updated": updated?.json ?? .null,
            "fields": .object(fields),
            "sets": .object(sets.mapValues { elements in
                .object(elements.mapValues { .array($0.sorted().map { .string($0.description) }) })
            }),
            "contributions": .object(contributions.mapValues { .object($0) }),
            "changes": .array(changes.map(\.json)),
        ])
    }

    /// The RFC 8785 canonical bytes of `json`: identical on every node for the same set of changes.
    public var canonicalJSON: [UInt8] { CanonicalJSON.encode(self) }

    /// The record document the state amounts to: `id`, `kind`, `city`, each field, sets as sorted arrays.
    public var documentJSON: JSONValue {
        var o = fields
        for (field, elements) in sets where !elements.isEmpty {
            o[field] = .array(elements.keys.map { JSONValue.string($0) }.sorted(by: RecordDocument.utf8Order))
        }
        o["id"] = .string(record.description)
        o["kind"] = .string(record.kind.rawValue)
        o["city"] = .string(owner)
        return .object(o)
    }

    /// The state as a validated record document; `nil` when required fields are missing
    /// (for example before the first complete publish, or after fields were nulled).
    public var document: RecordDocument? { try? RecordDocument(json: documentJSON) }
}

extension ChangeStatus {
    /// The change's entry in a state's `changes`.
    public var json: JSONValue {
        var o: [String: JSONValue] = ["id": .string(id.hex), "city": .string(city), "key": .string(key), "hlc": hlc.json]
        switch outcome {
        case .effective: o["status"] = .string("effective")
        case .ineffective(let reason):
            o["status"] = .string("ineffective")
            o["reason"] = .object(["code": .string(reason.code), "message": .string(reason.message)])
        case .redacted(let by):
            o["status"] = .string("redacted")
            o["redactedBy"] = .array(by.map { .string($0.hex) })
        }
        if !unsupported.isEmpty { o["unsupported"] = .array(unsupported.map { .number(Double($0)) }) }
        return .object(o)
    }
}
