extension HTTPRequestParser {
    /// `method SP request-target SP HTTP-version` (RFC 9112 §3), single spaces only.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(HTTPParseError)
        -> (method: HTTPMethod, target: String, version: HTTPVersion) {
        let parts = line.split(separator: HTTPGrammar.space, omittingEmptySubsequences: false)
        guard parts.count == 3, HTTPGrammar.isToken(parts[0]) else {
            throw .malformed(.malformedRequestLine, "request line is not 'METHOD target HTTP/1.1'")
        }
        let method = HTTPMethod(rawValue: String(decoding: parts[0], as: UTF8.self))
        let target = parts[1]
        guard !target.isEmpty, target.allSatisfy(HTTPGrammar.isTargetCharacter) else {
            throw .malformed(.malformedRequestLine, "request target is empty or holds a byte that is not visible ASCII")
        }
        let targetText = String(decoding: target, as: UTF8.self)
        guard isAcceptedTargetForm(targetText, method: method) else {
            throw .malformed(.malformedRequestLine, "request target must be '/path', 'http(s)://host/path' or '*' (OPTIONS)")
        }
        return (method, targetText, try parseVersion(parts[2]))
    }

    static func isAcceptedTargetForm(_ target: String, method: HTTPMethod) -> Bool {
        if target.hasPrefix("/") { return true }
        if target == "*" { return method == .options }
        let lower = target.lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    static func parseVersion(_ bytes: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPVersion {
        let text = Array(bytes)
        let isDigit = { (b: UInt8) in b >= 0x30 && b <= 0x39 }
        guard text.count == 8, text[0..<5].elementsEqual("HTTP/".utf8), isDigit(text[5]),
              text[6] == UInt8(ascii: "."), isDigit(text[7]) else {
            throw .malformed(.malformedRequestLine, "protocol version is not HTTP/x.y")
        }
        let version = HTTPVersion(major: Int(text[5] - 0x30), minor: Int(text[7] - 0x30))
        guard version == .http1_1 || version == .http1_0 else {
            throw HTTPParseError(code: .unsupportedVersion, status: .httpVersionNotSupported,
                message: "\(version) is not supported; use HTTP/1.1")
        }
        return version
    }

    /// Decides framing and connection handling once the empty line after the headers has arrived.
    mutating func finishHead() throws(HTTPParseError) -> HTTPParsedRequest? {
        guard let line = requestLine else { return nil }
        let version = line.version
        let fields = self.fields.fields
        let hosts = fields.values("Host")
        if hosts.count > 1 || (version == .http1_1 && hosts.isEmpty) {
            throw .malformed(.missingHost, "an HTTP/1.1 request needs exactly one Host header")
        }
        let connection = fields.tokens("Connection")
        let keepAlive = version == .http1_1 ? !connection.contains("close")
            : connection.contains("keep-alive") && !connection.contains("close")
        let expects = version == .http1_1 && fields["Expect"]?.lowercased() == "100-continue"
        head = HTTPRequestHead(method: line.method, target: line.target, version: version,
                               headers: fields, keepAlive: keepAlive, expectsContinue: expects)
        return try chooseFraming(method: line.method, version: version)
    }

    /// RFC 9112 §6.3, strictly: both Content-Length and Transfer-Encoding, or any coding but
    /// `chunked`, is refused, so that no two parsers can disagree on where the body ends.
    mutating func chooseFraming(method: HTTPMethod, version: HTTPVersion) throws(HTTPParseError) -> HTTPParsedRequest? {
        let fields = self.fields.fields
        let codings = fields.tokens("Transfer-Encoding")
        let lengths = fields.values("Content-Length")
        if fields.contains("Transfer-Encoding") {
            guard lengths.isEmpty else {
                throw .malformed(.conflictingFraming, "both Transfer-Encoding and Content-Length are present")
            }
            guard version == .http1_1 else {
                throw .malformed(.conflictingFraming, "Transfer-Encoding is not allowed in HTTP/1.0")
            }
            guard codings == ["chunked"] else {
                throw HTTPParseError(code: .unsupportedTransferEncoding, status: .notImplemented,
                    message: "only 'Transfer-Encoding: chunked' is supported")
            }
            state = .chunked(ChunkedDecoder(maxBodyBytes: limits.maxBodyBytes, maxChunkLineBytes: limits.maxChunkLineBytes,
                                            maxTrailerBytes: limits.maxHeaderBytes, maxTrailerCount: limits.maxHeaderCount))
            return nil
        }
        if !lengths.isEmpty {
            let length = try Self.parseContentLength(lengths)
            guard length <= limits.maxBodyBytes else { throw bodyTooLarge() }
            if length == 0 { return complete(trailers: HTTPHeaders()) }
            state = .fixedBody(remaining: length)
            return nil
        }
        if limits.requireLengthForPostAndPut && (method == .post || method == .put) {
            throw HTTPParseError(code: .lengthRequired, status: .lengthRequired,
                message: "\(method) needs a Content-Length or a chunked body")
        }
        return complete(trailers: HTTPHeaders())
    }

    /// One decimal length; repeated fields or list members must all agree (RFC 9110 §8.6).
    static func parseContentLength(_ values: [String]) throws(HTTPParseError) -> Int {
        let members = values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingASCIIWhitespace() }
        guard let first = members.first, members.allSatisfy({ $0 == first }),
              (1...18).contains(first.utf8.count), first.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let length = Int(first) else {
            throw .malformed(.invalidContentLength, "Content-Length is not one decimal number")
        }
        return length
    }

    func bodyTooLarge() -> HTTPParseError {
        HTTPParseError(code: .bodyTooLarge, status: .contentTooLarge,
                       message: "request body larger than \(limits.maxBodyBytes) bytes")
    }
}
