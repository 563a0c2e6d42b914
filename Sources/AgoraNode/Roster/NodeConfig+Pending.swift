import AgoraCore
import AgoraStore

extension NodeConfig {
    /// The pending area's limits from `node.json`'s optional `"pending": {"perPeer": n, "total": n}`
    /// (defaults 10,000 and 50,000; each 1 to 10,000,000). See `docs/NODE-DIRECTORY.md`.
    /// - Throws: ``NodeError`` `invalidConfig` naming the member.
    public func pendingLimits() throws -> Store.PendingLimits {
        guard let pending = other["pending"] else { return Store.PendingLimits() }
        guard let object = pending.objectValue, object.keys.allSatisfy(["perPeer", "total"].contains) else {
            throw NodeError(.invalidConfig, "node.json: pending must be an object with perPeer and total")
        }
        func count(_ name: String, _ fallback: Int) throws -> Int {
            guard let value = object[name] else { return fallback }
            guard let n = value.numberValue, n == n.rounded(), (1...10_000_000).contains(n) else {
                throw NodeError(.invalidConfig, "node.json: pending.\(name) must be an integer from 1 to 10000000")
            }
            return Int(n)
        }
        return Store.PendingLimits(perPeer: try count("perPeer", Store.PendingLimits.defaultPerPeer),
                                   total: try count("total", Store.PendingLimits.defaultTotal))
    }
}
