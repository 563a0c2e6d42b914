import AgoraCore
import AgoraStore
import Foundation

/// Two-word searches for the store benchmark, timed in-process and through the sqlite3 CLI.
enum StoreQueries {
    struct Latencies {
        var queries: [String]
        var p50: Double
        var p99: Double
        var meanTotal: Double
    }

    /// Two words from the title or summary of random corpus records, in the original language or English.
    static func make(_ count: Int) -> [String] {
        var random = SplitMix64(seed: 42)
        return (0..<count).map { _ in
            let document = StoreCorpus.document(Int(random.next() % 50_000))
            let language = random.next() % 2 == 0 ? "en" : (document["originalLanguage"]?.stringValue ?? "en")
            let text = (document["summary"]?[language]?.stringValue ?? "") + " " + (document["title"]?[language]?.stringValue ?? "")
            let words = MatchExpression.terms(of: text)
            guard words.count > 2 else { return "digital rights" }
            let first = Int(random.next() % UInt64(words.count - 1))
            return words[first] + " " + words[first + 1]
        }
    }

    /// Runs every query once to warm up, then times each `search` (hits by bm25 + facets).
    static func measure(_ store: Store, count: Int) async throws -> Latencies {
        let queries = make(count)
        for query in queries { _ = try await store.search(SearchQuery(text: query)) }
        var times: [Double] = []
        var totals = 0
        for query in queries {
            let start = Clocks.monotonic()
            let results = try await store.search(SearchQuery(text: query))
            times.append(Clocks.monotonic() - start)
            totals += results.total
        }
        return Latencies(queries: queries, p50: percentile(times, 0.50), p99: percentile(times, 0.99),
                         meanTotal: Double(totals) / Double(max(queries.count, 1)))
    }

    /// Runs the same two statements per query (hits, facets) through `sqlite3` with `.timer on`,
    /// once to warm up and once measured; a query's time is the sum of its two "real" times.
    static func sqlite3(dbPath: String, queries: [String], dir: String) throws -> (p50: Double, p99: Double) {
        var script = ".timer on\n.output /dev/null\n"
        for _ in 0..<2 {
            for query in queries {
                script += literal(SearchSQL.hits(matching: true), match: MatchExpression.make(query) ?? "") + ";\n"
                script += literal(SearchSQL.facets(matching: true), match: MatchExpression.make(query) ?? "") + ";\n"
            }
        }
        let scriptPath = dir + "/queries.sql"
        try script.write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", dbPath, ".read \(scriptPath)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let reals = String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line -> Double? in
            guard line.hasPrefix("Run Time: real ") else { return nil }
            return Double(line.dropFirst(15).split(separator: " ").first ?? "")
        }
        guard reals.count == 4 * queries.count else {
            throw BenchError("sqlite3 printed \(reals.count) timings, expected \(4 * queries.count)")
        }
        let measured = Array(reals[(2 * queries.count)...])
        let times = stride(from: 0, to: measured.count, by: 2).map { measured[$0] + measured[$0 + 1] }
        return (percentile(times, 0.50), percentile(times, 0.99))
    }

    /// `sql` with its parameters written as literals: the MATCH text, no filters, 20 hits from 0.
    static func literal(_ sql: String, match: String) -> String {
        let values = ["'" + match.replacingOccurrences(of: "'", with: "''") + "'", "NULL", "NULL", "NULL", "NULL", "NULL",
                      "NULL", "NULL", "\(SearchQuery.defaultLimit)", "0", "char(2)", "char(3)"]
        var text = sql
        for index in stride(from: values.count, through: 1, by: -1) {
            text = text.replacingOccurrences(of: "?\(index)", with: values[index - 1])
        }
        return text
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
