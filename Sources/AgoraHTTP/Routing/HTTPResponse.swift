/// A response a handler returns: a status, header fields and the body bytes.
///
/// The server adds `Content-Length` and `Connection` itself; a handler's own values for those are ignored.
public struct HTTPResponse: Sendable, Equatable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body (dropped on the wire for HEAD requests and for 1xx, 204 and 304).
    public var body: [UInt8]

    /// A response with the given parts.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain; charset=utf-8` response.
    public static func text(_ text: String, status: HTTPStatus = .ok) -> HTTPResponse {
        HTTPResponse(status: status, headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array(text.utf8))
    }

    /// The plain-text response the server sends for a request it refuses before any handler runs.
    public static func error(_ status: HTTPStatus, _ message: String) -> HTTPResponse {
        text("\(status.code) \(status.reasonPhrase): \(message)\n", status: status)
    }
}

/// Writes a response head and body as HTTP/1.1 bytes.
public enum HTTPResponseSerializer {
    /// The header fields the serializer owns; a handler's values for them are dropped.
    static let ownedFields = ["Content-Length", "Transfer-Encoding", "Connection"]

    /// The bytes of `response`.
    /// - Parameters:
    ///   - isHeadRequest: write the head only, with the length the body would have.
    ///   - keepAlive: whether the connection stays open; `false` adds `Connection: close`.
    ///   - requestVersion: an HTTP/1.0 client that keeps the connection gets `Connection: keep-alive`.
    public static func serialize(_ response: HTTPResponse, isHeadRequest: Bool = false, keepAlive: Bool = true,
                                 requestVersion: HTTPVersion = .http1_1) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256 + response.body.count)
        out.append(contentsOf: "HTTP/1.1 \(response.status.code) \(clean(response.status.reasonPhrase))\r\n".utf8)
        for field in response.headers where isWritable(field.name) {
            out.append(contentsOf: "\(field.name): \(clean(field.value))\r\n".utf8)
        }
        let status = response.status
        if !status.forbidsBody {
            out.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if requestVersion == .http1_0 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if !isHeadRequest && !status.forbidsBody { out.append(contentsOf: response.body) }
        return out
    }

    /// An interim `100 Continue`.
    public static let continueBytes: [UInt8] = Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)

    static func isWritable(_ name: String) -> Bool {
        HTTPGrammar.isToken(ArraySlice(name.utf8)) && !ownedFields.contains { HTTPHeaders.sameName($0, name) }
    }

    /// A value with every control byte but HTAB replaced by a space, so a handler cannot split headers.
    static func clean(_ value: String) -> String {
        guard value.utf8.contains(where: { !HTTPGrammar.isFieldValueCharacter($0) }) else { return value }
        return String(decoding: value.utf8.map { HTTPGrammar.isFieldValueCharacter($0) ? $0 : HTTPGrammar.space },
                      as: UTF8.self)
    }
}
