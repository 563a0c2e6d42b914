public import AgoraHTTP
import AgoraCore

/// The sync routes of the federation port (`protocol/SYNC.md`, "HTTP"), behind the roster
/// authorisation of ``FederationAPI``:
///
/// - `POST /federation/v1/reconcile`: one binary reconciliation message each way, the session
///   named by the `Agora-Sync-Session` header;
/// - `POST /federation/v1/changes/fetch`: ids and key ranges in, JSON Lines of wire-form changes out,
///   streamed chunked a page at a time;
/// - `POST /federation/v1/changes`: a JSON Lines batch in, ingested as `agora import` does.
///
/// Every refusal is a `400` or `413` with a code, counted in ``FederationSync/refusals``.
public struct FederationSyncAPI: Sendable {
    /// The answering side.
    public let sync: FederationSync

    /// The routes over `sync`.
    public init(sync: FederationSync) { self.sync = sync }

    /// Adds the routes to `router`.
    public func install(into router: inout Router) {
        router.post("/federation/v1/reconcile") { [sync] request in await Self.reconcile(request, sync) }
        router.post("/federation/v1/changes/fetch") { [sync] request in await Self.fetch(request, sync) }
        router.post("/federation/v1/changes") { [sync] request in await Self.push(request, sync) }
    }

    static func refuse(_ sync: FederationSync, _ status: HTTPStatus, _ code: String, _ message: String) -> HTTPResponse {
        sync.count(code)
        return APIError(status, APIError.Code(code), message).response
    }

    static func reconcile(_ request: HTTPRequest, _ sync: FederationSync) async -> HTTPResponse {
        guard let session = request.headers[SyncWire.sessionHeader], SyncWire.isSessionName(session) else {
            return refuse(sync, .badRequest, "bad-session", "the \(SyncWire.sessionHeader) header must be 32 lowercase hex digits")
        }
        guard request.body.count <= FederationSyncLimits.maximumMessageBytes else {
            return refuse(sync, .contentTooLarge, "message-too-large", "a message is at most \(FederationSyncLimits.maximumMessageBytes) bytes")
        }
        do {
            let answer = try await sync.reconcile(request.body, session: session)
            return HTTPResponse(status: .ok, headers: ["Content-Type": "application/octet-stream"], body: answer)
        } catch let error as SyncError {
            return refuse(sync, .badRequest, error.code.name, error.message)
        } catch let error as SyncServiceError {
            return refuse(sync, .conflict, "unknown-session", error.message)
        } catch {
            return APIError(.internalServerError, .internalError, "\(error)").response
        }
    }

    static func fetch(_ request: HTTPRequest, _ sync: FederationSync) async -> HTTPResponse {
        switch SyncWire.parseFetch(request.body) {
        case .failure(let error):
            return refuse(sync, .badRequest, error.code, error.message)
        case .success(let wanted):
            var response = HTTPResponse(status: .ok, headers: ["Content-Type": "application/jsonl"])
            response.stream = sync.fetchStream(ids: wanted.ids, ranges: wanted.ranges)  // a read error cuts the answer short
            return response
        }
    }

    static func push(_ request: HTTPRequest, _ sync: FederationSync) async -> HTTPResponse {
        guard request.body.count <= FederationSyncLimits.maximumBatchBytes else {
            return refuse(sync, .contentTooLarge, "batch-too-large", "a batch is at most \(FederationSyncLimits.maximumBatchBytes) bytes")
        }
        let lines = request.body.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } + (request.body.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
        guard lines <= FederationSyncLimits.maximumBatchLines else {
            return refuse(sync, .contentTooLarge, "batch-too-large", "a batch is at most \(FederationSyncLimits.maximumBatchLines) lines")
        }
        do {
            let report = try await sync.ingest(request.body)
            if !report.refusals.isEmpty { sync.count("refused-change") }
            return JSONResponse.make(.object([
                "accepted": .number(Double(report.accepted)), "duplicates": .number(Double(report.duplicates)),
                "pending": .number(Double(report.pending)),
                "refused": .array(report.refusals.map { .object(["line": .number(Double($0.line)), "code": .string($0.code),
                                                                 "reason": .string($0.reason)]) })]))
        } catch {
            return APIError(.internalServerError, .internalError, "\(error)").response
        }
    }
}

extension FederationAPI {
    /// The port's handler with the sync routes of `sync` too: the guard, then the routes.
    public func handler(sync: FederationSync?) -> HTTPHandler {
        guard let sync else { return handler }
        var routes = router
        FederationSyncAPI(sync: sync).install(into: &routes)
        let inner = routes.handler
        return { [roster, guardian] request in
            if let refusal = guardian.refusal(for: request, roster: roster?.snapshot.roster) { return refusal }
            return await inner(request)
        }
    }
}
