public import AgoraHTTP
import AgoraCore

/// The federation port's routes. Every client of this port has presented a TLS certificate
/// (mutual TLS); its SPKI pin reaches each handler.
///
/// Until the roster lands, the port only answers `GET /federation/v1/hello`, which echoes the pin
/// the node saw, so an operator can check mutual TLS from a peer (`curl --cert … --key …`).
/// Sync and the roster check of the pin come with the federation (see `docs/API.md`).
public struct FederationAPI: Sendable {
    /// A federation API.
    public init() {}

    /// The routes, with JSON 404 and 405 bodies.
    public var router: Router {
        var router = Router()
        router.get("/federation/v1/hello") { request in
            guard let pin = request.clientCertificatePin else {
                // The listener refuses clients without a certificate; this is a second guard.
                return APIError(.unauthorized, .unauthorized, "a client certificate is required").response
            }
            return JSONResponse.make(.object(["clientPin": .string("sha256//" + pin), "protocol": .string("agora-federation-v1")]))
        }
        PublicAPI.installErrorBodies(into: &router)
        return router
    }
}
