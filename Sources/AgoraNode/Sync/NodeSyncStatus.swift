public import AgoraCore
public import AgoraStore

/// What a node shows of its sync state (`agora status`, `GET /api/v1/status`; `protocol/SYNC.md`,
/// "Status"): its set's size and fingerprint, its clock, its roster head, and per peer the
/// latest sync, the latest attempt and the future-timestamp refusals of its changes.
public struct NodeSyncStatus: Sendable {
    /// One roster peer as this node has seen it.
    public struct Peer: Sendable {
        /// The peer's city.
        public var city: String
        /// Its latest attempt, and its latest successful one.
        public var latest: Store.SyncAttempt?
        public var latestSuccess: Store.SyncAttempt?
        /// Its changes refused as stamped too far ahead of our clock.
        public var clock: Store.ClockRefusals?
    }

    /// Items in the node's sync set (every stored change but the set-aside ones).
    public var changes: Int
    /// The set fingerprint (``SyncSetFingerprint``), 32 lowercase hex digits.
    public var fingerprint: String
    /// The node's clock (Unix ms), the newest stamp in its set, and the allowed skew.
    public var wallMilliseconds: UInt64
    public var newestMilliseconds: UInt64?
    public var maxSkewMilliseconds: UInt64
    /// The roster's sequence number and head (nil without a roster).
    public var roster: (sequence: UInt64, head: String)?
    /// Every other active member of the roster, by city.
    public var peers: [Peer]

    /// How far the newest stamp runs ahead of the clock (0 when it does not): PROTOCOL.md §2's drift.
    public var driftMilliseconds: UInt64 {
        guard let newest = newestMilliseconds, newest > wallMilliseconds else { return 0 }
        return newest - wallMilliseconds
    }

    /// The status as JSON. `includePrivate` adds what only the node's operator sees: each
    /// failed attempt's full error text (it can name hosts, ports and files), and the figures of
    /// the latest sync. The public view keeps only the error's stable code.
    public func json(includePrivate: Bool) -> JSONValue {
        .object([
            "changes": .number(Double(changes)), "fingerprint": .string(fingerprint),
            "clock": .object(["nowMs": Self.number(wallMilliseconds), "newestMs": newestMilliseconds.map(Self.number) ?? .null,
                              "driftMs": Self.number(driftMilliseconds), "maxSkewMs": Self.number(maxSkewMilliseconds)]),
            "rosterHead": roster.map { .object(["seq": Self.number($0.sequence), "head": .string($0.head)]) } ?? .null,
            "peers": .array(peers.map { $0.json(includePrivate: includePrivate) }),
        ])
    }

    static func number(_ value: UInt64) -> JSONValue { .number(Double(value)) }
    static func number(_ value: Int64) -> JSONValue { .number(Double(value)) }
    static func number(_ value: Int) -> JSONValue { .number(Double(value)) }
}

extension NodeSyncStatus.Peer {
    /// The peer as JSON (see ``NodeSyncStatus/json(includePrivate:)``).
    func json(includePrivate: Bool) -> JSONValue {
        typealias S = NodeSyncStatus
        var attempt: JSONValue = .null
        if let latest {
            var fields: [String: JSONValue] = ["startedMs": S.number(latest.startedMilliseconds), "durationMs": S.number(latest.durationMilliseconds),
                                               "error": latest.error.map { .string(Self.code(of: $0)) } ?? .null]
            if includePrivate { fields["message"] = latest.error.map { .string($0) } ?? .null }
            attempt = .object(fields)
        }
        var sync: JSONValue = .null
        if let success = latestSuccess {
            var fields: [String: JSONValue] = ["startedMs": S.number(success.startedMilliseconds)]
            if includePrivate {
                fields["durationMs"] = S.number(success.durationMilliseconds)
                fields["roundTrips"] = S.number(success.roundTrips)
                fields["changesSent"] = S.number(success.changesSent)
                fields["changesReceived"] = S.number(success.changesReceived)
            }
            sync = .object(fields)
        }
        let skew: JSONValue = clock.map {
            .object(["leadMs": S.number($0.leadMilliseconds), "refused": S.number($0.refused), "lastRefusedMs": S.number($0.lastRefusedMilliseconds)])
        } ?? .null
        return .object(["city": .string(city), "lastSync": sync, "lastAttempt": attempt, "futureRefusals": skew])
    }

    /// The stable code at the start of a recorded error (`unreachable: …` is `unreachable`),
    /// or `failed` when it starts with none.
    static func code(of error: String) -> String {
        guard let colon = error.firstIndex(of: ":") else { return "failed" }
        let code = error[..<colon]
        let isCode = !code.isEmpty && code.count <= 64 && code.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        return isCode ? String(code) : "failed"
    }
}
