/// A response as the client receives it.
public struct HTTPClientResponse: Sendable, Equatable {
    /// The status.
    public var status: HTTPStatus
    /// The header fields.
    public var headers: HTTPHeaders
    /// The body, de-chunked.
    public var body: [UInt8]
    /// Whether the server lets the connection be reused.
    public var keepAlive: Bool
}

/// Limits on what a server may send back.
public struct HTTPResponseLimits: Sendable, Equatable {
    /// Longest status line plus header block.
    public var maxHeadBytes: Int
    /// Most header fields.
    public var maxHeaderCount: Int
    /// Largest body.
    public var maxBodyBytes: Int

    public static let defaultMaxHeadBytes = 64 * 1024
    public static let defaultMaxHeaderCount = 200
    public static let defaultMaxBodyBytes = 64 * 1024 * 1024

    public init(maxHeadBytes: Int = defaultMaxHeadBytes, maxHeaderCount: Int = defaultMaxHeaderCount,
                maxBodyBytes: Int = defaultMaxBodyBytes) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
    }
}

/// An incremental HTTP/1.1 response parser: bytes in, one response out (RFC 9112 §6.3 framing:
/// no body for HEAD, 1xx, 204 and 304; chunked; Content-Length; otherwise until the server closes).
/// Interim 1xx responses are skipped. Errors use `HTTPParseError` codes with status 502.
public struct HTTPResponseParser: Sendable {
    enum State: Sendable {
        case statusLine, headers, fixedBody(remaining: Int), chunked(ChunkedDecoder), untilClose, done
    }

    public let limits: HTTPResponseLimits
    /// The request was HEAD: the response has no body whatever its headers say.
    public let isHeadRequest: Bool
    var bytes = ByteQueue()
    var state = State.statusLine
    var status = HTTPStatus.ok
    var version = HTTPVersion.http1_1
    var fields: FieldBlock
    var body: [UInt8] = []
    var keepAlive = true

    /// A parser for the response to one request.
    public init(limits: HTTPResponseLimits = HTTPResponseLimits(), isHeadRequest: Bool = false) {
        self.limits = limits
        self.isHeadRequest = isHeadRequest
        fields = FieldBlock(maxBytes: limits.maxHeadBytes, maxCount: limits.maxHeaderCount)
    }

    /// Appends bytes from the server.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(bytes) }
    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 { self.bytes.append(contentsOf: bytes) }

    /// Whether bytes arrived beyond the response (the connection must not be reused then).
    public var hasExtraBytes: Bool { !bytes.isEmpty }

    /// The response once complete, `nil` while more bytes are needed.
    public mutating func nextResponse() throws(HTTPParseError) -> HTTPClientResponse? {
        while true {
            switch state {
            case .statusLine:
                let overLimit = Self.error(.headersTooLarge, "status line longer than \(limits.maxHeadBytes) bytes")
                guard let line = try bytes.takeLine(limit: limits.maxHeadBytes, overLimit: overLimit) else { return nil }
                (version, status) = try Self.parseStatusLine(line)
                state = .headers
            case .headers:
                guard try fields.read(from: &bytes) == true else { return nil }
                if let response = try chooseFraming() { return response }
            case .fixedBody(let remaining):
                let taken = bytes.take(upTo: remaining)
                body.append(contentsOf: taken)
                if taken.count < remaining { state = .fixedBody(remaining: remaining - taken.count); return nil }
                return finish()
            case .chunked(var decoder):
                state = .done
                let ended = try decoder.decode(from: &bytes, into: &body)
                state = .chunked(decoder)
                return ended ? finish() : nil
            case .untilClose:
                body.append(contentsOf: bytes.take(upTo: Int.max))
                guard body.count <= limits.maxBodyBytes else { throw Self.error(.bodyTooLarge, "response body over \(limits.maxBodyBytes) bytes") }
                return nil
            case .done:
                return nil
            }
        }
    }

    /// Called when the server closed the connection: the response if that ends it, else an error.
    public mutating func finishAtEndOfStream() throws(HTTPParseError) -> HTTPClientResponse {
        if case .untilClose = state { return finish() }
        throw Self.error(.malformedChunk, "the connection closed before the response was complete")
    }

    private mutating func chooseFraming() throws(HTTPParseError) -> HTTPClientResponse? {
        let headers = fields.fields
        if (100..<200).contains(status.code) {  // interim response: skip it, read the real one
            fields = FieldBlock(maxBytes: limits.maxHeadBytes, maxCount: limits.maxHeaderCount)
            state = .statusLine
            return nil
        }
        let connection = headers.tokens("Connection")
        keepAlive = version == .http1_1 ? !connection.contains("close") : connection.contains("keep-alive")
        if isHeadRequest || status.forbidsBody { return finish() }
        if headers.contains("Transfer-Encoding") {
            guard headers.tokens("Transfer-Encoding") == ["chunked"] else {
                throw Self.error(.unsupportedTransferEncoding, "only chunked responses are supported")
            }
            state = .chunked(ChunkedDecoder(maxBodyBytes: limits.maxBodyBytes, maxChunkLineBytes: 1024,
                                            maxTrailerBytes: limits.maxHeadBytes, maxTrailerCount: limits.maxHeaderCount))
            return nil
        }
        let lengths = headers.values("Content-Length")
        guard !lengths.isEmpty else { keepAlive = false; state = .untilClose; return nil }
        let length = try HTTPRequestParser.parseContentLength(lengths)
        guard length <= limits.maxBodyBytes else { throw Self.error(.bodyTooLarge, "response body of \(length) bytes is over the limit") }
        state = .fixedBody(remaining: length)
        return nil
    }

    private mutating func finish() -> HTTPClientResponse {
        state = .done
        return HTTPClientResponse(status: status, headers: fields.fields, body: body, keepAlive: keepAlive)
    }

    /// `HTTP/1.x SP 3DIGIT [SP reason]`.
    static func parseStatusLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> (HTTPVersion, HTTPStatus) {
        let parts = line.split(separator: HTTPGrammar.space, maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[1].count == 3, parts[1].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let code = Int(String(decoding: parts[1], as: UTF8.self)), code >= 100 else {
            throw error(.malformedRequestLine, "status line is not 'HTTP/1.1 NNN reason'")
        }
        let version: HTTPVersion
        do { version = try HTTPRequestParser.parseVersion(parts[0]) } catch {
            throw Self.error(.unsupportedVersion, "status line has no HTTP/1.x version")
        }
        let reason = parts.count == 3 ? String(decoding: parts[2], as: UTF8.self) : ""
        return (version, HTTPStatus(code: code, reasonPhrase: reason))
    }

    static func error(_ code: HTTPParseError.Code, _ message: String) -> HTTPParseError {
        HTTPParseError(code: code, status: HTTPStatus(code: 502), message: message)
    }
}
