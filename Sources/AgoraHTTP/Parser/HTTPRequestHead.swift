/// The head of a parsed request: the request line and the header fields.
public struct HTTPRequestHead: Sendable, Equatable {
    /// The method token.
    public var method: HTTPMethod
    /// The request target exactly as sent (origin-form `/path?query`, absolute-form, or `*`).
    public var target: String
    /// The protocol version (1.0 or 1.1).
    public var version: HTTPVersion
    /// The header fields.
    public var headers: HTTPHeaders
    /// Whether the connection stays open after this exchange (RFC 9112 §9.3): HTTP/1.1 unless
    /// `Connection: close`; HTTP/1.0 only with `Connection: keep-alive`.
    public var keepAlive: Bool
    /// Whether the client waits for `100 Continue` before sending the body.
    public var expectsContinue: Bool
}

/// A complete request as the parser produced it: the head, the body bytes and any chunked trailers.
public struct HTTPParsedRequest: Sendable, Equatable {
    public var head: HTTPRequestHead
    /// The body, de-chunked.
    public var body: [UInt8]
    /// The trailer fields of a chunked body (empty otherwise).
    public var trailers: HTTPHeaders
}

/// Character classes of RFC 9110 §5.6.
enum HTTPGrammar {
    static let cr: UInt8 = 13
    static let lf: UInt8 = 10
    static let space: UInt8 = 32
    static let tab: UInt8 = 9

    /// `tchar`: the characters of a token (method, field name).
    static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: return true
        case UInt8(ascii: "!"), UInt8(ascii: "#"), UInt8(ascii: "$"), UInt8(ascii: "%"), UInt8(ascii: "&"),
             UInt8(ascii: "'"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
             UInt8(ascii: "^"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return true
        default: return false
        }
    }

    /// Bytes allowed in a field value: HTAB, visible ASCII, space and obs-text; no other control byte.
    static func isFieldValueCharacter(_ byte: UInt8) -> Bool {
        byte == tab || (byte >= 0x20 && byte != 0x7F)
    }

    /// Bytes allowed in a request target: visible ASCII only.
    static func isTargetCharacter(_ byte: UInt8) -> Bool { byte >= 0x21 && byte <= 0x7E }

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

    static func isToken(_ bytes: ArraySlice<UInt8>) -> Bool {
        !bytes.isEmpty && bytes.allSatisfy(isTokenCharacter)
    }

    /// The value of a field line with optional whitespace trimmed on both sides.
    static func trimmed(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = bytes
        while let first = slice.first, first == space || first == tab { slice.removeFirst() }
        while let last = slice.last, last == space || last == tab { slice.removeLast() }
        return slice
    }
}
