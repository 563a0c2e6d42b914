public import AgoraHTTP
public import AgoraStore

/// The validated parameters of `GET /api/v1/search`.
///
/// Every parameter is checked; an unknown, repeated, malformed or out-of-range one is a 400 that
/// names it. The rules are the schema of the operation in `protocol/openapi.yaml`.
public struct SearchParameters: Sendable, Equatable {
    /// The longest `q` accepted, in characters.
    public static let maximumQueryLength = 200
    /// The largest `offset` accepted: deep paging beyond it is refused rather than scanned.
    public static let maximumOffset = 10_000
    /// The earliest and latest `year` accepted.
    public static let years = 1900...2100
    /// The record kinds.
    public static let kinds = ["practice", "pilot", "toolkit"]
    /// The stages of a record's life.
    public static let stages = ["idea", "pilot", "implementation", "evaluation", "scaling", "discontinued"]
    /// The parameters this endpoint knows.
    public static let names: Set<String> = [
        "q", "kind", "city", "country", "theme", "stage", "lang", "year", "limit", "offset",
    ]

    /// The store query.
    public var query: SearchQuery
    /// The language titles are wanted in (`lang`), if any. It does not filter: a record without
    /// that language shows its original-language title.
    public var language: String?

    /// Reads and checks the query string of `request`.
    /// - Throws: ``APIError`` `invalid_parameter` naming the first bad parameter.
    public init(_ request: HTTPRequest) throws(APIError) {
        var seen = Set<String>()
        for item in request.queryItems {
            guard Self.names.contains(item.name) else {
                throw APIError.invalid(item.name, "one of \(Self.names.sorted().joined(separator: ", ")) (unknown parameter)")
            }
            guard seen.insert(item.name).inserted else { throw APIError.invalid(item.name, "given once") }
        }
        let text = request.query("q") ?? ""
        guard text.count <= Self.maximumQueryLength else {
            throw APIError.invalid("q", "at most \(Self.maximumQueryLength) characters")
        }
        let year = try Self.integer(request, "year", in: Self.years)
        let limit = try Self.integer(request, "limit", in: 1...SearchQuery.maximumLimit) ?? SearchQuery.defaultLimit
        let offset = try Self.integer(request, "offset", in: 0...Self.maximumOffset) ?? 0
        query = SearchQuery(
            text: text, kind: try Self.member(request, "kind", of: Self.kinds),
            city: try Self.matching(request, "city", ParameterSyntax.isCityID, "a city id such as 'tirana'"),
            country: try Self.matching(request, "country", ParameterSyntax.isCountryCode, "an ISO 3166-1 alpha-2 code such as 'AL'"),
            theme: try Self.matching(request, "theme", ParameterSyntax.isThemeID, "a theme id such as 'transparency/open-data'"),
            stage: try Self.member(request, "stage", of: Self.stages),
            language: nil, year: year, limit: limit, offset: offset)
        language = try Self.matching(request, "lang", ParameterSyntax.isLanguageTag, "a BCP-47 language tag such as 'sq' or 'pt-BR'")
    }

    static func integer(_ request: HTTPRequest, _ name: String, in range: ClosedRange<Int>) throws(APIError) -> Int? {
        guard let text = request.query(name) else { return nil }
        guard text.utf8.count <= 6, !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let value = Int(text), range.contains(value) else {
            throw APIError.invalid(name, "an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func member(_ request: HTTPRequest, _ name: String, of values: [String]) throws(APIError) -> String? {
        guard let text = request.query(name) else { return nil }
        guard values.contains(text) else { throw APIError.invalid(name, "one of \(values.joined(separator: ", "))") }
        return text
    }

    static func matching(_ request: HTTPRequest, _ name: String, _ isValid: (String) -> Bool,
                         _ expected: String) throws(APIError) -> String? {
        guard let text = request.query(name) else { return nil }
        guard isValid(text) else { throw APIError.invalid(name, expected) }
        return text
    }
}
