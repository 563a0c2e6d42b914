import AgoraCore
public import AgoraStore
import AgoraHTTP

/// The sync work `agora sync` and `agora import` hand to a running server (``AdminSyncAPI``).
extension AdminClient {
    /// Runs one sync round on the server (`POST /admin/v1/sync`), with every peer or only `peer`.
    public func sync(peer: String?) async throws(AdminClientError) -> [Store.SyncAttempt] {
        let query = peer.map { "?peer=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? ""
        let json = try await exchange(HTTPClientRequest(method: .post, target: "/admin/v1/sync" + query))
        guard let attempts = json["attempts"]?.arrayValue?.compactMap(Store.SyncAttempt.init(json:)) else {
            throw AdminClientError(.protocolError, "the server's answer is not a list of sync attempts")
        }
        return attempts
    }

    /// Changes received so far in the server's current sessions, summed over peers.
    public func syncProgress() async throws(AdminClientError) -> Int {
        let json = try await exchange(HTTPClientRequest(method: .get, target: "/admin/v1/sync/progress"))
        return Int(json["received"]?.objectValue?.values.compactMap(\.numberValue).reduce(0, +) ?? 0)
    }

    /// Hands one batch of JSON Lines to the server's import (`POST /admin/v1/import`); its
    /// report, refusals numbered by `line` (the batch's line 1 is `line(1)`).
    public func importBatch(_ body: [UInt8], line: @escaping @Sendable (Int) -> Int) async throws(AdminClientError) -> ImportReport {
        var request = HTTPClientRequest(method: .post, target: "/admin/v1/import", body: body)
        request.headers.add("Content-Type", "application/jsonl")
        guard let report = ImportReport(json: try await exchange(request), line: line) else {
            throw AdminClientError(.protocolError, "the server's answer is not an import report")
        }
        return report
    }

    /// Sends `request` with no time limit on the answer (a round or a batch may take long) and
    /// decodes the JSON answer; a non-200 is `refused`.
    func exchange(_ request: HTTPClientRequest) async throws(AdminClientError) -> JSONValue {
        let response = try await AdminClient(socketPath: socketPath, timeout: Self.handedWorkTimeout).send(request)
        let json = try? CanonicalJSON.decode(response.body)
        guard response.status.code == 200, let json else {
            throw AdminClientError(.refused, json?["error"]?["message"]?.stringValue ?? "the server answered \(response.status.code)",
                                   status: response.status.code, serverCode: json?["error"]?["code"]?.stringValue)
        }
        return json
    }

    /// How long handed sync work may take before the CLI gives up waiting (1 hour: a backfill
    /// round of a large catalog is long).
    public static let handedWorkTimeout = Duration.seconds(3_600)
}
