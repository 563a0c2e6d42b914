import AgoraStore

/// Searches and page data kept in ``CatalogSource/cache`` until the store's version moves, so
/// the web pages and the JSON API answer a repeated request from memory (`docs/WEB.md`, "Speed").
extension CatalogSource {
    /// `compute`'s value for `key` at the store's current version, computed at most once per
    /// version while it stays in the cache. `bytes` estimates a value's size for the cache's budget.
    func cached<T: Sendable>(_ key: String, bytes: (T) -> Int, _ compute: () async throws -> T) async throws -> T {
        let version = try await store.version()
        if let value: T = cache.value(for: key, version: version) { return value }
        let value = try await compute()
        cache.store(value, bytes: bytes(value), for: key, version: version)
        return value
    }

    /// ``Store/search(_:limits:)`` through the cache.
    func search(_ query: SearchQuery, limits: QueryLimits = .unlimited) async throws -> SearchResults {
        let parts: [String?] = [query.text, query.kind, query.city, query.country, query.theme, query.stage, query.language,
                                query.year.map(String.init), String(query.limit), String(query.offset),
                                query.highlight.open, query.highlight.close]
        let key = "search\u{0}" + parts.map { $0 ?? "\u{1}" }.joined(separator: "\u{0}")
        return try await cached(key, bytes: \.approximateBytes) { try await store.search(query, limits: limits) }
    }
}

extension SearchResults {
    /// About how many bytes the results hold (their strings' UTF-8 and a fixed cost per item).
    var approximateBytes: Int {
        hits.approximateBytes + facets.values.reduce(0) { sum, counts in
            sum + counts.reduce(0) { $0 + $1.value.utf8.count + 48 }
        }
    }
}

extension [SearchHit] {
    /// About how many bytes the hits hold.
    var approximateBytes: Int {
        reduce(0) { $0 + $1.id.utf8.count + $1.state.utf8.count + $1.snippet.utf8.count + 160 }
    }
}
