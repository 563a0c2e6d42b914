extension SyncMessage {
    /// The message as JSON, for logs and debugging: every field, bytes in lowercase hex.
    /// See `protocol/SYNC.md`, "JSON rendering". Not a wire form: nothing parses it back.
    public var json: JSONValue {
        switch self {
        case .open(let o):
            return .object(SyncMessage.fields(o.parameters).merging([
                "kind": .string("open"), "nonce": .string(Hex.encode(o.nonce)), "bound": .number(Double(o.bound)),
                "lower": .number(Double(o.lower)), "fingerprint": .string(Hex.encode(o.fingerprint)),
            ]) { $1 })
        case .equal:
            return .object(["kind": .string("equal")])
        case .reply(let r):
            return .object(SyncMessage.fields(r.parameters).merging([
                "kind": .string("reply"), "lower": .number(Double(r.lower)),
                "fingerprint": .string(Hex.encode(r.fingerprint)), "entries": SyncMessage.json(r.entries, r.parameters),
            ]) { $1 })
        case .next(let parameters, let entries):
            return .object(SyncMessage.fields(parameters).merging([
                "kind": .string("next"), "entries": SyncMessage.json(entries, parameters),
            ]) { $1 })
        }
    }

    private static func fields(_ p: SyncParameters) -> [String: JSONValue] {
        ["fingerprintLength": .number(Double(p.fingerprintLength)), "tagLength": .number(Double(p.tagLength))]
    }

    private static func json(_ entries: [SyncEntry], _ p: SyncParameters) -> JSONValue {
        .array(entries.map { entry in
            let (name, value) = json(entry.action, p)
            return .object(["skip": .number(Double(entry.skip)), name: value])
        })
    }

    private static func json(_ action: SyncAction, _ p: SyncParameters) -> (String, JSONValue) {
        switch action {
        case .split(let parts, let fingerprints):
            let length = p.fingerprintLength
            let each = (0..<parts).map { JSONValue.string(Hex.encode(Array(fingerprints[($0 * length)..<(($0 + 1) * length)]))) }
            return ("split", .array(each))
        case .list(let tags):
            return ("list", .array(tags.map { .string(hexTag($0, length: p.tagLength)) }))
        case .answer(let lacking, let extras):
            let indices = lacking.indices.filter { lacking[$0] }.map { JSONValue.number(Double($0)) }
            return ("answer", .object(["listed": .number(Double(lacking.count)), "lacking": .array(indices),
                                       "extras": .array(extras.map { .string($0.description) })]))
        case .none: return ("none", .bool(true))
        case .all(let summary):
            return ("all", .object(["count": .number(Double(summary.count)), "sum": .string(Hex.encode(summary.sumBytes))]))
        case .later: return ("later", .bool(true))
        }
    }

    private static func hexTag(_ tag: UInt64, length: Int) -> String {
        Hex.encode(stride(from: 8 * (length - 1), through: 0, by: -8).map { UInt8(truncatingIfNeeded: tag >> UInt64($0)) })
    }
}
