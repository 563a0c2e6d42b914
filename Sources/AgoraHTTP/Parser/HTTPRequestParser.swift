/// An incremental HTTP/1.1 request parser (RFC 9112): bytes in, complete requests or a precise error out.
///
/// It holds no socket. Feed it whatever arrived with `append(_:)`, then call `nextRequest()` until it
/// returns `nil` (more bytes needed). Bytes past the end of a request stay buffered for the next one,
/// so pipelined requests come out one by one. After an error every later call throws the same error:
/// the connection must be closed. Limits and status codes: docs/HTTP.md.
public struct HTTPRequestParser: Sendable {
    /// How far the current request has come.
    public enum Phase: Sendable, Equatable {
        /// No byte of a next request is buffered.
        case idle
        /// Reading the request line and header fields.
        case head
        /// The head is complete; reading the body.
        case body
    }

    enum State: Sendable {
        case requestLine, headers, fixedBody(remaining: Int), chunked(ChunkedDecoder)
        case failed(HTTPParseError)
    }

    /// The limits in force.
    public let limits: HTTPParserLimits
    var bytes = ByteQueue()
    var state = State.requestLine
    var requestLine: (method: HTTPMethod, target: String, version: HTTPVersion)?
    var fields: FieldBlock
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var leadingEmptyLines = 0

    /// Empty lines tolerated before a request line (RFC 9112 §2.2); more is 400, so a stream of
    /// CRLFs cannot keep a connection busy without ever starting a request.
    public static let maxLeadingEmptyLines = 4

    /// A parser with the given limits.
    public init(limits: HTTPParserLimits = HTTPParserLimits()) {
        self.limits = limits
        fields = FieldBlock(maxBytes: limits.maxHeaderBytes, maxCount: limits.maxHeaderCount)
    }

    /// Appends bytes that arrived from the peer.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) { self.bytes.append(bytes) }

    /// Appends bytes that arrived from the peer.
    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        self.bytes.append(contentsOf: bytes)
    }

    /// Where the current request stands.
    public var phase: Phase {
        switch state {
        case .requestLine: return bytes.isEmpty ? .idle : .head
        case .headers, .failed: return .head
        default: return .body
        }
    }

    /// The head of the request whose body is being read, once it is complete.
    public var currentHead: HTTPRequestHead? { head }

    /// Whether bytes beyond the last returned request are buffered (a pipelined request).
    public var hasBufferedBytes: Bool { !bytes.isEmpty }

    /// The next complete request, or `nil` when more bytes are needed.
    /// - Throws: `HTTPParseError`, with the status code to answer; the connection must then close.
    public mutating func nextRequest() throws(HTTPParseError) -> HTTPParsedRequest? {
        do throws(HTTPParseError) {
            return try step()
        } catch {
            state = .failed(error)
            throw error
        }
    }

    private mutating func step() throws(HTTPParseError) -> HTTPParsedRequest? {
        while true {
            switch state {
            case .failed(let error):
                throw error
            case .requestLine:
                guard try readRequestLine() else { return nil }
            case .headers:
                guard try fields.read(from: &bytes) == true else { return nil }
                if let done = try finishHead() { return done }
            case .fixedBody(let remaining):
                let taken = bytes.take(upTo: remaining)
                body.append(contentsOf: taken)
                if taken.count < remaining { state = .fixedBody(remaining: remaining - taken.count); return nil }
                return complete(trailers: HTTPHeaders())
            case .chunked(var decoder):
                state = .requestLine  // release the decoder's storage while it works (no copy on write)
                let ended = try decoder.decode(from: &bytes, into: &body)
                state = .chunked(decoder)
                return ended ? complete(trailers: decoder.trailers.fields) : nil
            }
        }
    }

    /// Reads the request line, skipping a few empty lines first. Returns `false` when more bytes are needed.
    private mutating func readRequestLine() throws(HTTPParseError) -> Bool {
        let overLimit = HTTPParseError(code: .requestLineTooLong, status: .uriTooLong,
                                       message: "request line longer than \(limits.maxRequestLineBytes) bytes")
        while let line = try bytes.takeLine(limit: limits.maxRequestLineBytes, overLimit: overLimit) {
            if !line.isEmpty {
                requestLine = try Self.parseRequestLine(line)
                state = .headers
                return true
            }
            leadingEmptyLines += 1  // RFC 9112 §2.2: ignore a few empty lines before a request line
            guard leadingEmptyLines <= Self.maxLeadingEmptyLines else {
                throw .malformed(.malformedRequestLine, "more than \(Self.maxLeadingEmptyLines) empty lines before the request line")
            }
        }
        return false
    }

    /// Hands out the finished request and resets for the next one.
    mutating func complete(trailers: HTTPHeaders) -> HTTPParsedRequest? {
        guard let head else { return nil }
        let request = HTTPParsedRequest(head: head, body: body, trailers: trailers)
        self.head = nil
        requestLine = nil
        fields = FieldBlock(maxBytes: limits.maxHeaderBytes, maxCount: limits.maxHeaderCount)
        body = []
        leadingEmptyLines = 0
        state = .requestLine
        return request
    }
}
