import Testing
import Foundation
import AgoraCore
import AgoraCrypto
import AgoraHTTP
import AgoraStore
@testable import AgoraNode

/// Publishing from the browser, through the router with no server: sign-in, CSRF, the failed
/// sign-in limit, validation next to the field with nothing typed lost, drafts and the audit log.
@Suite("Web staff pages")
struct WebStaffTests {
    static let password = "correct horse battery"

    /// A catalog with staff pages for Tirana, one account `alice`, and a recording writer.
    struct Harness {
        let web: WebHarness
        let writer: RecordingWriter
        let router: Router

        static func make(_ name: String = #function) async throws -> Harness {
            let web = try await WebHarness.make(name: name)
            var accounts = StaffAccounts()
            try accounts.setPassword(WebStaffTests.password, for: "alice", cost: .init(logN: 10, r: 8, p: 1))
            try accounts.save(to: URL(fileURLWithPath: web.directory))
            let writer = RecordingWriter()
            var router = PublicAPI(source: CatalogSource(store: web.store)).router
            let staff = WebStaff(city: "tirana", directory: URL(fileURLWithPath: web.directory), writer: writer)
            WebCatalog(source: CatalogSource(store: web.store), staff: staff).install(into: &router)
            return Harness(web: web, writer: writer, router: router)
        }

        func send(_ method: HTTPMethod, _ target: String, form: String = "", cookies: [String] = []) async -> HTTPResponse {
            var headers = HTTPHeaders()
            if !form.isEmpty { headers.add("Content-Type", "application/x-www-form-urlencoded") }
            if !cookies.isEmpty { headers.add("Cookie", cookies.joined(separator: "; ")) }
            return await router.send(method, target, headers: headers, body: Array(form.utf8))
        }

        /// The login cookie and CSRF token of a fresh sign-in form.
        func loginForm() async -> (cookie: String, csrf: String) {
            let page = await send(.get, "/staff/login?hl=en")
            let cookie = page.headers.values("Set-Cookie").first { $0.hasPrefix(WebStaff.loginCookieName) } ?? ""
            return (String(cookie.prefix { $0 != ";" }), WebStaffTests.hidden("csrf", in: page.text) ?? "")
        }

        /// Signs in as alice: the session cookie and the session's CSRF token.
        func signIn() async throws -> (cookie: String, csrf: String) {
            let form = await loginForm()
            let response = await send(.post, "/staff/login", form: "user=alice&password=\(WebStaffTests.password.replacingOccurrences(of: " ", with: "+"))&csrf=\(form.csrf)",
                                      cookies: [form.cookie])
            #expect(response.status.code == 303)
            let cookie = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix(StaffSessions.cookieName) })
            let session = String(cookie.prefix { $0 != ";" })
            let dashboard = await send(.get, "/staff?hl=en", cookies: [session])
            return (session, WebStaffTests.hidden("csrf", in: dashboard.text) ?? "")
        }
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    @Test func staffPagesNeedASignInAndTheSessionCookieIsLockedDown() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let anonymous = await staff.send(.get, "/staff")
        #expect(anonymous.status.code == 303)
        #expect(anonymous.headers["Location"]?.hasPrefix("/staff/login") == true)
        let form = await staff.loginForm()
        let response = await staff.send(.post, "/staff/login", form: "user=alice&password=correct+horse+battery&csrf=\(form.csrf)",
                                         cookies: [form.cookie])
        let cookie = try #require(response.headers.values("Set-Cookie").first { $0.hasPrefix(StaffSessions.cookieName) })
        for attribute in ["Secure", "HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(attribute), "\(attribute)") }
        #expect(!cookie.contains("Domain"))
        let audit = try await staff.web.store.auditLog(limit: 5)
        #expect(audit.first?.user == "alice" && audit.first?.action == "login")
    }

    @Test func aSignInWithoutItsCookieBoundTokenIsRefused() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let form = await staff.loginForm()
        let forged = await staff.send(.post, "/staff/login", form: "user=alice&password=correct+horse+battery&csrf=\(form.csrf)")
        #expect(forged.status == .forbidden)
        #expect(!forged.headers.values("Set-Cookie").contains { $0.hasPrefix(StaffSessions.cookieName) })
    }

    @Test func failedSignInsAreLimitedEvenForTheRightPasswordAfterwards() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        for _ in 0..<StaffSessions.maximumFailures {
            let form = await staff.loginForm()
            let wrong = await staff.send(.post, "/staff/login", form: "user=alice&password=wrong-password-1&csrf=\(form.csrf)",
                                         cookies: [form.cookie])
            #expect(wrong.status.code == 401)
            #expect(wrong.text.contains("value=\"alice\""), "the typed user name is kept")
            #expect(wrong.text.contains("The user name or the password is wrong."))
        }
        let form = await staff.loginForm()
        let limited = await staff.send(.post, "/staff/login", form: "user=alice&password=correct+horse+battery&csrf=\(form.csrf)",
                                       cookies: [form.cookie])
        #expect(limited.status.code == 429)
    }

    @Test func everyStaffPostNeedsTheSessionsCSRFToken() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let session = try await staff.signIn()
        #expect(session.csrf.count == 64)
        for path in ["/staff/edit", "/staff/adopt", "/staff/delete", "/staff/redact", "/staff/logout"] {
            let response = await staff.send(.post, path, form: "id=tirana/practice/open-data-portal&csrf=forged", cookies: [session.cookie])
            #expect(response.status == .forbidden || response.status.code == 303, "\(path)")
        }
        #expect(await staff.writer.calls.isEmpty)
    }

    @Test func anInvalidRecordIsShownAgainWithTheErrorNextToItsFieldAndNothingLost() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let session = try await staff.signIn()
        let typed = "kind=practice&slug=new-register&stage=implementation&country=AL&originalLanguage=sq&title.sq=&"
            + "summary.sq=P%C3%ABrmbledhje+e+shkruar&title.en=Algorithm+register&themes=transparency%2Falgorithm-register&"
            + "source.title=Council+decision&source.url=javascript%3Aalert(1)&action=publish&csrf=\(session.csrf)"
        let response = await staff.send(.post, "/staff/edit?hl=en", form: typed, cookies: [session.cookie])
        #expect(response.status == .unprocessableContent)
        let html = response.text
        #expect(html.contains("value=\"Algorithm register\""))
        #expect(html.contains(">Përmbledhje e shkruar</textarea>"))
        #expect(html.contains("aria-invalid=\"true\""))
        #expect(html.contains("role=\"alert\""))
        #expect(HTMLInertness.problems(in: html).isEmpty)
        #expect(await staff.writer.calls.isEmpty)
    }

    @Test func aDraftStaysOnTheNodeAndPublishingGoesThroughTheWriter() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let session = try await staff.signIn()
        let fields = "kind=practice&slug=new-register&stage=implementation&country=AL&originalLanguage=sq&"
            + "title.sq=Regjistri+i+algoritmeve&summary.sq=Nj%C3%AB+regjist%C3%ABr.&themes=transparency%2Falgorithm-register&"
            + "source.title=Vendim+i+k%C3%ABshillit&source.url=https%3A%2F%2Ftirana.al%2Fvendim&csrf=\(session.csrf)"
        let saved = await staff.send(.post, "/staff/edit", form: fields + "&action=draft", cookies: [session.cookie])
        #expect(saved.status.code == 303)
        let drafts = try await staff.web.store.drafts()
        #expect(drafts.map(\.record) == ["tirana/practice/new-register"])
        #expect(drafts.first?.author == "alice")
        #expect(await staff.writer.calls.isEmpty, "a draft signs nothing")
        let published = await staff.send(.post, "/staff/edit", form: fields + "&draft=\(drafts[0].id)&action=publish", cookies: [session.cookie])
        #expect(published.status.code == 303)
        #expect(published.headers["Location"]?.hasPrefix("/records/tirana/practice/new-register") == true)
        #expect(await staff.writer.calls == ["publish tirana/practice/new-register"])
        #expect(try await staff.web.store.drafts().isEmpty)
        let actions = try await staff.web.store.auditLog(limit: 10).map { "\($0.user) \($0.action)" }
        #expect(actions.prefix(2) == ["alice publish", "alice save-draft"])
    }

    @Test func adoptingAnotherCitysRecordNeedsANoteAndNamesOnlyTheCityInTheChange() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let session = try await staff.signIn()
        let empty = await staff.send(.post, "/staff/adopt?hl=en", form: "id=sofia/practice/digital-skills&note=&csrf=\(session.csrf)",
                                     cookies: [session.cookie])
        #expect(empty.status == .unprocessableContent)
        #expect(empty.text.contains("Please write a short note"))
        let adopted = await staff.send(.post, "/staff/adopt", form: "id=sofia/practice/digital-skills&note=We+ran+it+in+2024&"
                                       + "noteLanguage=en&year=2024&csrf=\(session.csrf)", cookies: [session.cookie])
        #expect(adopted.status.code == 303)
        #expect(await staff.writer.calls == ["adopt sofia/practice/digital-skills"])
    }

    @Test func passwordHashesVerifyOnlyTheirPasswordAndRoundTrip() throws {
        let hash = try PasswordHash.make("a long enough password", cost: .init(logN: 10, r: 8, p: 1))
        #expect(hash.matches("a long enough password"))
        #expect(!hash.matches("a long enough passworD"))
        #expect(PasswordHash(encoded: hash.encoded) == hash)
        #expect(hash.encoded.hasPrefix("scrypt$10$8$1$"))
        #expect(throws: CryptoError.self) { try PasswordHash.make("short") }
        #expect(PasswordHash(encoded: "scrypt$40$8$1$00$00") == nil)
    }

    @Test func theAccountsFileIsOwnerOnly() async throws {
        let staff = try await Harness.make()
        defer { Task { await staff.web.close() } }
        let path = staff.web.directory + "/" + StaffAccounts.fileName
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try StaffAccounts.load(from: URL(fileURLWithPath: staff.web.directory)).hashes.keys.sorted() == ["alice"])
    }
}
