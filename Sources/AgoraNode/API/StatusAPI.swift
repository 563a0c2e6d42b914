public import AgoraHTTP
import AgoraCore

/// The node's status routes: `GET /api/v1/status` (public port: who the node is and its sync
/// state, nothing secret) and `GET /admin/v1/status` (admin socket: the same with every
/// private figure, what `agora status` shows while the node is served). See `docs/API.md`,
/// "Status", and `protocol/SYNC.md`, "Status".
public struct StatusAPI: Sendable {
    /// The node.
    public let node: LocalNode

    /// The status routes of `node`.
    public init(node: LocalNode) { self.node = node }

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
                return JSONResponse.make(try await node.syncStatus().json(includePrivate: true))
            }
        }
    }

    /// The public view: the node's identity (city, coalition, name, country, signing key) and
    /// its sync status without error texts.
    func publicStatus() async throws -> JSONValue {
        let config = node.config
        guard case .object(var fields) = try await node.syncStatus().json(includePrivate: false) else { return .null }
        fields["city"] = .string(config.cityID)
        fields["coalition"] = .string(config.coalition)
        fields["name"] = .string(config.cityName)
        fields["country"] = config.country.map { .string($0) } ?? .null
        fields["signingKey"] = node.signingPublicKey.map { .string($0.hex) } ?? .null
        return .object(fields)
    }
}
