public import AgoraCore
import AgoraHTTP

extension AdminClient {
    /// The running server's sync status with its private figures (`GET /admin/v1/status`):
    /// what ``NodeSyncStatus/json(includePrivate:)`` makes, from the server's writer-kept set.
    public func syncStatus() async throws(AdminClientError) -> JSONValue {
        let response = try await send(HTTPClientRequest(method: .get, target: "/admin/v1/status"))
        let json = try? CanonicalJSON.decode(response.body)
        guard response.status.code == 200, let json else {
            throw AdminClientError(.refused, json?["error"]?["message"]?.stringValue ?? "the server answered \(response.status.code)",
                                   status: response.status.code, serverCode: json?["error"]?["code"]?.stringValue)
        }
        return json
    }
}
