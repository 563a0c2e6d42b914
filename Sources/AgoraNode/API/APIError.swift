public import AgoraCore
public import AgoraHTTP

/// An error of the JSON API: an HTTP status, a stable code, a message for people and, for a bad
/// parameter, which one.
///
/// On the wire: `{"error":{"code":"invalid_parameter","message":"…","parameter":"limit"}}`.
/// The codes are listed in `protocol/openapi.yaml` (schema `Error`) and `docs/API.md`.
public struct APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A stable error code. New codes may be added; existing ones never change meaning.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// A query or path parameter is malformed, out of range, unknown or repeated (400).
        public static let invalidParameter = Code("invalid_parameter")
        /// The request body is not the JSON document the endpoint takes (400).
        public static let invalidBody = Code("invalid_body")
        /// The record document or write was refused by validation or permissions (422).
        public static let rejected = Code("rejected")
        /// Nothing at this path (404).
        public static let notFound = Code("not_found")
        /// The path exists for other methods; `Allow` lists them (405).
        public static let methodNotAllowed = Code("method_not_allowed")
        /// The request body is larger than the endpoint takes (413).
        public static let tooLarge = Code("too_large")
        /// The admin API needs the bearer token of the node directory (401).
        public static let unauthorized = Code("unauthorized")
        /// The admin API answers only on loopback or the admin socket (403).
        public static let forbidden = Code("forbidden")
        /// The node cannot serve this now: database unavailable, shutting down, not configured (503).
        public static let unavailable = Code("unavailable")
        /// Every database reader or every export slot is taken; `Retry-After` says when to retry (503).
        public static let busy = Code("busy")
        /// The query ran past its time limit and was stopped; narrow it (503, `Retry-After`).
        public static let queryTimeout = Code("query_timeout")
        /// This client already has its most exports streaming (429, `Retry-After`).
        public static let tooManyRequests = Code("too_many_requests")
        /// A fault of the node itself (500).
        public static let internalError = Code("internal")
    }

    /// The HTTP status it is sent with.
    public let status: HTTPStatus
    /// The stable code.
    public let code: Code
    /// What went wrong, for people.
    public let message: String
    /// The parameter at fault, for `invalid_parameter`.
    public let parameter: String?
    /// The `Retry-After` seconds sent with it, for `busy`, `query_timeout` and `too_many_requests`.
    public let retryAfterSeconds: Int?

    /// An error with the given parts.
    public init(_ status: HTTPStatus, _ code: Code, _ message: String, parameter: String? = nil,
                retryAfterSeconds: Int? = nil) {
        self.status = status
        self.code = code
        self.message = message
        self.parameter = parameter
        self.retryAfterSeconds = retryAfterSeconds
    }

    public var description: String { "\(code): \(message)" }

    /// A 400 naming the parameter and what it must be.
    public static func invalid(_ parameter: String, _ expected: String) -> APIError {
        APIError(.badRequest, .invalidParameter, "parameter '\(parameter)' must be \(expected)", parameter: parameter)
    }

    /// A 404 for `path`.
    public static func notFound(_ what: String) -> APIError {
        APIError(.notFound, .notFound, what)
    }

    /// The error body as JSON.
    public var json: JSONValue {
        var error: [String: JSONValue] = ["code": .string(code.rawValue), "message": .string(message)]
        if let parameter { error["parameter"] = .string(parameter) }
        return .object(["error": .object(error)])
    }

    /// The response that carries this error.
    public var response: HTTPResponse {
        var response = JSONResponse.make(json, status: status)
        if let retryAfterSeconds { response.headers.set("Retry-After", String(retryAfterSeconds)) }
        return response
    }
}
