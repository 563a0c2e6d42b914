import AgoraCore
import AgoraCrypto
import AgoraHTTP
import AgoraStore
import Foundation

/// `GET/POST /staff/login` and `POST /staff/logout`.
extension WebStaff {
    /// The cookie that binds the sign-in form's CSRF token (there is no session yet).
    static let loginCookieName = "__Host-agora-login"

    func loginPage(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        if user(request) != nil { return Self.redirect(page.link(["staff"])) }
        return try loginForm(page, user: "", error: nil, status: .ok)
    }

    func loginForm(_ page: WebPage, user: String, error: String?, status: HTTPStatus) throws -> HTTPResponse {
        let token = Hex.encode(try SecureRandom.bytes(count: 32))
        let title = page.messages("staff.login.title")
        var response = WebPage.response(page.document(title: title) { main in
            main.element("h1", text: title)
            main.element("p", text: page.messages("staff.login.intro"))
            main.element("form", ["method": "post", "action": page.link(["staff", "login"]), "class": "staff"]) { form in
                form.void("input", ["type": "hidden", "name": "csrf", "value": token])
                StaffForm.field(&form, name: "user", label: page.messages("staff.login.user"), value: user, error: error,
                                attributes: ["autocomplete": "username", "required": "required"])
                StaffForm.field(&form, name: "password", label: page.messages("staff.login.password"), value: "", error: nil,
                                type: "password", attributes: ["autocomplete": "current-password", "required": "required"])
                form.element("button", ["type": "submit"], text: page.messages("staff.login.submit"))
            }
        }, status: status)
        response.headers.add("Set-Cookie", "\(Self.loginCookieName)=\(token); Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=3600")
        response.headers.set("Cache-Control", "no-store")
        return response
    }

    func login(_ request: HTTPRequest, _ page: WebPage, store: Store) async throws -> HTTPResponse {
        let form = FormData(request)
        let name = form["user"] ?? "", password = form["password"] ?? ""
        guard let bound = FormData.cookie(Self.loginCookieName, in: request), let sent = form["csrf"],
              StaffSessions.sameToken(bound, sent) else {
            return try loginForm(page, user: name, error: page.messages("staff.error.csrf"), status: .forbidden)
        }
        let address = String(request.remoteAddress.prefix { $0 != ":" || request.remoteAddress.hasPrefix("[") })
        guard sessions.mayTry(address: address, user: name) else {
            return try loginForm(page, user: name, error: page.messages("staff.login.tooMany"), status: HTTPStatus(code: 429))
        }
        let accounts = try StaffAccounts.load(from: directory)
        let accepted = await Self.offPool { accounts.authenticate(name, password) }
        guard accepted else {
            sessions.recordFailure(address: address, user: name)
            try? await store.audit(.init(atMilliseconds: clock(), user: StaffAccounts.isValidName(name) ? name : "?",
                                         action: "login-failed", record: nil, detail: address))
            return try loginForm(page, user: name, error: page.messages("staff.login.wrong"), status: HTTPStatus(code: 401))
        }
        let token = try sessions.start(user: name)
        try? await store.audit(.init(atMilliseconds: clock(), user: name, action: "login", record: nil, detail: address))
        return Self.redirect(page.link(["staff"]), [("Set-Cookie", Self.sessionCookie(token)),
                                                    ("Set-Cookie", "\(Self.loginCookieName)=gone; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")])
    }

    func logout(_ request: HTTPRequest, _ page: WebPage) async throws -> HTTPResponse {
        guard let session = user(request), let sent = FormData(request)["csrf"], StaffSessions.sameToken(session.csrf, sent) else {
            return Self.redirect(page.link([]))
        }
        sessions.end(FormData.cookie(StaffSessions.cookieName, in: request))
        return Self.redirect(page.link([]), [("Set-Cookie", Self.sessionCookie(nil))])
    }
}
