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

    /// Queries per round: each round times these in-process, then through the sqlite3 CLI, so
    /// both sides meet the same machine load.
    static let roundSize = 20
    /// Timed runs of each query on each side; the fastest counts (the usual defence against
    /// other processes on a shared machine).
    static let runs = 3

    /// Times every query in-process and through `sqlite3`, round by round.
    static func measure(_ store: Store, count: Int, dbPath: String, dir: String) async throws -> (ours: Latencies, cli: Latencies) {
        let queries = make(count)
        var ours: [Double] = [], cli: [Double] = [], totals = 0
        for start in stride(from: 0, to: queries.count, by: roundSize) {
            let round = Array(queries[start..<min(start + roundSize, queries.count)])
            for query in round {
                var best = Double.infinity
                for run in 0...runs {  // run 0 warms the cache
                    let began = Clocks.monotonic()
                    let results = try await store.search(SearchQuery(text: query))
                    if run > 0 { best = min(best, Clocks.monotonic() - began) }
                    if run == 0 { totals += results.total }
                }
                ours.append(best)
            }
            cli += try sqlite3(dbPath: dbPath, queries: round, dir: dir)
        }
        let mean = Double(totals) / Double(max(queries.count, 1))
        return (Latencies(queries: queries, p50: percentile(ours, 0.50), p99: percentile(ours, 0.99), meanTotal: mean),
                Latencies(queries: queries, p50: percentile(cli, 0.50), p99: percentile(cli, 0.99), meanTotal: mean))
    }

    /// Runs the same two statements per query (hits, facets) through `sqlite3 -readonly` with
    /// `.timer on`: once to warm up, then ``runs`` times; a run's time is the sum of its two
    /// "real" times, and the fastest run counts.
    static func sqlite3(dbPath: String, queries: [String], dir: String) throws -> [Double] {
        var script = ".timer on\n.output /dev/null\n"
        for query in queries {
            let match = MatchExpression.make(query) ?? ""
            for _ in 0...runs {
                script += literal(SearchSQL.hits(matching: true), match: match) + ";\n"
                script += literal(SearchSQL.facets(matching: true), match: match) + ";\n"
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
        let perQuery = 2 * (runs + 1)
        guard reals.count == perQuery * queries.count else {
            throw BenchError("sqlite3 printed \(reals.count) timings, expected \(perQuery * queries.count)")
        }
        var fastest: [Double] = []
        for base in stride(from: 0, to: reals.count, by: perQuery) {
            var best = Double.infinity
            for run in 1...runs {
                let first: Double = reals[base + 2 * run], second: Double = reals[base + 2 * run + 1]
                best = min(best, first + second)
            }
            fastest.append(best)
        }
        return fastest
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
