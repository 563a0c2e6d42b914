import Testing
import Foundation
import AgoraTesting
@testable import AgoraNode

/// The web catalog on a real node server: HTTPS on 127.0.0.1 port 0, read with curl.
@Suite("Web catalog served")
struct WebCatalogServeTests {
    @Test func pagesStylesheetFeedsAndTheAPIAllCarryTheSecurityHeaders() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/curl") else {
            print("skipped: /usr/bin/curl is not installed")
            return
        }
        let served = try await ServedCatalog.start(writer: nil)
        defer { Task { await served.stop() } }
        for path in ["/", "/?q=dhena", "/records/tirana/practice/open-data-portal", "/overview", "/cities/tirana",
                     "/feeds/atom", "/static/agora.css", "/api/v1/search?q=dhena", "/healthz", "/missing"] {
            let result = await served.curl(path, pin: served.server.pin, ["-i", "-H", "Accept-Language: sq"])
            #expect(result.status == 0, "\(path)")
            let head = result.body.prefix { $0 != "\r" && $0 != "<" && $0 != "{" }
            _ = head
            let lower = result.body.lowercased()
            #expect(lower.contains("content-security-policy: \(WebSecurity.contentSecurityPolicy)"), "\(path)")
            #expect(lower.contains("x-content-type-options: nosniff"), "\(path)")
        }
        let page = await served.curl("/?q=dhena", pin: served.server.pin, ["-H", "Accept-Language: sq"])
        #expect(page.body.contains("<html lang=\"sq\">"))
        #expect(page.body.contains("<mark>"))
    }
}
