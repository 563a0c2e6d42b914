public import AgoraHTTP
import AgoraCore
import AgoraStore
import Foundation

/// The web catalog: server-rendered HTML pages for policy staff, and Atom feeds, on the
/// node's public port beside the JSON API.
///
/// Pages: `/` (search), `/records/{city}/{kind}/{slug}` (a record, with `/dcat` for its
/// DCAT-AP form), `/cities/{city}`, `/overview`, `/feeds/atom` (with `city` or `theme`), and
/// `/static/agora.css`. No page needs JavaScript; every response carries the headers of
/// ``WebSecurity``. See `docs/WEB.md`.
public struct WebCatalog: Sendable {
    /// The catalog it reads.
    public let source: CatalogSource
    /// The staff pages (sign-in and publishing), when the node can sign.
    public let staff: WebStaff?
    /// A catalog over `source`, with `staff` pages when given.
    public init(source: CatalogSource, staff: WebStaff? = nil) {
        self.source = source
        self.staff = staff
    }

    /// Adds the pages to `router`, and HTML 404 pages for paths outside `/api/`.
    public func install(into router: inout Router) {
        let pages: [(String, @Sendable (HTTPRequest, WebPage) async throws -> HTTPResponse)] = [
            ("/", searchPage), ("/search", searchPage), ("/records/:city/:kind/:slug", recordPage),
            ("/records/:city/:kind/:slug/dcat", recordDCAT), ("/cities/:city", cityPage),
            ("/overview", overviewPage), ("/feeds/atom", feed),
        ]
        for (pattern, handler) in pages {
            router.get(pattern) { request in await Self.respond(request, handler) }
        }
        router.add(.get, WebStatic.stylesheetPath, immediate: WebStatic.stylesheet)
        staff?.install(into: &router, store: source.store)
        let apiNotFound = router.notFound
        router.notFound = { request in
            if request.path.hasPrefix("/api/") { return await apiNotFound(request) }
            return WebPage(request).errorPage(.notFound, titleKey: "error.notFound.title", detailKey: "error.notFound.detail")
        }
    }

    /// The handler's response; a failure to read the store becomes a 503 page.
    static func respond(_ request: HTTPRequest,
                        _ handler: @Sendable (HTTPRequest, WebPage) async throws -> HTTPResponse) async -> HTTPResponse {
        let page = WebPage(request)
        do {
            return try await handler(request, page)
        } catch is WebNotFound {
            return page.errorPage(.notFound, titleKey: "error.notFound.title", detailKey: "error.notFound.detail")
        } catch {
            return page.errorPage(.serviceUnavailable, titleKey: "error.unavailable.title", detailKey: "error.unavailable.detail")
        }
    }

    /// `compute`'s value for `key`, through the source's cache (``CatalogSource/cached(_:bytes:_:)``).
    func cached<T: Sendable>(_ key: String, bytes: (T) -> Int, _ compute: () async throws -> T) async throws -> T {
        try await source.cached(key, bytes: bytes, compute)
    }

    /// Searches through the source's cache.
    func search(_ query: SearchQuery) async throws -> SearchResults {
        try await source.search(query)
    }
}

extension WebCatalog {
    /// How often the warmer looks at the store's version.
    static let warmingInterval = Duration.seconds(2)

    /// Keeps the answer of the empty search (the front page, the overview and the counts over
    /// the whole catalog) computed in the background: whenever the store's version moves, it is
    /// computed again, so no reader waits for counts over every record. Ends when the store can
    /// no longer be read (the server shut down) or the task is cancelled.
    public func keepWarm() -> Task<Void, Never> {
        let catalog = self
        return Task.detached(priority: .background) {
            while !Task.isCancelled {
                do { _ = try await catalog.search(SearchForm().query) } catch { return }
                try? await Task.sleep(for: Self.warmingInterval)
            }
        }
    }
}

/// Thrown by a page handler for a resource that does not exist: a 404 page.
struct WebNotFound: Error {}
