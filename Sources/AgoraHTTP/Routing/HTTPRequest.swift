/// One name and value of a query string, percent-decoded (`+` reads as a space).
public struct HTTPQueryItem: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A request as a handler sees it.
public struct HTTPRequest: Sendable {
    /// The method.
    public var method: HTTPMethod
    /// The path, still percent-encoded, without the query (`/records/tirana%2Fx`).
    public var path: String
    /// The query items in order, decoded. Items that are not valid percent-encoding keep their raw text.
    public var queryItems: [HTTPQueryItem]
    /// The header fields (names compare case-insensitively).
    public var headers: HTTPHeaders
    /// The body bytes (de-chunked).
    public var body: [UInt8]
    /// The peer: `"127.0.0.1:53122"`, `"[::1]:53122"`, or `"unix"` for a Unix-domain socket.
    public var remoteAddress: String
    /// base64(SHA-256(DER SubjectPublicKeyInfo)) of the client's certificate, on listeners that ask for one.
    public var clientCertificatePin: String?
    /// Values of the route's `:name` and `*name` segments, decoded; the router fills them in.
    public var pathParameters: [String: String]
    /// The protocol version the client spoke.
    public var version: HTTPVersion

    /// A request; `target` is split into `path` and `queryItems`.
    public init(method: HTTPMethod, target: String, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                remoteAddress: String = "local", clientCertificatePin: String? = nil,
                version: HTTPVersion = .http1_1) {
        self.method = method
        let (path, query) = Self.split(target: target)
        self.path = path
        self.queryItems = Self.parseQuery(query)
        self.headers = headers
        self.body = body
        self.remoteAddress = remoteAddress
        self.clientCertificatePin = clientCertificatePin
        self.pathParameters = [:]
        self.version = version
    }

    /// The first query value called `name`.
    public func query(_ name: String) -> String? { queryItems.first { $0.name == name }?.value }

    /// Every query value called `name`, in order.
    public func queryValues(_ name: String) -> [String] { queryItems.filter { $0.name == name }.map(\.value) }

    /// The value of the route parameter `name`.
    public func parameter(_ name: String) -> String? { pathParameters[name] }

    /// Whether the peer is on this machine: loopback TCP (IPv4 `127.0.0.0/8`, also when it reaches
    /// an IPv6 listener as `::ffff:127.x.y.z`, or `::1`) or the Unix-domain socket.
    public var isLocal: Bool { clientAddress.isLoopback }

    /// The peer's address without the port.
    public var clientAddress: ClientAddress { ClientAddress(remoteAddress: remoteAddress) }

    /// Path and query of an origin-form or absolute-form target.
    static func split(target: String) -> (path: String, query: Substring) {
        var rest = Substring(target)
        if !rest.hasPrefix("/"), let scheme = rest.firstRange(of: "://") {
            let afterAuthority = rest[scheme.upperBound...]
            rest = afterAuthority.firstIndex(where: { $0 == "/" || $0 == "?" }).map { afterAuthority[$0...] } ?? ""
        }
        let query = rest.firstIndex(of: "?").map { rest[rest.index(after: $0)...] } ?? ""
        let path = String(rest.prefix { $0 != "?" && $0 != "#" })
        return (path.isEmpty ? "/" : path, query.prefix { $0 != "#" })
    }

    static func parseQuery(_ query: Substring) -> [HTTPQueryItem] {
        query.split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let decode = { (s: Substring) in PercentEncoding.decode(s, plusIsSpace: true) ?? String(s) }
            return HTTPQueryItem(name: decode(parts[0]), value: parts.count > 1 ? decode(parts[1]) : "")
        }
    }
}

/// Percent-decoding of URI components (RFC 3986 §2.1).
public enum PercentEncoding {
    /// The decoded text, or `nil` if a `%` is not followed by two hex digits or the bytes are not UTF-8.
    public static func decode<S: StringProtocol>(_ text: S, plusIsSpace: Bool = false) -> String? {
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next(), let low = iterator.next(),
                      HTTPGrammar.isHexDigit(high), HTTPGrammar.isHexDigit(low) else { return nil }
                bytes.append(UInt8(HTTPGrammar.hexValue(high) << 4 | HTTPGrammar.hexValue(low)))
            } else {
                bytes.append(plusIsSpace && byte == UInt8(ascii: "+") ? HTTPGrammar.space : byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
