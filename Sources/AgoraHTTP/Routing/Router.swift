/// What a server calls for each request.
public typealias HTTPHandler = @Sendable (HTTPRequest) async -> HTTPResponse

/// A handler that needs no await: the server may call it on its event-loop thread.
public typealias HTTPImmediateHandler = @Sendable (HTTPRequest) -> HTTPResponse

/// A tiny router: method plus path pattern, with `:name` segments and a final `*name` catch-all.
///
/// `/records/:city/:kind/:slug` matches `/records/tirana/practice/open-data`; `/files/*path` matches
/// `/files/a/b/c` with `path = "a/b/c"`. Segments are percent-decoded before matching. A literal
/// segment beats a parameter, which beats a catch-all. A path that matches no pattern gets 404; a
/// path that matches only for other methods gets 405 with an `Allow` header. A GET route also
/// answers HEAD. It needs no server: call `respond(to:)` in a test.
public struct Router: Sendable {
    /// How a method and path resolved.
    public enum Resolution: Sendable {
        case found(HTTPHandler, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    enum Segment: Sendable, Equatable {
        case literal(String), parameter(String), rest(String)
        var rank: Int {
            switch self { case .literal: 2; case .parameter: 1; case .rest: 0 }
        }
    }

    struct Route: Sendable {
        let method: HTTPMethod
        let segments: [Segment]
        let handler: HTTPHandler
        /// The same answer without an await, for routes added with `add(_:_:immediate:)`.
        var immediate: HTTPImmediateHandler?
    }

    private var routes: [Route] = []

    /// Answers requests that match no route. Default: plain-text 404.
    public var notFound: HTTPHandler = { request in .error(.notFound, "no resource at \(request.path)") }
    /// Answers a path that exists for other methods. Default: plain-text 405. The router adds `Allow`.
    public var methodNotAllowed: HTTPHandler = { request in
        .error(.methodNotAllowed, "\(request.method) is not allowed on \(request.path)")
    }

    /// An empty router.
    public init() {}

    /// Adds a route. Patterns start with `/`; `*name` may only be the last segment.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, _ handler: @escaping HTTPHandler) {
        add(Route(method: method, segments: Self.segments(of: pattern), handler: handler))
    }

    /// Adds a route whose answer needs no await (a static health check, say). The server answers
    /// it on its event-loop thread (`immediateHandler`), without handing the request to a task
    /// and the response back: on a loaded core that saves two context switches per request.
    /// `respond(to:)` serves it like any other route.
    public mutating func add(_ method: HTTPMethod, _ pattern: String, immediate: @escaping HTTPImmediateHandler) {
        add(Route(method: method, segments: Self.segments(of: pattern), handler: { immediate($0) }, immediate: immediate))
    }

    private mutating func add(_ route: Route) {
        routes.append(route)
        routes = Self.bySpecificity(routes)
    }

    private static func segments(of pattern: String) -> [Segment] {
        parts(of: pattern).map { part -> Segment in
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            if part.hasPrefix("*") { return .rest(String(part.dropFirst())) }
            return .literal(part)
        }
    }

    /// Adds a GET route.
    public mutating func get(_ pattern: String, _ handler: @escaping HTTPHandler) { add(.get, pattern, handler) }
    /// Adds a POST route.
    public mutating func post(_ pattern: String, _ handler: @escaping HTTPHandler) { add(.post, pattern, handler) }
    /// Adds a PUT route.
    public mutating func put(_ pattern: String, _ handler: @escaping HTTPHandler) { add(.put, pattern, handler) }
    /// Adds a DELETE route.
    public mutating func delete(_ pattern: String, _ handler: @escaping HTTPHandler) { add(.delete, pattern, handler) }

    /// Which handler serves `method` on `path` (percent-encoded, without query).
    public func resolve(_ method: HTTPMethod, path: String) -> Resolution {
        switch route(method, path: path) {
        case .found(let route, let parameters): .found(route.handler, parameters: parameters)
        case .methodNotAllowed(let allowed): .methodNotAllowed(allowed: allowed)
        case .notFound: .notFound
        }
    }

    /// The answer of an immediate route for `request`, or nil when it resolves to anything else
    /// (another route, 404, 405): the server then runs `handler` as usual.
    public func immediateResponse(to request: HTTPRequest) -> HTTPResponse? {
        guard case .found(let route, let parameters) = route(request.method, path: request.path),
              let immediate = route.immediate
        else { return nil }
        var routed = request
        routed.pathParameters = parameters
        return immediate(routed)
    }

    /// This router's immediate routes as a server's immediate handler.
    public var immediateHandler: @Sendable (HTTPRequest) -> HTTPResponse? {
        let router = self
        return { request in router.immediateResponse(to: request) }
    }

    private enum RouteResolution {
        case found(Route, parameters: [String: String])
        case methodNotAllowed(allowed: [HTTPMethod])
        case notFound
    }

    private func route(_ method: HTTPMethod, path: String) -> RouteResolution {
        guard let decoded = Self.decodedSegments(path) else { return .notFound }
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, decoded) else { continue }
            if route.method == method { return .found(route, parameters: parameters) }
            allowed.append(route.method)
        }
        if method == .head, allowed.contains(.get), let get = routes.first(where: {
            $0.method == .get && Self.match($0.segments, decoded) != nil
        }) {
            return .found(get, parameters: Self.match(get.segments, decoded) ?? [:])
        }
        if allowed.isEmpty { return .notFound }
        if allowed.contains(.get) { allowed.append(.head) }
        var seen = Set<HTTPMethod>()
        return .methodNotAllowed(allowed: allowed.filter { seen.insert($0).inserted })
    }

    /// The response for `request`: the matched handler's, or 404 / 405.
    public func respond(to request: HTTPRequest) async -> HTTPResponse {
        switch resolve(request.method, path: request.path) {
        case .found(let handler, let parameters):
            var routed = request
            routed.pathParameters = parameters
            return await handler(routed)
        case .methodNotAllowed(let allowed):
            var response = await methodNotAllowed(request)
            response.headers.set("Allow", allowed.map(\.rawValue).joined(separator: ", "))
            return response
        case .notFound:
            return await notFound(request)
        }
    }

    /// This router as a server handler.
    public var handler: HTTPHandler {
        let router = self
        return { request in await router.respond(to: request) }
    }

    static func parts(of path: String) -> [String] {
        path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    static func decodedSegments(_ path: String) -> [String]? {
        guard path.hasPrefix("/") else { return nil }
        var out: [String] = []
        for part in parts(of: path) {
            guard let decoded = PercentEncoding.decode(part) else { return nil }
            out.append(decoded)
        }
        return out
    }

    static func match(_ pattern: [Segment], _ path: [String]) -> [String: String]? {
        var parameters: [String: String] = [:]
        for (index, segment) in pattern.enumerated() {
            switch segment {
            case .rest(let name):
                guard index < path.count else { return nil }
                parameters[name] = path[index...].joined(separator: "/")
                return parameters
            case .literal(let text):
                guard index < path.count, path[index] == text else { return nil }
            case .parameter(let name):
                guard index < path.count, !path[index].isEmpty else { return nil }
                parameters[name] = path[index]
            }
        }
        return pattern.count == path.count ? parameters : nil
    }

    static func bySpecificity(_ routes: [Route]) -> [Route] {
        routes.enumerated().sorted { a, b in
            let ra = a.element.segments.map(\.rank), rb = b.element.segments.map(\.rank)
            if ra != rb { return ra.lexicographicallyPrecedes(rb) == false }
            return a.offset < b.offset
        }.map(\.element)
    }
}
