/// What a server calls for each request.
public typealias HTTPHandler = @Sendable (HTTPRequest) async -> HTTPResponse

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
        let segments = Self.parts(of: pattern).map { part -> Segment in
            if part.hasPrefix(":") { return .parameter(String(part.dropFirst())) }
            if part.hasPrefix("*") { return .rest(String(part.dropFirst())) }
            return .literal(part)
        }
        routes.append(Route(method: method, segments: segments, handler: handler))
        routes = Self.bySpecificity(routes)
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
        guard let decoded = Self.decodedSegments(path) else { return .notFound }
        var allowed: [HTTPMethod] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, decoded) else { continue }
            if route.method == method { return .found(route.handler, parameters: parameters) }
            allowed.append(route.method)
        }
        if method == .head, allowed.contains(.get), let get = routes.first(where: {
            $0.method == .get && Self.match($0.segments, decoded) != nil
        }) {
            return .found(get.handler, parameters: Self.match(get.segments, decoded) ?? [:])
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
