public import AgoraCore
import Foundation

/// Hands the node's writes to a running `agora serve` over its admin Unix socket.
///
/// ```swift
/// if let client = AdminClient.running(in: directory) {
///     let result = try await client.publish(document: document)
/// }
/// ```
/// Every call is one HTTP/1.1 request on a new connection; the blocking socket work runs on a
/// thread of its own, never on the cooperative pool.
public struct AdminClient: Sendable {
    /// The socket file name inside the node directory.
    public static let socketFileName = "admin.sock"
    /// How long one call may take, connect to last byte.
    public static let defaultTimeout = Duration.seconds(30)

    /// The socket path.
    public let socketPath: String
    /// How long one call may take.
    public let timeout: Duration

    /// A client of the socket at `socketPath`.
    public init(socketPath: String, timeout: Duration = AdminClient.defaultTimeout) {
        self.socketPath = socketPath
        self.timeout = timeout
    }

    /// The admin socket path of the node directory `directory`.
    public static func socketPath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent(socketFileName)
    }

    /// A client when a server answers on the node directory's admin socket, else nil.
    public static func running(in directory: String) -> AdminClient? {
        let path = socketPath(in: directory)
        guard let fd = try? UnixSocketExchange.connect(path, timeout: .seconds(2)) else { return nil }
        close(fd)
        return AdminClient(socketPath: path)
    }

    /// Publishes a record document (`POST /admin/v1/records`).
    public func publish(document: JSONValue) async throws(AdminClientError) -> PublishResult {
        try await call("POST", "/admin/v1/records", document)
    }

    /// Sets fields of `record` (`PATCH /admin/v1/records/{id}`).
    public func edit(record: String, fields: [String: JSONValue]) async throws(AdminClientError) -> PublishResult {
        try await call("PATCH", "/admin/v1/records/\(record)", .object(["fields": .object(fields)]))
    }

    /// Deletes `record` (`DELETE /admin/v1/records/{id}`).
    public func delete(record: String) async throws(AdminClientError) -> PublishResult {
        try await call("DELETE", "/admin/v1/records/\(record)", nil)
    }

    /// Redacts the change `change` (`POST /admin/v1/redactions`).
    public func redact(change: String, reason: String?) async throws(AdminClientError) -> PublishResult {
        var body: [String: JSONValue] = ["change": .string(change)]
        if let reason { body["reason"] = .string(reason) }
        return try await call("POST", "/admin/v1/redactions", .object(body))
    }

    /// Records an adoption of `record` (`POST /admin/v1/records/{id}/adoptions`).
    public func adopt(record: String, entry: JSONValue) async throws(AdminClientError) -> PublishResult {
        try await call("POST", "/admin/v1/records/\(record)/adoptions", entry)
    }

    func call(_ method: String, _ path: String, _ body: JSONValue?) async throws(AdminClientError) -> PublishResult {
        let bytes = body.map(CanonicalJSON.encode) ?? []
        var request = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        request += "Content-Length: \(bytes.count)\r\n"
        if body != nil { request += "Content-Type: application/json\r\n" }
        let wire = Array((request + "\r\n").utf8) + bytes
        let (status, responseBody) = try await UnixSocketExchange.exchange(socketPath, wire, timeout: timeout)
        let json = try? CanonicalJSON.decode(responseBody)
        guard status == 200 else {
            let error = json?["error"]
            throw AdminClientError(.refused, error?["message"]?.stringValue ?? "the server answered \(status)",
                                   status: status, serverCode: error?["code"]?.stringValue)
        }
        guard let json, let result = PublishResult(json: json) else {
            throw AdminClientError(.protocolError, "the server's answer is not a write result")
        }
        return result
    }
}

/// Why an admin call failed.
public struct AdminClientError: Error, Sendable, CustomStringConvertible {
    /// What failed. New codes may be added.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public var description: String { rawValue }
        /// The socket cannot be reached (no server, or no permission).
        public static let connect = Code(rawValue: "connect")
        /// The server did not answer in time.
        public static let timeout = Code(rawValue: "timeout")
        /// The answer is not HTTP or not the expected JSON.
        public static let protocolError = Code(rawValue: "protocol")
        /// The server refused the write; `status` and `serverCode` say why.
        public static let refused = Code(rawValue: "refused")
    }

    public let code: Code
    public let message: String
    /// The HTTP status, for `refused`.
    public let status: Int?
    /// The API's error code (`rejected`, `invalid_body`, …), for `refused`.
    public let serverCode: String?
    public let cause: (any Error & Sendable)?

    init(_ code: Code, _ message: String, status: Int? = nil, serverCode: String? = nil, cause: (any Error & Sendable)? = nil) {
        self.code = code
        self.message = message
        self.status = status
        self.serverCode = serverCode
        self.cause = cause
    }

    public var description: String { message }
}
