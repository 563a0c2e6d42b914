import AgoraCore
import Foundation
import AgoraHTTP
import AgoraStore

/// `GET /api/v1/search` and `GET /api/v1/cities`.
extension PublicAPI {
    @Sendable func search(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        let parameters = try SearchParameters(request)
        let results = try await reading { try await source.search(parameters.query, limits: queryLimits) }
        let query = parameters.query
        let end = query.offset + results.hits.count
        let facets = results.facets.mapValues { counts in
            JSONValue.array(counts.map { .object(["value": .string($0.value), "count": .number(Double($0.count))]) })
        }
        return JSONResponse.make(.object([
            "total": .number(Double(results.total)),
            "capped": .bool(results.capped),
            "offset": .number(Double(query.offset)),
            "limit": .number(Double(query.limit)),
            "nextOffset": end < results.total && !results.hits.isEmpty ? .number(Double(end)) : .null,
            "hits": .array(results.hits.map { Self.json(hit: $0, language: parameters.language) }),
            "facets": .object(facets),
        ]))
    }

    static func json(hit: SearchHit, language: String?) -> JSONValue {
        let view = (try? RecordView(stateJSON: hit.state)) ?? RecordView(state: .object([:]))
        let title = Self.title(of: view, in: language)
        var object: [String: JSONValue] = [
            "id": .string(hit.id),
            "title": title.map { .string($0.text) } ?? .null,
            "titleLanguage": title.map { .string($0.language) } ?? .null,
            "snippet": .string(HTMLText.markedSnippet(hit.snippet)),
            "score": .number(hit.score.isFinite ? hit.score : 0),
        ]
        object["kind"] = hit.kind.map(JSONValue.string) ?? .null
        object["city"] = hit.city.map(JSONValue.string) ?? .null
        object["country"] = hit.country.map(JSONValue.string) ?? .null
        object["stage"] = hit.stage.map(JSONValue.string) ?? .null
        object["year"] = hit.year.map { .number(Double($0)) } ?? .null
        object["illustrative"] = .bool(view.document["illustrative"]?.boolValue ?? false)
        return .object(object)
    }

    /// The title in `language` (or its primary subtag) if the record has it, else in its original
    /// language, else in the first language by tag; with the tag it is in.
    static func title(of view: RecordView, in language: String?) -> (text: String, language: String)? {
        let titles = view.text("title")
        var candidates: [String] = []
        if let language { candidates += [language, ParameterSyntax.primaryLanguage(language)] }
        if let original = view.originalLanguage { candidates.append(original) }
        for tag in candidates + titles.keys.sorted() {
            if let text = titles[tag] { return (text, tag) }
        }
        return nil
    }

    /// Every city with records on this node, with its country and record count, by id.
    ///
    /// It takes one search without words per city (read from the counts the writer keeps), and
    /// the answer is kept in the source's cache until the store's version moves.
    @Sendable func cities(_ request: HTTPRequest) async throws(APIError) -> HTTPResponse {
        try Self.noParameters(request)
        let store = source.store
        let limits = queryLimits
        let body = try await reading {
            try await source.cached("cities", bytes: { _ in 64 * 1_024 }) {
                let all = try await store.search(SearchQuery(limit: 1), limits: limits)
                var cities: [JSONValue] = []
                for facet in (all.facets["city"] ?? []).sorted(by: { $0.value < $1.value }) {
                    let sample = try await store.search(SearchQuery(city: facet.value, limit: 1), limits: limits)
                    cities.append(.object([
                        "id": .string(facet.value),
                        "country": sample.hits.first?.country.map(JSONValue.string) ?? .null,
                        "records": .number(Double(facet.count)),
                        "kinds": .object(Dictionary(uniqueKeysWithValues: (sample.facets["kind"] ?? []).map {
                            ($0.value, JSONValue.number(Double($0.count)))
                        })),
                    ]))
                }
                return JSONValue.object(["cities": .array(cities)])
            }
        }
        return JSONResponse.make(body)
    }
}
