public import AgoraHTTP
import AgoraCore

/// The admin API: the node's own city's writes (publish, edit, delete, redact, adopt).
///
/// It is reachable only over the admin Unix socket (mode 0600, in the node directory) or over
/// loopback TCP with the bearer token of the node directory (`admin.token`). Routes, in
/// `protocol/openapi.yaml` under the tag `admin`:
/// `POST /admin/v1/records`, `PATCH|DELETE /admin/v1/records/{city}/{kind}/{slug}`,
/// `POST /admin/v1/records/{city}/{kind}/{slug}/adoptions`, `POST /admin/v1/redactions`.
public struct AdminAPI: Sendable {
    /// The largest request body the admin API takes (512 KiB), the same as the CLI's largest
    /// record file, so a file the CLI reads is never refused here for its size. What is refused
    /// for size is the change a document makes (at most `ChangeLimits.defaultMaxChangeBytes`),
    /// by the signer, before signing, with the same message as when the CLI signs itself.
    /// It is below the HTTP server's body limit (1 MiB), so a larger body gets this API's JSON 413.
    public static let maximumBodyBytes = 524_288

    /// How a listener authenticates admin requests.
    public enum Access: Sendable {
        /// The admin Unix socket: the file mode already limits it to the node's owner.
        case socket
        /// A TCP listener: only loopback peers, and only with `Authorization: Bearer <token>`.
        case loopback(token: String)
    }

    /// Who performs the writes.
    public let writer: any NodeWriting

    /// An admin API that hands writes to `writer`.
    public init(writer: any NodeWriting) {
        self.writer = writer
    }

    var routes: [(HTTPMethod, String, APIHandler)] {
        [
            (.post, "/admin/v1/records", publish),
            (.patch, "/admin/v1/records/:city/:kind/:slug", edit),
            (.delete, "/admin/v1/records/:city/:kind/:slug", delete),
            (.post, "/admin/v1/records/:city/:kind/:slug/adoptions", adopt),
            (.post, "/admin/v1/redactions", redact),
        ]
    }

    /// Adds the admin routes to `router`, guarded as `access` says.
    public func install(into router: inout Router, access: Access) {
        for (method, pattern, handler) in routes {
            router.add(method, pattern) { request in
                await PublicAPI.respond(request) { request in
                    try Self.authorize(request, access)
                    return try await handler(request)
                }
            }
        }
    }

    static func authorize(_ request: HTTPRequest, _ access: Access) throws(APIError) {
        guard case .loopback(let token) = access else { return }
        guard request.isLocal, request.remoteAddress != "unix" else {
            throw APIError(.forbidden, .forbidden, "the admin API answers only on loopback and the admin socket")
        }
        guard let given = bearerToken(request.headers["Authorization"]),
              constantTimeEqual(Array(given.utf8), Array(token.utf8)) else {
            throw APIError(.unauthorized, .unauthorized, "send 'Authorization: Bearer <token>' with the token in the node directory's admin.token")
        }
    }

    /// The token of an `Authorization: Bearer <token>` value. The scheme is case-insensitive and
    /// may be followed by several spaces (RFC 9110 §11.1, §11.4); nil for any other scheme.
    static func bearerToken(_ value: String?) -> Substring? {
        guard let value else { return nil }
        let scheme = value.prefix { $0 != " " }
        guard scheme.lowercased() == "bearer" else { return nil }
        let token = value[scheme.endIndex...].drop { $0 == " " }
        return token.isEmpty ? nil : token
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, !a.isEmpty else { return false }
        return zip(a, b).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
