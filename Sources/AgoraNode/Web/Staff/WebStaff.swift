public import AgoraCore
public import AgoraHTTP
import AgoraStore
import Foundation

/// Publishing from the browser for the node's own city staff: sign-in, drafts, forms to
/// publish and edit a record in several languages, adopt, delete and redact, and the audit log.
///
/// Every write goes through the node's ``NodeWriting`` (the same writer as the CLI and the admin
/// API), so the change is signed with the city's key; the federated change names only the city,
/// the local audit log names the person. Every form carries the session's CSRF token; the
/// sign-in form a token bound to a cookie. See `docs/WEB.md`, "Publishing".
public struct WebStaff: Sendable {
    /// The node's city id (its own records are the ones staff edit).
    public let city: String
    /// The node directory, where `web-users.json` lives.
    public let directory: URL
    /// Who signs.
    public let writer: any NodeWriting
    let sessions: StaffSessions
    let clock: @Sendable () -> Int64

    /// Staff pages for `city`'s node in `directory`, writing through `writer`.
    public init(city: String, directory: URL, writer: any NodeWriting,
                clock: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) }) {
        self.city = city
        self.directory = directory
        self.writer = writer
        self.clock = clock
        sessions = StaffSessions(clock: clock)
    }

    /// The signed-in user of `request`, when the account still exists.
    func user(_ request: HTTPRequest) -> StaffSessions.Session? {
        let token = FormData.cookie(StaffSessions.cookieName, in: request)
        guard let session = sessions.session(token) else { return nil }
        guard (try? StaffAccounts.load(from: directory))?.hashes[session.user] != nil else {
            sessions.end(user: session.user)
            return nil
        }
        return session
    }

    /// A 303 to `location`, with extra header fields (cookies).
    static func redirect(_ location: String, _ fields: [(String, String)] = []) -> HTTPResponse {
        var response = HTTPResponse(status: HTTPStatus(code: 303, reasonPhrase: "See Other"), headers: ["Location": location, "Cache-Control": "no-store"])
        for (name, value) in fields { response.headers.add(name, value) }
        return WebSecurity.secured(response)
    }

    /// The `Set-Cookie` value of a session cookie (`token` nil: one that deletes it).
    static func sessionCookie(_ token: String?) -> String {
        let age = token == nil ? 0 : StaffSessions.lifetimeMilliseconds / 1000
        return "\(StaffSessions.cookieName)=\(token ?? "gone"); Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=\(age)"
    }

    /// Runs scrypt (about 0.1 s of CPU) on a thread of its own, never on the cooperative pool.
    static func offPool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
