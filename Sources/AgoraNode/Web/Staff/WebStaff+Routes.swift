import AgoraHTTP
import AgoraStore
import Foundation

/// The staff routes, each behind sign-in; every POST also checks the session's CSRF token.
extension WebStaff {
    typealias SignedIn = @Sendable (WebStaff) -> (HTTPRequest, WebPage, StaffSessions.Session, Store) async throws -> HTTPResponse

    func install(into router: inout Router, store: Store) {
        let staff = self
        router.get("/staff/login") { request in await WebCatalog.respond(request) { try await staff.loginPage($0, $1) } }
        router.post("/staff/login") { request in await WebCatalog.respond(request) { try await staff.login($0, $1, store: store) } }
        router.post("/staff/logout") { request in await WebCatalog.respond(request) { try await staff.logout($0, $1) } }
        let pages: [(HTTPMethod, String, SignedIn)] = [
            (.get, "/staff", { s in { try await s.dashboard($0, $1, session: $2, store: $3) } }),
            (.get, "/staff/edit", { s in { try await s.editPage($0, $1, session: $2, store: $3) } }),
            (.post, "/staff/edit", { s in { try await s.edit($0, $1, session: $2, store: $3) } }),
            (.get, "/staff/record", { s in { try await s.recordTools($0, $1, session: $2, store: $3) } }),
            (.post, "/staff/adopt", { s in { try await s.adopt($0, $1, session: $2, store: $3) } }),
            (.post, "/staff/delete", { s in { try await s.delete($0, $1, session: $2, store: $3) } }),
            (.post, "/staff/redact", { s in { try await s.redact($0, $1, session: $2, store: $3) } }),
        ]
        for (method, pattern, handler) in pages {
            router.add(method, pattern) { request in
                await WebCatalog.respond(request) { request, page in
                    guard let session = staff.user(request) else { return Self.redirect(page.link(["staff", "login"])) }
                    if method == .post {
                        guard let sent = FormData(request)["csrf"], StaffSessions.sameToken(session.csrf, sent) else {
                            return page.errorPage(.forbidden, titleKey: "staff.error.csrfTitle", detailKey: "staff.error.csrf")
                        }
                    }
                    return try await handler(staff)(request, page, session, store)
                }
            }
        }
    }
}
