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
            cli += try await sqlite3(store, dbPath: dbPath, queries: round, dir: dir)
        }
        let mean = Double(totals) / Double(max(queries.count, 1))
        return (Latencies(queries: queries, p50: percentile(ours, 0.50), p99: percentile(ours, 0.99), meanTotal: mean),
                Latencies(queries: queries, p50: percentile(cli, 0.50), p99: percentile(cli, 0.99), meanTotal: mean))
    }

    /// Runs the statements the store runs for each query (``script(_:_:repeats:)``) through
    /// `sqlite3 -readonly` with `.timer on`: once to warm up, then ``runs`` times; a run's time
    /// is the sum of its statements' "real" times, and the fastest run counts.
    static func sqlite3(_ store: Store, dbPath: String, queries: [String], dir: String) async throws -> [Double] {
        let scriptPath = dir + "/queries.sql"
        try await script(store, queries, repeats: runs + 1).write(toFile: scriptPath, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", "-readonly", dbPath, ".read \(scriptPath)"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var searches: [Double] = []
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line == "##" { searches.append(0) }
            if line.hasPrefix("Run Time: real "), let time = Double(line.dropFirst(15).split(separator: " ").first ?? ""),
               !searches.isEmpty {
                searches[searches.count - 1] += time
            }
        }
        let perQuery = runs + 1
        guard searches.count == perQuery * queries.count else {
            throw BenchError("sqlite3 printed \(searches.count) searches, expected \(perQuery * queries.count)")
        }
        return stride(from: 0, to: searches.count, by: perQuery).map { base in
            searches[(base + 1)..<(base + perQuery)].min() ?? 0
        }
    }

    /// A sqlite3 CLI script that runs, for each query, a line `##` and then the exact statements
    /// the store runs for it (``Store/searchStatements(_:)``, values written in), `repeats` times.
    static func script(_ store: Store, _ queries: [String], repeats: Int = 1) async throws -> String {
        var script = ".timer on\n.output /dev/null\n"
        for query in queries {
            let statements = try await store.searchStatements(SearchQuery(text: query))
            for _ in 0..<repeats {
                script += ".output stdout\n.print ##\n.output /dev/null\n" + statements.map { $0 + ";\n" }.joined()
            }
        }
        return script
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }
}
