import AgoraHTTP

/// The security headers every response of the public port carries.
///
/// The policy allows no script at all, styles only from the node's own stylesheet, images
/// only from the node, forms only back to the node, and no framing; the catalog works with
/// JavaScript off, so nothing is lost. See `docs/WEB.md`, "Safety".
enum WebSecurity {
    /// `Content-Security-Policy` of every response.
    static let contentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'"

    /// Every header added, by name.
    static let headers: [(String, String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        ("Strict-Transport-Security", "max-age=31536000"),
    ]

    /// `response` with every security header set (a handler's own values are replaced).
    static func secured(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        for (name, value) in headers { response.headers.set(name, value) }
        return response
    }

    /// A handler whose every response carries the security headers.
    static func securing(_ handler: @escaping HTTPHandler) -> HTTPHandler {
        { request in secured(await handler(request)) }
    }

    /// An immediate handler whose every response carries the security headers.
    static func securing(_ handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse?) -> @Sendable (HTTPRequest) -> HTTPResponse? {
        { request in handler(request).map(secured) }
    }
}
