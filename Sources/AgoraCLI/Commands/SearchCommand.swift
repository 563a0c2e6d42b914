import AgoraCore
import AgoraNode
import AgoraStore
import Foundation

/// `agora search`: full-text search with filters over every language of the catalog.
enum SearchCommand {
    /// Marks around the matched words in snippets.
    static let highlight = (open: "«", close: "»")

    static let spec = CommandSpec(
        "search", summary: "Search the catalog in any language",
        discussion: """
        Every word matches by prefix, without diacritics and case ("dhena" finds "dhënat",
        "цифрови" finds "цифровите"); all words must match. An empty QUERY lists the newest records.
        The table shows each hit's id, city, kind and title (in --lang when it has one), and under
        it a snippet with the matched words in «». --json prints the hits and the facet counts.
        """,
        options: [
            OptionSpec("kind", valueName: "KIND", help: "Only this kind", choices: RecordKind.allCases.map(\.rawValue)),
            OptionSpec("city", valueName: "ID", help: "Only records of this city"),
            OptionSpec("country", valueName: "CC", help: "Only records of this country"),
            OptionSpec("theme", valueName: "THEME", help: "Only this theme (a level-1 id covers its level-2 themes)"),
            OptionSpec("lang", short: "l", valueName: "TAG", help: "Only records with text in this language; titles are shown in it"),
            OptionSpec("stage", valueName: "STAGE", help: "Only this stage"),
            OptionSpec("year", valueName: "YYYY", help: "Only records that started this year"),
            OptionSpec("limit", short: "n", valueName: "N", help: "How many hits (1-\(SearchQuery.maximumLimit))", defaultValue: String(SearchQuery.defaultLimit)),
            OptionSpec("offset", valueName: "N", help: "Skip this many hits", defaultValue: "0"),
            .flag("json", help: "Print hits and facets as JSON"),
        ],
        positionals: [PositionalSpec("QUERY", help: "Words to find", isOptional: true, isRepeated: true)],
        examples: ["agora search 'të dhëna'", "agora search цифрови права --kind pilot", "agora search open data --city tirana --json"],
        action: run)

    @Sendable static func run(_ context: CommandContext) async throws -> ExitCode {
        let args = context.arguments
        let limit = try args.value("limit", as: Int.self) ?? SearchQuery.defaultLimit
        guard (1...SearchQuery.maximumLimit).contains(limit) else {
            throw CLIError.usage("invalid value '\(limit)' for --limit: expected 1 to \(SearchQuery.maximumLimit)")
        }
        let offset = try args.value("offset", as: Int.self) ?? 0
        guard offset >= 0 else { throw CLIError.usage("invalid value '\(offset)' for --offset: expected 0 or more") }
        let query = SearchQuery(
            text: args.positionalList("QUERY").joined(separator: " "), kind: args.string("kind"), city: args.string("city"),
            country: args.string("country"), theme: args.string("theme"), stage: args.string("stage"),
            language: args.string("lang"), year: try args.value("year", as: Int.self), limit: limit, offset: offset,
            highlight: highlight)
        let results = try await context.withNode(writable: false) { try await $0.search(query) }
        if args.flag("json") {
            context.out.line(String(decoding: CanonicalJSON.encode(json(results, language: args.string("lang"))), as: UTF8.self))
        } else {
            context.out.write(table(results, language: args.string("lang"), offset: offset))
        }
        return .success
    }

    static func title(of hit: SearchHit, language: String?) -> String {
        (try? RecordView(stateJSON: hit.state))?.text("title", in: language) ?? ""
    }

    static func table(_ results: SearchResults, language: String?, offset: Int) -> String {
        guard !results.hits.isEmpty else { return "no records match (\(results.total) in all)\n" }
        var table = TextTable(header: ["ID", "CITY", "KIND", "TITLE"], uncut: [0])
        for hit in results.hits {
            table.append([hit.id, hit.city ?? "", hit.kind ?? "", title(of: hit, language: language)], detail: hit.snippet)
        }
        let shown = "\(offset + 1)-\(offset + results.hits.count) of \(results.total)"
        var text = table.render() + "\n\(shown) records"
        for facet in ["kind", "city"] {
            let counts = (results.facets[facet] ?? []).map { "\($0.value) \($0.count)" }
            if !counts.isEmpty { text += " · \(facet): " + counts.joined(separator: ", ") }
        }
        return text + "\n"
    }

    static func json(_ results: SearchResults, language: String?) -> JSONValue {
        let hits = results.hits.map { hit -> JSONValue in
            var object: [String: JSONValue] = ["id": .string(hit.id), "title": .string(title(of: hit, language: language)),
                                               "snippet": .string(hit.snippet), "score": .number(hit.score)]
            for (key, value) in [("kind", hit.kind), ("city", hit.city), ("country", hit.country), ("stage", hit.stage)] {
                object[key] = value.map(JSONValue.string) ?? .null
            }
            object["year"] = hit.year.map { .number(Double($0)) } ?? .null
            return .object(object)
        }
        let facets = results.facets.mapValues { counts in
            JSONValue.array(counts.map { .object(["value": .string($0.value), "count": .number(Double($0.count))]) })
        }
        return .object(["total": .number(Double(results.total)), "hits": .array(hits), "facets": .object(facets)])
    }
}
