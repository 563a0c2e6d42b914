public import AgoraHTTP
public import AgoraStore
import AgoraCore
import Foundation

/// The admin routes that hand sync work to the running server, so `agora sync` and `agora import`
/// work while `agora serve` holds the store (and the engine sees every change they store):
///
/// - `POST /admin/v1/sync[?peer=CITY]`: one round by hand; `{"attempts": [attempt, …]}`;
/// - `GET /admin/v1/sync/progress`: changes received so far in each peer's current session;
/// - `POST /admin/v1/import`: a JSON Lines batch ingested as `agora import` does; its report.
///
/// Guarded like ``AdminAPI`` (the admin socket, or loopback with the token). See `docs/API.md`.
public struct AdminSyncAPI: Sendable {
    /// The largest import batch body (bytes), under the HTTP server's 1 MiB body limit: the CLI
    /// sends a file in batches of at most this many bytes and ``maximumImportBatchLines`` lines.
    public static let maximumImportBatchBytes = 1_000_000
    /// The most lines in one import batch (one store transaction's worth).
    public static let maximumImportBatchLines = LocalNode.importBatchSize

    /// The engine (and through it the node).
    public let engine: SyncEngine

    /// The routes over `engine`.
    public init(engine: SyncEngine) { self.engine = engine }

    /// Adds the routes to `router`, guarded as `access` says.
    public func install(into router: inout Router, access: AdminAPI.Access) {
        let routes: [(HTTPMethod, String, APIHandler)] = [(.post, "/admin/v1/sync", sync), (.get, "/admin/v1/sync/progress", progress),
                                                           (.post, "/admin/v1/import", importBatch)]
        for (method, pattern, handler) in routes {
            router.add(method, pattern) { request in
                await PublicAPI.respond(request) { request in
                    try AdminAPI.authorize(request, access)
                    return try await handler(request)
                }
            }
        }
    }

    @Sendable func sync(_ request: HTTPRequest) async throws -> HTTPResponse {
        try PublicAPI.noParameters(request, except: ["peer"])
        let attempts: [Store.SyncAttempt]
        do { attempts = try await engine.roundNow(with: request.query("peer")) } catch let error as NodeError {
            throw APIError(error.code == .notFound ? .notFound : .unprocessableContent, error.code == .notFound ? .notFound : .rejected, error.message)
        }
        return JSONResponse.make(.object(["attempts": .array(attempts.map(\.json))]))
    }

    @Sendable func progress(_ request: HTTPRequest) async throws -> HTTPResponse {
        try PublicAPI.noParameters(request)
        return JSONResponse.make(.object(["received": .object(engine.receivedSoFar.mapValues { .number(Double($0)) })]))
    }

    @Sendable func importBatch(_ request: HTTPRequest) async throws -> HTTPResponse {
        try PublicAPI.noParameters(request)
        guard request.body.count <= Self.maximumImportBatchBytes else {
            throw APIError(.contentTooLarge, .tooLarge, "an import batch is at most \(Self.maximumImportBatchBytes) bytes; this one is \(request.body.count)")
        }
        let lines = request.body.split(separator: 0x0A, omittingEmptySubsequences: false).count - (request.body.last == 0x0A ? 1 : 0)
        guard lines <= Self.maximumImportBatchLines else {
            throw APIError(.contentTooLarge, .tooLarge, "an import batch is at most \(Self.maximumImportBatchLines) lines; this one has \(lines)")
        }
        var remaining: Data? = request.body.isEmpty ? nil : Data(request.body)
        let report = try await engine.node.importChanges(from: LineReader { _ in
            defer { remaining = nil }
            return remaining ?? Data()
        })
        return JSONResponse.make(report.json)
    }
}

extension Store.SyncAttempt {
    /// The attempt as `agora sync --json` prints it, one object per peer.
    public var json: JSONValue {
        .object(["peer": .string(peer), "startedMs": .number(Double(startedMilliseconds)),
                 "durationMs": .number(Double(durationMilliseconds)), "roundTrips": .number(Double(roundTrips)),
                 "bytesSent": .number(Double(bytesSent)), "bytesReceived": .number(Double(bytesReceived)),
                 "changesSent": .number(Double(changesSent)), "changesReceived": .number(Double(changesReceived)),
                 "error": error.map { .string($0) } ?? .null])
    }

    /// An attempt read back from ``json``; nil when a field is missing.
    public init?(json: JSONValue) {
        func number(_ name: String) -> Int64? { json[name]?.numberValue.map { Int64($0) } }
        guard let peer = json["peer"]?.stringValue, let started = number("startedMs"), let duration = number("durationMs"),
              let roundTrips = number("roundTrips"), let sent = number("bytesSent"), let received = number("bytesReceived"),
              let changesSent = number("changesSent"), let changesReceived = number("changesReceived") else { return nil }
        self.init(peer: peer, startedMilliseconds: started, durationMilliseconds: duration, roundTrips: Int(roundTrips),
                  bytesSent: Int(sent), bytesReceived: Int(received), changesSent: Int(changesSent),
                  changesReceived: Int(changesReceived), error: json["error"]?.stringValue)
    }
}

extension ImportReport {
    /// The report as `agora import --json` prints it (without `lines` when read back from a batch).
    public var json: JSONValue {
        .object(["lines": .number(Double(total)), "accepted": .number(Double(accepted)), "duplicates": .number(Double(duplicates)),
                 "refused": .number(Double(refusals.count)),
                 "refusals": .array(refusals.map { .object(["line": .number(Double($0.line)), "code": .string($0.code), "reason": .string($0.reason)]) }),
                 "pending": .number(Double(pending)), "droppedAtCap": .number(Double(droppedAtCap))])
    }

    /// A report read back from ``json``, its refusals' line numbers mapped through `line`
    /// (a batch's line 1 is the file's line `line(1)`); nil when a field is missing.
    public init?(json: JSONValue, line: (Int) -> Int = { $0 }) {
        self.init()
        func count(_ name: String) -> Int? { json[name]?.numberValue.map { Int($0) } }
        guard let total = count("lines"), let accepted = count("accepted"), let duplicates = count("duplicates"),
              let refusals = json["refusals"]?.arrayValue else { return nil }
        self.total = total
        self.accepted = accepted
        self.duplicates = duplicates
        self.pending = count("pending") ?? 0
        self.droppedAtCap = count("droppedAtCap") ?? 0
        self.refusals = refusals.compactMap { r in
            guard let n = r["line"]?.numberValue, let code = r["code"]?.stringValue, let reason = r["reason"]?.stringValue else { return nil }
            return Refusal(line: line(Int(n)), code: code, reason: reason)
        }
    }
}
