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
        The table shows each hit's id, city, kind, and title in one language, marked in LANG: the
        reader's (--lang, else the locale of LC_ALL or LANG) when the record has it, else the
        record's original language. Under it, the line of the snippet with the matched words in «».
        --json prints the hits (with their rank and relevance, higher is better) and the facet counts.
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
        let language = preferredLanguage(context)
        if args.flag("json") {
            context.out.line(String(decoding: CanonicalJSON.encode(json(results, language: language, offset: offset)), as: UTF8.self))
        } else {
            context.out.write(table(results, language: language, offset: offset))
        }
        return .success
    }

    /// The hit's title in `language` (else its original language, else any) and the tag of the text shown.
    static func title(of hit: SearchHit, language: String?) -> (text: String, language: String) {
        guard let view = try? RecordView(stateJSON: hit.state) else { return ("", "") }
        let titles = view.text("title")
        let tag = [language, view.originalLanguage].compactMap { $0 }.first { titles[$0] != nil } ?? titles.keys.sorted().first
        return (tag.flatMap { titles[$0] } ?? "", tag ?? "")
    }

    /// The language the reader prefers: `--lang`, else the locale of `LC_ALL`, `LC_MESSAGES` or
    /// `LANG` (`bg_BG.UTF-8` gives `bg`); nil for the C locale or none.
    static func preferredLanguage(_ context: CommandContext) -> String? {
        if let language = context.arguments.string("lang") { return language }
        let environment = context.io.environment
        guard let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap({ environment[$0] }).first(where: { !$0.isEmpty }) else {
            return nil
        }
        let primary = String(locale.prefix { $0.isLetter }).lowercased()
        return (2...3).contains(primary.count) && primary != "c" ? primary : nil
    }

    /// One line of a snippet: the search index holds every language of a text, one per line, and
    /// a snippet may span two; the line with the matched words is the one to show.
    static func snippetLine(_ snippet: String) -> String {
        let lines = snippet.split(separator: "\n", omittingEmptySubsequences: true)
        return String(lines.first { $0.contains(highlight.open) } ?? lines.first ?? "")
    }

    static func table(_ results: SearchResults, language: String?, offset: Int) -> String {
        guard !results.hits.isEmpty else { return "no records match (\(results.total) in all)\n" }
        var table = TextTable(header: ["ID", "CITY", "KIND", "LANG", "TITLE"], uncut: [0])
        for hit in results.hits {
            let title = title(of: hit, language: language)
            table.append([hit.id, hit.city ?? "", hit.kind ?? "", title.language, title.text], detail: snippetLine(hit.snippet))
        }
        var text = table.render() + "\n" + count(shown: results.hits.count, offset: offset, total: results.total)
            + (results.capped ? " (more than \(results.total) match; ranked and counted among the \(results.total) most recently stored)" : "")
        for facet in ["kind", "city"] {
            let counts = (results.facets[facet] ?? []).map { "\($0.value) \($0.count)" }
            if !counts.isEmpty { text += " · \(facet): " + counts.joined(separator: ", ") }
        }
        return text + "\n"
    }

    /// `1 record`, `12 records`, or `records 21-40 of 57` when the page is not all of them.
    static func count(shown: Int, offset: Int, total: Int) -> String {
        if offset == 0 && shown == total { return total == 1 ? "1 record" : "\(total) records" }
        return shown == 1 ? "record \(offset + 1) of \(total)" : "records \(offset + 1)-\(offset + shown) of \(total)"
    }

    /// SQLite's bm25 is lower for better matches and negative; people read higher as better.
    /// Relevance is its negation (0 when listing without words); only the order means anything.
    static func relevance(_ score: Double) -> Double {
        max(0, -score)
    }

    static func json(_ results: SearchResults, language: String?, offset: Int) -> JSONValue {
        let hits = results.hits.enumerated().map { index, hit -> JSONValue in
            let title = title(of: hit, language: language)
            var object: [String: JSONValue] = [
                "id": .string(hit.id), "title": .string(title.text), "titleLanguage": .string(title.language),
                "snippet": .string(snippetLine(hit.snippet)), "rank": .number(Double(offset + index + 1)),
                "relevance": .number(relevance(hit.score)),
            ]
            for (key, value) in [("kind", hit.kind), ("city", hit.city), ("country", hit.country), ("stage", hit.stage)] {
                object[key] = value.map(JSONValue.string) ?? .null
            }
            object["year"] = hit.year.map { .number(Double($0)) } ?? .null
            return .object(object)
        }
        let facets = results.facets.mapValues { counts in
            JSONValue.array(counts.map { .object(["value": .string($0.value), "count": .number(Double($0.count))]) })
        }
        return .object(["total": .number(Double(results.total)), "capped": .bool(results.capped), "hits": .array(hits), "facets": .object(facets)])
    }
}
