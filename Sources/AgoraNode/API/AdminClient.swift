public import AgoraCore
import AgoraHTTP
import Foundation

/// Hands the node's writes to a running `agora serve` over its admin Unix socket.
///
/// ```swift
/// if let client = AdminClient.running(in: directory) {
///     let result = try await client.publish(document: document)
/// }
/// ```
/// Every call is one HTTP/1.1 request over the socket, sent with AgoraHTTP's client, whose blocking
/// socket work runs on a thread of its own, never on the cooperative pool.
public struct AdminClient: Sendable {
    /// The socket file name inside the node directory.
    public static let socketFileName = "admin.sock"
    /// How long one call may take, connect to last byte.
    public static let defaultTimeout = Duration.seconds(30)

    /// The socket path.
    public let socketPath: String
    /// How long one call may take.
    public let timeout: Duration
    /// What to connect to: `socketPath`, or a short alias of it when it is too long for a socket address.
    let address: SocketPathAlias

    /// A client of the socket at `socketPath`.
    public init(socketPath: String, timeout: Duration = AdminClient.defaultTimeout) {
        self.socketPath = socketPath
        self.timeout = timeout
        self.address = SocketPathAlias(socketPath)
    }

    /// Whether something accepts connections on `socketPath`.
    func isAnswering() async -> Bool {
        (try? await send(HTTPClientRequest(method: .get, target: "/healthz"))) != nil
    }

    func send(_ request: HTTPClientRequest) async throws(AdminClientError) -> HTTPClientResponse {
        let timeouts = HTTPClientTimeouts(connect: timeout, handshake: timeout, write: timeout, read: timeout)
        let client: HTTPClient
        do {
            client = try HTTPClient(configuration: HTTPClientConfiguration(timeouts: timeouts, maxIdleConnectionsPerEndpoint: 0, threads: 1))
        } catch {
            throw AdminClientError(.connect, "cannot make an HTTP client: \(error)", cause: error)
        }
        do {
            return try await client.send(request, to: .unix(path: address.path))
        } catch {
            let code: AdminClientError.Code = error.code == .timeout ? .timeout : error.code == .connect ? .connect : .protocolError
            throw AdminClientError(code, "no answer from the node server on \(socketPath): \(error)", cause: error)
        }
    }

    /// The admin socket path of the node directory `directory`.
    public static func socketPath(in directory: String) -> String {
        (directory as NSString).appendingPathComponent(socketFileName)
    }

    /// A client when a server answers on the node directory's admin socket, else nil.
    public static func running(in directory: String) async -> AdminClient? {
        let client = AdminClient(socketPath: socketPath(in: directory), timeout: .seconds(5))
        guard FileManager.default.fileExists(atPath: client.socketPath), await client.isAnswering() else { return nil }
        return AdminClient(socketPath: client.socketPath)
    }

    /// Publishes a record document (`POST /admin/v1/records`).
    public func publish(document: JSONValue) async throws(AdminClientError) -> PublishResult {
        try await call("POST", "/admin/v1/records", document)
    }

    /// Sets fields of `record` (`PATCH /admin/v1/records/{id}`); see ``NodeWriting/edit(record:fields:language:)``.
    public func edit(record: String, fields: [String: JSONValue], language: String? = nil) async throws(AdminClientError) -> PublishResult {
        var body: [String: JSONValue] = ["fields": .object(fields)]
        if let language { body["language"] = .string(language) }
        return try await call("PATCH", "/admin/v1/records/\(record)", .object(body))
    }

    /// Applies the CLI's field edits to `record` over the socket (one language for all, as `--lang`).
    public func edit(record: RecordID, edits: [FieldEdit]) async throws(AdminClientError) -> PublishResult {
        var fields: [String: JSONValue] = [:]
        for edit in edits { fields[edit.field] = edit.value ?? .null }
        return try await edit(record: record.description, fields: fields, language: edits.first?.language)
    }

    /// Deletes `record`, or with `undo` undeletes it (`DELETE /admin/v1/records/{id}[?undo=true]`).
    public func delete(record: String, undo: Bool = false) async throws(AdminClientError) -> PublishResult {
        try await call("DELETE", "/admin/v1/records/\(record)" + (undo ? "?undo=true" : ""), nil)
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
        var request = HTTPClientRequest(method: HTTPMethod(rawValue: method), target: path,
                                        body: body.map(CanonicalJSON.encode) ?? [])
        if body != nil { request.headers.add("Content-Type", "application/json") }
        let response = try await send(request)
        let status = response.status.code
        let json = try? CanonicalJSON.decode(response.body)
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

/// The admin client is a writer too: the CLI can hold `any NodeWriting` whether it signs locally
/// (``LocalNodeWriter``) or hands the write to a running server.
extension AdminClient: NodeWriting {}

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

    /// What failed.
    public let code: Code
    /// What went wrong, for people.
    public let message: String
    /// The HTTP status, for `refused`.
    public let status: Int?
    /// The API's error code (`rejected`, `invalid_body`, …), for `refused`.
    public let serverCode: String?
    /// The underlying error, if any.
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

extension AdminClient {
    /// Hands roster updates (JSON Lines) to the running server (`POST /admin/v1/roster`), so its
    /// roster, key directory and federation port take them at once; the intake as JSON.
    public func roster(lines: [[UInt8]]) async throws(AdminClientError) -> JSONValue {
        var request = HTTPClientRequest(method: .post, target: "/admin/v1/roster", body: lines.flatMap { $0 + [0x0A] })
        request.headers.add("Content-Type", "application/x-ndjson")
        let response = try await send(request)
        let json = try? CanonicalJSON.decode(response.body)
        guard response.status.code == 200, let json else {
            throw AdminClientError(.refused, json?["error"]?["message"]?.stringValue ?? "the server answered \(response.status.code)",
                                   status: response.status.code, serverCode: json?["error"]?["code"]?.stringValue)
        }
        return json
    }
}
