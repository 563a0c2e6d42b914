public import AgoraHTTP
import AgoraCore
import AgoraStore

/// A handler of the JSON API: a response, or an ``APIError`` to send as JSON.
typealias APIHandler = @Sendable (HTTPRequest) async throws -> HTTPResponse

/// The public read API: JSON, no authentication, CORS for reads, ETag on every 200.
///
/// Routes (all described in `protocol/openapi.yaml`):
/// `GET /api/v1/search`, `GET /api/v1/records/{city}/{kind}/{slug}`, `…/history`,
/// `GET /api/v1/cities`, `GET /api/v1/export`, `GET /healthz`, `GET /readyz`.
/// Each also answers HEAD, and OPTIONS as a CORS preflight.
public struct PublicAPI: Sendable {
    /// The catalog it reads.
    public let source: CatalogSource
    /// The exports streaming now, within `source.limits`.
    let exports: ExportGate

    /// An API over `source`.
    public init(source: CatalogSource) {
        self.source = source
        self.exports = ExportGate(limits: source.limits)
    }

    /// Bounds on every database read of a request.
    var queryLimits: QueryLimits { source.limits.query }

    /// How a route answers: with awaits (a task per request), or at once on the server's
    /// event-loop thread (`Router.add(_:_:immediate:)`), for answers that need no await.
    enum RouteHandler {
        case waiting(APIHandler)
        case immediate(@Sendable (HTTPRequest) throws(APIError) -> HTTPResponse)
    }

    /// The read routes, each as (path pattern, handler).
    var routes: [(String, RouteHandler)] {
        [
            ("/api/v1/search", .waiting(search)),
            ("/api/v1/records/:city/:kind/:slug", .waiting(record)),
            ("/api/v1/records/:city/:kind/:slug/history", .waiting(history)),
            ("/api/v1/cities", .waiting(cities)),
            ("/api/v1/export", .waiting(export)),
            ("/healthz", .immediate(Self.health)),  // load balancers call it often
            ("/readyz", .waiting(readiness)),
        ]
    }

    /// Adds the read routes to `router`, and JSON 404 and 405 bodies.
    public func install(into router: inout Router) {
        for (pattern, handler) in routes {
            switch handler {
            case .waiting(let handler):
                router.get(pattern) { request in
                    JSONResponse.cacheable(await Self.respond(request, with: handler), for: request)
                }
            case .immediate(let handler):
                router.add(.get, pattern, immediate: { request in
                    let response: HTTPResponse
                    do throws(APIError) { response = try handler(request) } catch { response = error.response }
                    return JSONResponse.cacheable(response, for: request)
                })
            }
            let checksRecordID = pattern.contains(":slug")
            router.add(.options, pattern) { request in
                await Self.respond(request) { request in
                    if checksRecordID { _ = try Self.recordID(request) }
                    return JSONResponse.preflight(request)
                }
            }
        }
        Self.installErrorBodies(into: &router)
    }

    /// Makes the router's 404 and 405 answers JSON errors.
    public static func installErrorBodies(into router: inout Router) {
        router.notFound = { request in APIError.notFound("no resource at \(request.path)").response }
        router.methodNotAllowed = { request in
            APIError(.methodNotAllowed, .methodNotAllowed, "\(request.method) is not allowed on \(request.path)").response
        }
    }

    /// A router with only the public API.
    public var router: Router {
        var router = Router()
        install(into: &router)
        return router
    }

    // MARK: health

    static let healthBody = JSONResponse.make(.object(["status": .string("ok")]))

    @Sendable static func health(_ request: HTTPRequest) throws(APIError) -> HTTPResponse {
        try noParameters(request)
        return healthBody
    }

    /// Ready when the node is not shutting down and a database reader answers within the API's
    /// query limits; a saturated reader pool (every reader busy) is reported at once as 503 `busy`.
    @Sendable func readiness(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        try Self.noParameters(request)
        guard source.isAcceptingRequests() else { throw APIError(.serviceUnavailable, .unavailable, "the node is shutting down") }
        let pool = source.store.readerStatus
        guard !pool.isSaturated else {
            throw APIError(.serviceUnavailable, .busy, "every database reader is busy (\(pool.busy) of \(pool.readers), \(pool.waiting) reads waiting)",
                           retryAfterSeconds: source.limits.retryAfterSeconds)
        }
        let counts = try await reading { try await source.store.counts(limits: queryLimits) }
        return JSONResponse.make(.object([
            "status": .string("ready"),
            "records": .number(Double(counts.records)), "changes": .number(Double(counts.changes)),
            "readers": .object(["size": .number(Double(pool.readers)), "busy": .number(Double(pool.busy))]),
            "exports": .number(Double(exports.streaming)),
        ]))
    }

    // MARK: helpers

    /// The handler's response, or its error as a JSON error response.
    static func respond(_ request: HTTPRequest, with handler: APIHandler) async -> HTTPResponse {
        do {
            return try await handler(request)
        } catch let error as APIError {
            return error.response
        } catch {
            return APIError(.internalServerError, .internalError, "\(error)").response
        }
    }

    /// Refuses any query parameter on an endpoint that takes none, other than `allowed`, and any
    /// allowed one given more than once (`format=csv&format=jsonl` has no single meaning).
    static func noParameters(_ request: HTTPRequest, except allowed: Set<String> = []) throws(APIError) {
        if let item = request.queryItems.first(where: { !allowed.contains($0.name) }) {
            let expected = allowed.isEmpty ? "absent (this endpoint takes no parameters)" : "one of \(allowed.sorted().joined(separator: ", ")) (unknown parameter)"
            throw APIError.invalid(item.name, expected)
        }
        var seen = Set<String>()
        if let item = request.queryItems.first(where: { !seen.insert($0.name).inserted }) {
            throw APIError.invalid(item.name, "given once")
        }
    }

    /// Runs a store read, turning a store failure into 503: `busy` when no reader was free,
    /// `query_timeout` when the query ran past its time limit (both with this API's `Retry-After`),
    /// `unavailable` otherwise.
    func reading<T: Sendable>(_ body: () async throws -> T) async throws(APIError) -> T {
        try await Self.reading(retryAfterSeconds: source.limits.retryAfterSeconds, timeLimit: queryLimits.timeLimit, body)
    }

    /// ``reading(_:)`` for code outside an API value (web pages), with the default `Retry-After`.
    static func reading<T: Sendable>(retryAfterSeconds: Int = APILimits.defaultRetryAfterSeconds, timeLimit: Duration? = nil,
                                     _ body: () async throws -> T) async throws(APIError) -> T {
        do {
            return try await body()
        } catch let error as StoreError where error.code == .busy {
            throw APIError(.serviceUnavailable, .busy, "\(error.message); retry shortly", retryAfterSeconds: retryAfterSeconds)
        } catch let error as StoreError where error.code == .timeout {
            let limit = timeLimit.map { " (\($0))" } ?? ""
            throw APIError(.serviceUnavailable, .queryTimeout,
                           "the query ran past its time limit\(limit) and was stopped; use longer words or filters",
                           retryAfterSeconds: retryAfterSeconds)
        } catch {
            throw APIError(.serviceUnavailable, .unavailable, "the catalog cannot be read now: \(error)")
        }
    }
}
