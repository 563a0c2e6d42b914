/// Size limits the request parser enforces. Each one is documented, with its status code, in docs/HTTP.md.
public struct HTTPParserLimits: Sendable, Equatable {
    /// Longest request line (method, target and version, without CRLF). Beyond it: 414.
    public var maxRequestLineBytes: Int
    /// Most bytes of header fields (each line plus its CRLF, after the request line). Beyond it: 431.
    /// Chunked-body trailers have a budget of the same size.
    public var maxHeaderBytes: Int
    /// Most header fields in one request (and most trailer fields). Beyond it: 431.
    public var maxHeaderCount: Int
    /// Largest request body, however it is framed. Beyond it: 413.
    public var maxBodyBytes: Int
    /// Longest chunk-size line of a chunked body, extensions included. Beyond it: 400.
    public var maxChunkLineBytes: Int
    /// Whether a POST or PUT with neither Content-Length nor Transfer-Encoding is refused with 411.
    public var requireLengthForPostAndPut: Bool

    /// Default: request line 8 KiB.
    public static let defaultMaxRequestLineBytes = 8 * 1024
    /// Default: 16 KiB of header fields.
    public static let defaultMaxHeaderBytes = 16 * 1024
    /// Default: 100 header fields.
    public static let defaultMaxHeaderCount = 100
    /// Default: 1 MiB of body.
    public static let defaultMaxBodyBytes = 1024 * 1024
    /// Default: 1 KiB per chunk-size line.
    public static let defaultMaxChunkLineBytes = 1024

    /// The limits, each defaulting to its named default.
    public init(
        maxRequestLineBytes: Int = defaultMaxRequestLineBytes,
        maxHeaderBytes: Int = defaultMaxHeaderBytes,
        maxHeaderCount: Int = defaultMaxHeaderCount,
        maxBodyBytes: Int = defaultMaxBodyBytes,
        maxChunkLineBytes: Int = defaultMaxChunkLineBytes,
        requireLengthForPostAndPut: Bool = true
    ) {
        self.maxRequestLineBytes = maxRequestLineBytes
        self.maxHeaderBytes = maxHeaderBytes
        self.maxHeaderCount = maxHeaderCount
        self.maxBodyBytes = maxBodyBytes
        self.maxChunkLineBytes = maxChunkLineBytes
        self.requireLengthForPostAndPut = requireLengthForPostAndPut
    }
}

/// Why a request could not be parsed, and the status code the server answers with.
///
/// After an error the connection is closed: the parser cannot know where the next request starts.
public struct HTTPParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as a stable code. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }

        public static let malformedRequestLine = Code(rawValue: "malformed-request-line")
        public static let requestLineTooLong = Code(rawValue: "request-line-too-long")
        public static let unsupportedVersion = Code(rawValue: "unsupported-version")
        public static let malformedHeader = Code(rawValue: "malformed-header")
        public static let headersTooLarge = Code(rawValue: "headers-too-large")
        public static let tooManyHeaders = Code(rawValue: "too-many-headers")
        public static let missingHost = Code(rawValue: "missing-host")
        public static let invalidContentLength = Code(rawValue: "invalid-content-length")
        public static let conflictingFraming = Code(rawValue: "conflicting-framing")
        public static let unsupportedTransferEncoding = Code(rawValue: "unsupported-transfer-encoding")
        public static let lengthRequired = Code(rawValue: "length-required")
        public static let bodyTooLarge = Code(rawValue: "body-too-large")
        public static let malformedChunk = Code(rawValue: "malformed-chunk")
    }

    /// The stable code.
    public let code: Code
    /// The status the server answers with.
    public let status: HTTPStatus
    /// A sentence for the client and the logs.
    public let message: String

    public var description: String { "\(status.code) \(code): \(message)" }

    static func malformed(_ code: Code, _ message: String) -> HTTPParseError {
        HTTPParseError(code: code, status: .badRequest, message: message)
    }
}
