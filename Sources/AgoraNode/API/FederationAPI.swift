public import AgoraHTTP
import AgoraCore
import Foundation

/// The federation port's routes. Every client of this port has presented a TLS certificate
/// (mutual TLS); each request is then **authorised** against the roster as it is at that moment:
/// only a client whose pin is an active member's node pin gets in, anyone else gets `403` with a
/// reason code (``FederationGuard``), counted and logged. A roster update that removes, suspends
/// or re-pins a member takes effect on its next request, with no restart.
///
/// Routes: `GET /federation/v1/hello` (echoes the pin and the member it belongs to) and
/// `GET /federation/v1/roster?after=ID` (``RosterAPI``). See `docs/API.md` and `docs/FEDERATION.md`.
public struct FederationAPI: Sendable {
    /// The node's roster; nil admits nobody (`no-roster`).
    public let roster: NodeRoster?
    /// Counts and logs refusals.
    public let guardian: FederationGuard

    /// A federation API authorising against `roster`.
    public init(roster: NodeRoster? = nil, guardian: FederationGuard = FederationGuard(log: nil)) {
        self.roster = roster
        self.guardian = guardian
    }

    /// The routes, with JSON 404 and 405 bodies.
    public var router: Router {
        var router = Router()
        router.get("/federation/v1/hello") { [roster] request in
            let member = request.clientCertificatePin.flatMap { roster?.snapshot.roster?.admittedMember(pin: $0) }
            return JSONResponse.make(.object(["clientPin": .string("sha256//" + (request.clientCertificatePin ?? "")),
                                              "member": member.map { .string($0.city) } ?? .null,
                                              "protocol": .string("agora-federation-v1")]))
        }
        if let roster { RosterAPI(roster: roster).installFederation(into: &router) }
        PublicAPI.installErrorBodies(into: &router)
        return router
    }

    /// The port's handler: the guard, then the routes.
    public var handler: HTTPHandler {
        let inner = router.handler
        return { [roster, guardian] request in
            if let refusal = guardian.refusal(for: request, roster: roster?.snapshot.roster) { return refusal }
            return await inner(request)
        }
    }
}

/// Decides who may use the federation port, and counts and logs who may not.
public final class FederationGuard: @unchecked Sendable {
    // @unchecked: `counts` is only touched under `lock`; `log` is immutable.
    private let lock = NSLock()
    private var counts: [String: Int] = [:]
    private let log: NodeLog?

    /// A guard logging refusals to `log`.
    public init(log: NodeLog?) { self.log = log }

    /// Refusals so far, by reason code.
    public var refusals: [String: Int] { lock.withLock { counts } }

    /// A 403 answer when `request`'s client is not an active member under `roster`; nil when it is.
    /// Reason codes: `no-client-certificate`, `no-roster`, `unknown-pin`, `suspended-member`, `removed-member`.
    public func refusal(for request: HTTPRequest, roster: Roster?) -> HTTPResponse? {
        let (code, message): (String, String)
        guard let pin = request.clientCertificatePin else {
            return refuse(request, "no-client-certificate", "a client certificate is required")
        }
        guard let roster else { return refuse(request, "no-roster", "this node holds no roster yet; nobody is admitted") }
        if roster.admittedMember(pin: pin) != nil { return nil }
        if let member = roster.members.values.sorted(by: { $0.city < $1.city }).first(where: { $0.node.pin == pin }) {
            (code, message) = member.status == .suspended
                ? ("suspended-member", "\(member.city) is suspended from the coalition")
                : ("removed-member", "\(member.city) is no longer a member of the coalition")
        } else {
            (code, message) = ("unknown-pin", "the certificate's pin sha256//\(pin) is no member's node pin in the roster")
        }
        return refuse(request, code, message)
    }

    private func refuse(_ request: HTTPRequest, _ code: String, _ message: String) -> HTTPResponse {
        lock.withLock { counts[code, default: 0] += 1 }
        log?.write(.warning, "federation refused", ["reason": code, "peer": request.remoteAddress,
                                                    "pin": request.clientCertificatePin.map { "sha256//" + $0 } ?? "-"])
        return APIError(.forbidden, APIError.Code(code), message).response
    }
}
