public import AgoraCore
public import AgoraHTTP
import Foundation

/// Sync with one peer over its federation port (`protocol/SYNC.md`, "HTTP"): mutual TLS with
/// this node's certificate, the peer's pin checked before any byte is sent, and the client's
/// keep-alive pool reusing one connection for every request of a round.
public struct HTTPSyncTransport: SyncTransport {
    /// The client (it carries our certificate and the pool).
    public let client: HTTPClient
    /// The peer's federation port, with its pin.
    public let endpoint: HTTPEndpoint
    /// The path the federation URL puts before `/federation/v1/...` (empty for none).
    public let basePath: String

    /// A transport to the federation URL `url` (https) whose certificate must have pin `pin`.
    /// - Throws: ``SyncPeerError`` `bad-url` unless `url` is an https URL with a host.
    public init(client: HTTPClient, federationURL url: String, pin: String) throws {
        guard let parts = URLComponents(string: url), parts.scheme == "https", let host = parts.host, !host.isEmpty else {
            throw SyncPeerError("bad-url", "\(url) is not an https URL")
        }
        self.client = client
        endpoint = .tls(host: host, port: UInt16(parts.port ?? 443), pin: pin)
        basePath = parts.path.hasSuffix("/") ? String(parts.path.dropLast()) : parts.path
    }

    public func reconcile(_ message: [UInt8], session: String) async throws -> [UInt8] {
        try await post("/federation/v1/reconcile", message, type: "application/octet-stream", headers: [SyncWire.sessionHeader: session])
    }

    /// The JSON Lines of the peer's changes among `ids` and in `ranges` (at most one answer's worth).
    public func fetch(ids: [SyncID], ranges: [(lower: SyncKey, upper: SyncKey)]) async throws -> [UInt8] {
        try await post("/federation/v1/changes/fetch", SyncWire.fetchBody(ids: ids, ranges: ranges), type: "application/json")
    }

    /// Pushes a JSON Lines batch; the number of changes the peer newly stored.
    public func push(_ batch: [UInt8]) async throws -> Int {
        let answer = try await post("/federation/v1/changes", batch, type: "application/jsonl")
        guard let report = try? CanonicalJSON.decode(answer), let accepted = report["accepted"]?.numberValue else {
            throw SyncPeerError("bad-answer", "the peer's answer to a pushed batch is not its report")
        }
        return Int(accepted)
    }

    private func post(_ path: String, _ body: [UInt8], type: String, headers extra: [String: String] = [:]) async throws -> [UInt8] {
        var headers: HTTPHeaders = ["Content-Type": type]
        for (name, value) in extra { headers.set(name, value) }
        let response: HTTPClientResponse
        do {
            response = try await client.send(HTTPClientRequest(method: .post, target: basePath + path, headers: headers, body: body), to: endpoint)
        } catch let error as HTTPClientError {
            throw SyncPeerError(Self.code(error), "\(path): \(error)")
        } catch {
            throw SyncPeerError("unreachable", "\(endpoint): \(error)")
        }
        guard response.status.code == 200 else {
            let json = try? CanonicalJSON.decode(response.body)
            let code = json?["error"]?["code"]?.stringValue ?? "http-\(response.status.code)"
            let message = json?["error"]?["message"]?.stringValue ?? ""
            throw SyncPeerError(code, "\(path) answered \(response.status.code) \(message)")
        }
        return response.body
    }

    /// The attempt's error code for a failed exchange: the peer could not be reached (`unreachable`),
    /// presented another certificate (`pin-mismatch`), cut its answer short (`truncated-answer`),
    /// sent one that is not HTTP or breaks a limit (`bad-answer`), or took too long (`timeout`).
    static func code(_ error: HTTPClientError) -> String {
        switch error.code {
        case .pinMismatch: "pin-mismatch"
        case .read: "truncated-answer"
        case .malformedResponse: "bad-answer"
        case .timeout: error.step == .connect || error.step == .handshake ? "unreachable" : "timeout"
        default: "unreachable"
        }
    }
}

/// Why sync with a peer failed, with a stable code (`unreachable`, `pin-mismatch`, `timeout`,
/// `truncated-answer`, `bad-answer`, `refused-changes`, `bad-url`, or the peer's own error code,
/// e.g. `unknown-pin`). See `protocol/SYNC.md` 10.
public struct SyncPeerError: Error, Sendable, CustomStringConvertible {
    /// The stable code.
    public let code: String
    /// What happened.
    public let message: String
    /// An error with `code` and `message`.
    public init(_ code: String, _ message: String) {
        self.code = code
        self.message = message
    }
    public var description: String { "\(code): \(message)" }
}
