/// A response a handler returns: a status, header fields and the body bytes, or a body stream.
///
/// The server adds `Content-Length` (or `Transfer-Encoding: chunked` for a stream) and `Connection`
/// itself; a handler's own values for those are ignored.
public struct HTTPResponse: Sendable, Equatable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body (dropped on the wire for HEAD requests and for 1xx, 204 and 304).
    public var body: [UInt8]
    /// A body produced piece by piece (large exports). When set, `body` is ignored and the server
    /// sends the pieces chunked (HTTP/1.1) or until close (HTTP/1.0), pulling the next piece only
    /// once the previous one is written, so memory stays at one piece per connection.
    public var stream: HTTPBodyStream?

    /// A response with the given parts.
    public init(status: HTTPStatus = .ok, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// Equal parts; two streams compare equal only by both being present or both absent.
    public static func == (a: HTTPResponse, b: HTTPResponse) -> Bool {
        a.status == b.status && a.headers == b.headers && a.body == b.body && (a.stream == nil) == (b.stream == nil)
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
        let streamed = response.stream != nil && !response.status.forbidsBody
        let keepAlive = keepAlive && !(streamed && requestVersion == .http1_0)
        var out: [UInt8] = []
        out.reserveCapacity(256 + response.body.count)
        out.append(contentsOf: "HTTP/1.1 \(response.status.code) \(clean(response.status.reasonPhrase))\r\n".utf8)
        for field in response.headers where isWritable(field.name) {
            out.append(contentsOf: "\(field.name): \(clean(field.value))\r\n".utf8)
        }
        let status = response.status
        if streamed {
            if requestVersion == .http1_1 { out.append(contentsOf: "Transfer-Encoding: chunked\r\n".utf8) }
        } else if !status.forbidsBody {
            out.append(contentsOf: "Content-Length: \(response.body.count)\r\n".utf8)
        }
        if !keepAlive {
            out.append(contentsOf: "Connection: close\r\n".utf8)
        } else if requestVersion == .http1_0 {
            out.append(contentsOf: "Connection: keep-alive\r\n".utf8)
        }
        out.append(contentsOf: "\r\n".utf8)
        if !isHeadRequest && !status.forbidsBody && !streamed { out.append(contentsOf: response.body) }
        return out
    }

    /// One piece of a streamed body: a chunk for HTTP/1.1 (`nil` piece: the last chunk), raw bytes for 1.0.
    static func frame(_ piece: [UInt8]?, chunked: Bool) -> [UInt8] {
        guard chunked else { return piece ?? [] }
        guard let piece else { return Array("0\r\n\r\n".utf8) }
        return Array("\(String(piece.count, radix: 16))\r\n".utf8) + piece + [HTTPGrammar.cr, HTTPGrammar.lf]
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

/// The source of a streamed response body: each call returns the next piece, `nil` at the end.
///
/// The server pulls a piece only once the previous one is written to the socket, so a slow reader
/// slows the producer instead of filling memory: a connection holds one piece at a time. `next`
/// runs as a task; it may await (a database cursor on its own thread, say) but must not block.
/// A throw cuts the connection without the last chunk, so the client sees an incomplete body.
/// `finish` is called exactly once: with `true` after the last piece is written, with `false` when
/// the stream is abandoned (HEAD, the client went away, a write timeout, shutdown, a throw). The
/// producer releases what it holds there (a read snapshot, a slot of a concurrency cap).
public struct HTTPBodyStream: Sendable {
    /// What one pull produced, as the event loop sees it.
    enum Piece: Sendable {
        case bytes([UInt8])
        case end
        case failed
    }

    /// The next piece, or nil at the end.
    public let next: @Sendable () async throws -> [UInt8]?
    private let onFinish: @Sendable (Bool) -> Void

    /// A stream whose pieces come from `next`; `finish` releases its resources (see above).
    public init(_ next: @escaping @Sendable () async throws -> [UInt8]?,
                finish: @escaping @Sendable (_ completed: Bool) -> Void = { _ in }) {
        self.next = next
        self.onFinish = finish
    }

    /// Tells the producer the stream is over (the server calls it once; so does whoever else
    /// drives a stream, a test say).
    public func finish(completed: Bool) { onFinish(completed) }

    /// A stream of the given pieces (tests, small fixed bodies).
    public static func pieces(_ pieces: [[UInt8]]) -> HTTPBodyStream {
        let remaining = Locked(pieces[...])
        return HTTPBodyStream { remaining.withLock { $0.popFirst() } }
    }
}
