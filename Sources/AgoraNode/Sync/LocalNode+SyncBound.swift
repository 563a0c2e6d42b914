import AgoraCore

extension LocalNode {
    /// The upper time bound `B` this node sends when it opens a session (`protocol/SYNC.md`,
    /// sections 1 and 10): `max(now + skew, newest) + 1` ms, with `now` the node's clock and
    /// `skew` its allowed clock skew. Every change it would accept (stamped at most `now + skew`)
    /// takes part, and so do all of its own; a peer's change stamped further ahead waits for a
    /// later session, when our clock has come within the skew of it (PROTOCOL.md §2), and is
    /// fetched then. It is never fetched only to be refused.
    func syncBound(newest: UInt64?) -> UInt64 {
        let acceptable = wallMilliseconds &+ UInt64(config.maxClockSkewSeconds) * 1000
        return min(max(acceptable, newest ?? 0), HLCTimestamp.maxMilliseconds - 1) + 1
    }
}
