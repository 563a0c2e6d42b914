import AgoraHTTP

/// The static files of the web catalog: the stylesheet, embedded in the binary.
enum WebStatic {
    /// Where the stylesheet is served. The name carries no version: it is revalidated with its ETag.
    static let stylesheetPath = "/static/agora.css"

    /// The stylesheet's entity tag: a hash of its bytes.
    static let stylesheetTag: String = {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a
        for byte in WebResources.stylesheet.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return "\"" + String(hash, radix: 16) + "\""
    }()

    /// `GET /static/agora.css`: 304 when the client has this version.
    @Sendable static func stylesheet(_ request: HTTPRequest) -> HTTPResponse {
        if request.headers["If-None-Match"] == stylesheetTag {
            return WebSecurity.secured(HTTPResponse(status: .notModified, headers: ["ETag": stylesheetTag]))
        }
        return WebSecurity.secured(HTTPResponse(status: .ok, headers: [
            "Content-Type": "text/css; charset=utf-8", "ETag": stylesheetTag, "Cache-Control": "public, max-age=3600",
        ], body: Array(WebResources.stylesheet.utf8)))
    }
}
