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
        case requestLine, headers, fixedBody(remaining: Int)
        case chunkSize, chunkData(remaining: Int), chunkDataEnd, trailers
        case failed(HTTPParseError)
    }

    /// The limits in force.
    public let limits: HTTPParserLimits
    var buffer: [UInt8] = []
    var start = 0
    var scanFrom = 0
    var state = State.requestLine
    var requestLine: (method: HTTPMethod, target: String, version: HTTPVersion)?
    var fields = HTTPHeaders()
    var fieldBytes = 0
    var head: HTTPRequestHead?
    var body: [UInt8] = []
    var trailerFields = HTTPHeaders()

    /// A parser with the given limits.
    public init(limits: HTTPParserLimits = HTTPParserLimits()) { self.limits = limits }

    /// Appends bytes that arrived from the peer.
    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Appends bytes that arrived from the peer.
    public mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        compact()
        buffer.append(contentsOf: bytes)
    }

    /// Where the current request stands.
    public var phase: Phase {
        switch state {
        case .requestLine: return start == buffer.count ? .idle : .head
        case .headers, .failed: return .head
        default: return .body
        }
    }

    /// The head of the request whose body is being read, once it is complete.
    public var currentHead: HTTPRequestHead? { head }

    /// Whether bytes beyond the last returned request are buffered (a pipelined request).
    public var hasBufferedBytes: Bool { start < buffer.count }

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
                let overLimit = HTTPParseError(code: .requestLineTooLong, status: .uriTooLong,
                    message: "request line longer than \(limits.maxRequestLineBytes) bytes")
                guard let line = try takeLine(limit: limits.maxRequestLineBytes, overLimit: overLimit) else { return nil }
                if line.isEmpty { continue }  // RFC 9112 §2.2: ignore empty lines before a request line
                requestLine = try Self.parseRequestLine(line)
                state = .headers
            case .headers:
                var headers = fields
                fields = HTTPHeaders()
                let ended = try takeFieldLine(into: &headers)
                fields = headers
                guard let ended else { return nil }
                if ended, let done = try finishHead() { return done }
            case .fixedBody(let remaining):
                let taken = takeBody(upTo: remaining)
                if taken < remaining { state = .fixedBody(remaining: remaining - taken); return nil }
                return complete(trailers: HTTPHeaders())
            case .chunkSize, .chunkData, .chunkDataEnd, .trailers:
                guard let done = try stepChunked() else { return nil }
                return done
            }
        }
    }

    /// Moves up to `count` buffered bytes into the body; returns how many moved.
    mutating func takeBody(upTo count: Int) -> Int {
        let taken = min(count, buffer.count - start)
        body.append(contentsOf: buffer[start..<(start + taken)])
        start += taken
        scanFrom = start
        return taken
    }

    /// The next CRLF-terminated line without its CRLF, or `nil` if it has not fully arrived.
    /// A line whose content exceeds `limit` throws `overLimit`, whether or not it is complete yet.
    mutating func takeLine(limit: Int, overLimit: HTTPParseError) throws(HTTPParseError) -> ArraySlice<UInt8>? {
        guard let lf = buffer[scanFrom...].firstIndex(of: HTTPGrammar.lf) else {
            if buffer.count - start > limit + 1 { throw overLimit }
            scanFrom = buffer.count
            return nil
        }
        if lf - start > limit + 1 { throw overLimit }
        guard lf > start, buffer[lf - 1] == HTTPGrammar.cr else {
            throw .malformed(.malformedHeader, "line ends with a bare LF; CRLF is required")
        }
        let line = buffer[start..<(lf - 1)]
        start = lf + 1
        scanFrom = start
        return line
    }

    /// Reads one field line into `target`. Returns `true` for the empty line that ends the block,
    /// `false` after a field, `nil` when more bytes are needed.
    mutating func takeFieldLine(into target: inout HTTPHeaders) throws(HTTPParseError) -> Bool? {
        let budget = max(0, limits.maxHeaderBytes - fieldBytes - 2)
        let overLimit = HTTPParseError(code: .headersTooLarge, status: .requestHeaderFieldsTooLarge,
            message: "header fields longer than \(limits.maxHeaderBytes) bytes")
        guard let line = try takeLine(limit: budget, overLimit: overLimit) else { return nil }
        fieldBytes += line.count + 2
        if line.isEmpty { return true }
        if target.count >= limits.maxHeaderCount {
            throw HTTPParseError(code: .tooManyHeaders, status: .requestHeaderFieldsTooLarge,
                message: "more than \(limits.maxHeaderCount) header fields")
        }
        let field = try Self.parseField(line)
        target.add(field.name, field.value)
        return false
    }

    /// Hands out the finished request and resets for the next one.
    mutating func complete(trailers: HTTPHeaders) -> HTTPParsedRequest? {
        guard let head else { return nil }
        let request = HTTPParsedRequest(head: head, body: body, trailers: trailers)
        self.head = nil
        requestLine = nil
        fields = HTTPHeaders()
        fieldBytes = 0
        body = []
        trailerFields = HTTPHeaders()
        state = .requestLine
        return request
    }

    /// Drops consumed bytes so the buffer does not grow across requests.
    mutating func compact() {
        if start == buffer.count {
            buffer.removeAll(keepingCapacity: buffer.capacity <= 64 * 1024)
            start = 0
            scanFrom = 0
        } else if start > 4096 && start > buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            scanFrom -= start
            start = 0
        }
    }
}
