import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// Prepares the search part of `scripts/bench/http`: a node directory whose database holds the
/// store benchmark's corpus (`StoreCorpus`, 100,000 records by default), and one query mix in
/// two forms, for wrk (`paths.txt`) and for the sqlite3 CLI (`queries.sql`, the statements the store runs for each search).
///
/// Settings from the environment: `AGORA_BENCH_DIR` (required: the folder to fill),
/// `AGORA_BENCH_CHANGES` (default 100,000), `AGORA_BENCH_QUERIES` (default 200).
/// An existing `node/agora.db` with the right count is reused.
enum HTTPCorpusBenchmark {
    static let benchmark = Benchmark(
        name: "http-corpus",
        summary: "build the node directory and query mix that scripts/bench/http searches",
        run: run)

    static func run(seconds: Double) throws -> [Figure] {
        let environment = ProcessInfo.processInfo.environment
        guard let dir = environment["AGORA_BENCH_DIR"] else { throw BenchError("set AGORA_BENCH_DIR to the folder to fill") }
        let count = Int(environment["AGORA_BENCH_CHANGES"] ?? "") ?? 100_000
        let queryCount = Int(environment["AGORA_BENCH_QUERIES"] ?? "") ?? 200
        let corpus = try StoreCorpus()
        let node = dir + "/node"
        let started = Clocks.monotonic()
        let records = try StoreBenchmark.blocking { try await fill(node: node, corpus: corpus, count: count, scratch: dir) }
        let queries = StoreQueries.make(queryCount)
        try StoreBenchmark.blocking {
            let store = try openStore(node + "/agora.db", corpus)
            do { try await writeQueries(queries, store: store, to: dir) } catch { await store.close(); throw error }
            await store.close()
        }
        return [
            Figure(name: "http-corpus.records", value: Double(records), unit: "records"),
            Figure(name: "http-corpus.queries", value: Double(queries.count), unit: "queries"),
            Figure(name: "http-corpus.seconds", value: Clocks.monotonic() - started, unit: "s"),
        ]
    }

    /// A node directory for city `tirana` of the corpus coalition, with the corpus ingested.
    static func fill(node: String, corpus: StoreCorpus, count: Int, scratch: String) async throws -> Int {
        let dbPath = node + "/agora.db"
        if FileManager.default.fileExists(atPath: dbPath), let existing = try? await countRecords(dbPath, corpus), existing == count {
            return existing
        }
        try? FileManager.default.removeItem(atPath: node)
        try writeNodeFiles(node, corpus: corpus)
        let corpusPath = scratch + "/corpus.jsonl"
        _ = try StoreBenchmark.generate(corpus, count: count, to: corpusPath)
        let store = try openStore(dbPath, corpus)
        let report = try await StoreBenchmark.ingest(file: corpusPath, into: store)
        await store.close()
        try? FileManager.default.removeItem(atPath: corpusPath)
        return report.accepted
    }

    static func openStore(_ path: String, _ corpus: StoreCorpus) throws -> Store {
        let crypto = OpenSSLChangeCryptography()
        let verifier = CoreVerifier(verifier: ChangeVerifier(crypto: crypto, coalition: StoreCorpus.coalition,
                                                             directory: corpus.directory), clock: nil)
        return try Store(path: path, options: .init(merger: CoreMerge(directory: corpus.directory, crypto: crypto), verifier: verifier))
    }

    static func countRecords(_ path: String, _ corpus: StoreCorpus) async throws -> Int {
        let store = try openStore(path, corpus)
        let counts = try await store.counts()
        await store.close()
        return counts.changes
    }

    /// `node.json`, the signing key, the key directory and a TLS identity, as `agora init` lays them out.
    static func writeNodeFiles(_ node: String, corpus: StoreCorpus) throws {
        for sub in ["", "/keys", "/tls"] {
            try FileManager.default.createDirectory(atPath: node + sub, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        let config = """
            {"city":{"country":"AL","id":"tirana","name":"Tirana"},"coalition":"\(StoreCorpus.coalition)","database":"agora.db",\
            "format":1,"signingKey":"keys/signing.key","tls":{"certificate":"tls/certificate.pem","key":"tls/key.pem"}}
            """
        try config.write(toFile: node + "/node.json", atomically: true, encoding: .utf8)
        guard let key = corpus.keys["tirana"] else { throw BenchError("the corpus has no tirana key") }
        try KeyFile.write(key, to: node + "/keys/signing.key")
        try JSONWriter.pretty(corpus.directory.json).write(toFile: node + "/keys/directory.json", atomically: true, encoding: .utf8)
        let identity = try TLSIdentity.generate(commonName: "tirana", subjectAltNames: ["127.0.0.1", "localhost"], validDays: 30)
        try identity.certificatePEM.write(toFile: node + "/tls/certificate.pem", atomically: true, encoding: .utf8)
        guard FileManager.default.createFile(atPath: node + "/tls/key.pem", contents: Data(identity.privateKeyPEM.utf8),
                                             attributes: [.posixPermissions: 0o600]) else {
            throw BenchError("cannot write \(node)/tls/key.pem")
        }
    }

    /// `paths.txt` (one `/api/v1/search?q=…` per line) and `queries.sql` (for each query, a line
    /// `##` and the statements the store runs for it, with `.timer on`), the same mix in the same order.
    static func writeQueries(_ queries: [String], store: Store, to dir: String) async throws {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let paths = queries.map { "/api/v1/search?q=" + ($0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") }
        try (paths.joined(separator: "\n") + "\n").write(toFile: dir + "/paths.txt", atomically: true, encoding: .utf8)
        try await StoreQueries.script(store, queries).write(toFile: dir + "/queries.sql", atomically: true, encoding: .utf8)
    }
}
