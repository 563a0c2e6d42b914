extension HTTPRequestParser {
    /// One step of a chunked body (RFC 9112 §7.1): size line, data, CRLF, ..., last chunk, trailers.
    /// Returns the request when the trailer section ends, `nil` when more bytes are needed.
    mutating func stepChunked() throws(HTTPParseError) -> HTTPParsedRequest? {
        while true {
            switch state {
            case .chunkSize:
                let overLimit = HTTPParseError.malformed(.malformedChunk,
                    "chunk-size line longer than \(limits.maxChunkLineBytes) bytes")
                guard let line = try takeLine(limit: limits.maxChunkLineBytes, overLimit: overLimit) else { return nil }
                let size = try Self.parseChunkSize(line)
                guard size <= limits.maxBodyBytes - body.count else { throw bodyTooLarge() }
                state = size == 0 ? .trailers : .chunkData(remaining: size)
            case .chunkData(let remaining):
                let taken = takeBody(upTo: remaining)
                guard taken == remaining else { state = .chunkData(remaining: remaining - taken); return nil }
                state = .chunkDataEnd
            case .chunkDataEnd:
                guard buffer.count - start >= 2 else { return nil }
                guard buffer[start] == HTTPGrammar.cr, buffer[start + 1] == HTTPGrammar.lf else {
                    throw .malformed(.malformedChunk, "chunk data is not followed by CRLF")
                }
                start += 2
                scanFrom = start
                state = .chunkSize
            case .trailers:
                var trailers = trailerFields
                trailerFields = HTTPHeaders()
                let ended = try takeFieldLine(into: &trailers)
                trailerFields = trailers
                guard let ended else { return nil }
                if ended { return complete(trailers: trailers) }
            default:
                return nil
            }
        }
    }

    /// `1*HEXDIG [ chunk-ext ]`; at most 15 hex digits so the size cannot overflow.
    static func parseChunkSize(_ line: ArraySlice<UInt8>) throws(HTTPParseError) -> Int {
        let digits = line.prefix { isHexDigit($0) }
        guard (1...15).contains(digits.count) else {
            throw .malformed(.malformedChunk, "chunk size is not 1 to 15 hex digits")
        }
        let rest = HTTPGrammar.trimmed(line[digits.endIndex...])
        guard rest.isEmpty || (rest.first == UInt8(ascii: ";") && rest.allSatisfy(HTTPGrammar.isFieldValueCharacter)) else {
            throw .malformed(.malformedChunk, "chunk size is followed by something other than an extension")
        }
        return digits.reduce(0) { $0 << 4 | hexValue($1) }
    }

    static func isHexDigit(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    static func hexValue(_ byte: UInt8) -> Int {
        switch byte {
        case 0x30...0x39: return Int(byte - 0x30)
        case 0x41...0x46: return Int(byte - 0x41 + 10)
        default: return Int(byte - 0x61 + 10)
        }
    }
}
