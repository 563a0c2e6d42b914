public import AgoraHTTP
import AgoraCore
import AgoraStore
import Foundation

/// The node's status routes: `GET /api/v1/status` (public port: who the node is and its sync
/// state, nothing secret) and `GET /admin/v1/status` (admin socket: the same with every
/// private figure, what `agora status` shows while the node is served). See `docs/API.md`,
/// "Status", and `protocol/SYNC.md`, "Status".
public struct StatusAPI: Sendable {
    /// The node.
    public let node: LocalNode

    /// The writer-kept set, once fetched: the writer updates it in place (a rebuild replaces its
    /// tree, not the object), so later requests read it without queueing behind the writer.
    let held = HeldSyncSet()

    /// The status routes of `node`.
    public init(node: LocalNode) { self.node = node }

    /// The node's status, from the held set when the node writes.
    func status() async throws -> NodeSyncStatus {
        try await node.syncStatus(set: node.signingPublicKey == nil ? nil : held.get { try await node.store.syncItemSet() })
    }

    /// Adds `GET /api/v1/status` to the public router.
    public func installPublic(into router: inout Router) {
        router.get("/api/v1/status") { request in
            JSONResponse.cacheable(await PublicAPI.respond(request) { request in
                try PublicAPI.noParameters(request)
                return JSONResponse.make(try await publicStatus())
            }, for: request)
        }
    }

    /// Adds `GET /admin/v1/status` to an admin router.
    public func installAdmin(into router: inout Router, access: AdminAPI.Access) {
        router.get("/admin/v1/status") { request in
            await PublicAPI.respond(request) { request in
                try AdminAPI.authorize(request, access)
                try PublicAPI.noParameters(request)
                return JSONResponse.make(try await status().json(includePrivate: true))
            }
        }
    }

    /// The public view: the node's identity (city, coalition, name, country, signing key) and
    /// its sync status without error texts.
    func publicStatus() async throws -> JSONValue {
        let config = node.config
        guard case .object(var fields) = try await status().json(includePrivate: false) else { return .null }
        fields["city"] = .string(config.cityID)
        fields["coalition"] = .string(config.coalition)
        fields["name"] = .string(config.cityName)
        fields["country"] = config.country.map { .string($0) } ?? .null
        fields["signingKey"] = node.signingPublicKey.map { .string($0.hex) } ?? .null
        return .object(fields)
    }
}

/// A ``SyncItemSet`` fetched once from the store's writer and kept.
final class HeldSyncSet: @unchecked Sendable {
    // @unchecked: `set` is only read and written under `lock`.
    private let lock = NSLock()
    private var set: SyncItemSet?

    /// The held set, fetched with `fetch` the first time.
    func get(_ fetch: () async throws -> SyncItemSet) async rethrows -> SyncItemSet {
        if let held = lock.withLock({ set }) { return held }
        let fetched = try await fetch()
        lock.withLock { set = fetched }
        return fetched
    }
}
