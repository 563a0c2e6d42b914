public import AgoraCore
public import AgoraHTTP
import AgoraCrypto
import AgoraStore

/// JSON responses with the caching and CORS headers the public API promises.
///
/// Bodies are RFC 8785 canonical JSON (compact, members sorted), so the same state always gives
/// the same bytes and the same `ETag`. See `docs/API.md`, "Caching" and "CORS".
public enum JSONResponse {
    /// The media type of every JSON body.
    public static let contentType = "application/json; charset=utf-8"
    /// How long browsers may cache a CORS preflight answer, in seconds.
    public static let corsMaxAgeSeconds = 600

    /// A JSON response with `Content-Type`.
    public static func make(_ value: JSONValue, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": contentType], body: CanonicalJSON.encode(value))
    }

    /// The strong entity tag of `body`: the first 16 bytes of its SHA-256, hex, quoted.
    public static func entityTag(of body: [UInt8]) -> String {
        "\"" + Hex.encode(Array(SHA256.hash(body).prefix(16))) + "\""
    }

    /// A read response made cacheable: adds `ETag`, `Cache-Control: no-cache` and CORS, and answers
    /// 304 with no body when the request's `If-None-Match` names the same tag (RFC 9110 §13.1.2).
    public static func cacheable(_ response: HTTPResponse, for request: HTTPRequest) -> HTTPResponse {
        var response = withCORS(response)
        // A streamed body (an export) is not known before it is sent, so it has no tag.
        guard response.status == .ok, response.stream == nil else { return response }
        let tag = entityTag(of: response.body)
        response.headers.set("ETag", tag)
        response.headers.set("Cache-Control", "no-cache")
        if let header = request.headers["If-None-Match"], matches(header, tag) {
            return HTTPResponse(status: .notModified, headers: response.headers, body: [])
        }
        return response
    }

    /// Whether an `If-None-Match` value names `tag` (weak comparison, `*` matches anything).
    static func matches(_ header: String, _ tag: String) -> Bool {
        let bare = { (t: Substring) -> Substring in t.hasPrefix("W/") ? t.dropFirst(2) : t }
        return header.split(separator: ",").contains { item in
            let item = Substring(item.trimmingCharacters(in: [" ", "\t"]))
            return item == "*" || bare(item) == bare(Substring(tag))
        }
    }

    /// `response` with `Access-Control-Allow-Origin: *` (reads are open knowledge) and the headers a
    /// script may read.
    public static func withCORS(_ response: HTTPResponse) -> HTTPResponse {
        var response = response
        response.headers.set("Access-Control-Allow-Origin", "*")
        response.headers.set("Access-Control-Expose-Headers", "ETag")
        return response
    }

    /// The answer to a CORS preflight on a read endpoint.
    public static func preflight(_ request: HTTPRequest) -> HTTPResponse {
        var response = withCORS(HTTPResponse(status: .noContent))
        response.headers.set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        response.headers.set("Access-Control-Allow-Headers", "If-None-Match")
        response.headers.set("Access-Control-Max-Age", String(corsMaxAgeSeconds))
        response.headers.set("Allow", "GET, HEAD, OPTIONS")
        return response
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
