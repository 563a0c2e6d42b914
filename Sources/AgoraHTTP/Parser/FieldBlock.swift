/// A block of field lines (the headers, or a chunked body's trailers) read against a byte and count budget.
struct FieldBlock: Sendable {
    private(set) var fields = HTTPHeaders()
    private var usedBytes = 0
    let maxBytes: Int
    let maxCount: Int

    init(maxBytes: Int, maxCount: Int) {
        self.maxBytes = maxBytes
        self.maxCount = maxCount
    }

    /// Reads field lines until the empty line that ends the block (`true`) or until more bytes are needed (`nil`).
    /// - Throws: 431 when the block exceeds its budget, 400 for a malformed line.
    mutating func read(from bytes: inout ByteQueue) throws(HTTPParseError) -> Bool? {
        while true {
            let budget = max(0, maxBytes - usedBytes - 2)
            let overLimit = HTTPParseError(code: .headersTooLarge, status: .requestHeaderFieldsTooLarge,
                                           message: "header fields longer than \(maxBytes) bytes")
            guard let line = try bytes.takeLine(limit: budget, overLimit: overLimit) else { return nil }
            usedBytes += line.count + 2
            if line.isEmpty { return true }
            if fields.count >= maxCount {
                throw HTTPParseError(code: .tooManyHeaders, status: .requestHeaderFieldsTooLarge,
                                     message: "more than \(maxCount) header fields")
            }
            let field = try Self.parseField(line)
            fields.add(field.name, field.value)
        }
    }

    /// `field-name ":" OWS field-value OWS` (RFC 9112 §5). Obsolete line folding is refused.
    static func parseField(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> HTTPHeaderField {
        if line.first == HTTPGrammar.space || line.first == HTTPGrammar.tab {
            throw .malformed(.malformedHeader, "obsolete line folding is not accepted")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), HTTPGrammar.isToken(line[..<colon]) else {
            throw .malformed(.malformedHeader, "header field has no valid name followed by ':'")
        }
        let value = HTTPGrammar.trimmed(line[(colon + 1)...])
        guard value.allSatisfy(HTTPGrammar.isFieldValueCharacter) else {
            throw .malformed(.malformedHeader, "header field value holds a control byte")
        }
        return HTTPHeaderField(name: String(decoding: line[..<colon], as: UTF8.self),
                               value: String(decoding: value, as: UTF8.self))
    }
}

/// Decodes a chunked body (RFC 9112 §7.1): size line, data, CRLF, ..., last chunk, trailers.
struct ChunkedDecoder: Sendable {
    enum Phase: Sendable { case size, data(remaining: Int), dataEnd, trailers }

    private var phase = Phase.size
    private(set) var trailers: FieldBlock
    let maxBodyBytes: Int
    let maxChunkLineBytes: Int

    init(maxBodyBytes: Int, maxChunkLineBytes: Int, maxTrailerBytes: Int, maxTrailerCount: Int) {
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkLineBytes = maxChunkLineBytes
        trailers = FieldBlock(maxBytes: maxTrailerBytes, maxCount: maxTrailerCount)
    }

    /// Moves what it can from `bytes` into `body`. Returns `true` when the trailer section has ended.
    mutating func decode(from bytes: inout ByteQueue, into body: inout [UInt8]) throws(HTTPParseError) -> Bool {
        while true {
            switch phase {
            case .size:
                let overLimit = HTTPParseError.malformed(.malformedChunk, "chunk-size line longer than \(maxChunkLineBytes) bytes")
                guard let line = try bytes.takeLine(limit: maxChunkLineBytes, overLimit: overLimit) else { return false }
                let size = try Self.parseChunkSize(line)
                guard size <= maxBodyBytes - body.count else {
                    throw HTTPParseError(code: .bodyTooLarge, status: .contentTooLarge, message: "body larger than \(maxBodyBytes) bytes")
                }
                phase = size == 0 ? .trailers : .data(remaining: size)
            case .data(let remaining):
                let taken = bytes.take(upTo: remaining)
                body.append(contentsOf: taken)
                guard taken.count == remaining else { phase = .data(remaining: remaining - taken.count); return false }
                phase = .dataEnd
            case .dataEnd:
                guard let crlf = bytes.takeCRLF() else { return false }
                guard crlf else { throw .malformed(.malformedChunk, "chunk data is not followed by CRLF") }
                phase = .size
            case .trailers:
                return try trailers.read(from: &bytes) == true
            }
        }
    }

    /// `1*HEXDIG [ chunk-ext ]`; at most 15 hex digits so the size cannot overflow.
    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        let digits = line.prefix { HTTPGrammar.isHexDigit($0) }
        guard (1...15).contains(digits.count) else {
            throw .malformed(.malformedChunk, "chunk size is not 1 to 15 hex digits")
        }
        let rest = HTTPGrammar.trimmed(line[digits.endIndex...])
        guard rest.isEmpty || (rest.first == UInt8(ascii: ";") && rest.allSatisfy(HTTPGrammar.isFieldValueCharacter)) else {
            throw .malformed(.malformedChunk, "chunk size is followed by something other than an extension")
        }
        return digits.reduce(0) { $0 << 4 | HTTPGrammar.hexValue($1) }
    }
}
