import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// The store benchmark (`scripts/bench/store`): signed changes ingested end to end in batches
/// (verify on every core, one writer stores, merges and indexes), then two-word searches with
/// bm25 and facets, in-process and through the sqlite3 CLI on the same file.
///
/// Settings come from the environment (the command line takes only `--seconds`):
/// `AGORA_BENCH_DIR` (a folder to work in; default a new temporary folder),
/// `AGORA_BENCH_CHANGES` (default 100,000), `AGORA_BENCH_QUERIES` (default 100).
enum StoreBenchmark {
    static let benchmark = Benchmark(
        name: "store",
        summary: "ingest signed changes end to end, then search latency vs the sqlite3 CLI (see scripts/bench/store)",
        run: run)

    /// Changes per `ingest` call, as the issue asks.
    static let batchSize = 1_000

    static func run(seconds: Double) throws -> [Figure] {
        let environment = ProcessInfo.processInfo.environment
        let count = Int(environment["AGORA_BENCH_CHANGES"] ?? "") ?? 100_000
        let queries = Int(environment["AGORA_BENCH_QUERIES"] ?? "") ?? 100
        let dir = environment["AGORA_BENCH_DIR"] ?? NSTemporaryDirectory() + "agora-bench-store-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let corpus = try StoreCorpus()
        let corpusPath = dir + "/corpus.jsonl"
        let phases = environment["AGORA_BENCH_SKIP_PHASES"] == "1" ? [] : try StorePhases.measure(corpus, sample: Int(environment["AGORA_BENCH_PHASE_SAMPLE"] ?? "") ?? 500)
        if environment["AGORA_BENCH_PHASES_ONLY"] != nil { return phases }
        let generated = try reusableCorpusSize(corpusPath, count: count, environment) ?? generate(corpus, count: count, to: corpusPath)
        let afterGenerate = peakRSSKiB()
        let outcome = try blocking { try await ingestAndQuery(corpus, corpusPath: corpusPath, dir: dir, queries: queries) }
        return phases + [Figure(name: "store.corpus.bytes-per-change", value: Double(generated) / Double(max(count, 1)), unit: "B"),
                         Figure(name: "store.rss.peak-after-generate", value: Double(afterGenerate) / 1024, unit: "MiB")]
            + outcome
    }

    /// With `AGORA_BENCH_REUSE_CORPUS=1`, the size of an existing corpus of exactly `count` lines
    /// (for profiling the ingest alone); nil when it must be generated.
    static func reusableCorpusSize(_ path: String, count: Int, _ environment: [String: String]) -> Int? {
        guard environment["AGORA_BENCH_REUSE_CORPUS"] == "1", let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        var (lines, bytes) = (0, 0)
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {  // streamed: peak RSS stays the ingest's
            bytes += chunk.count
            lines += chunk.withUnsafeBytes { $0.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } }
        }
        return lines == count ? bytes : nil
    }

    /// Writes `count` signed changes as JSON Lines, signing on every core, a batch at a time.
    static func generate(_ corpus: StoreCorpus, count: Int, to path: String) throws -> Int {
        _ = FileManager.default.createFile(atPath: path, contents: nil)  // the open below reports a failure
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot write \(path)") }
        defer { try? handle.close() }
        var total = 0
        for start in stride(from: 0, to: count, by: batchSize) {
            let lines = LineBuffer(count: min(batchSize, count - start))
            DispatchQueue.concurrentPerform(iterations: lines.count) { i in lines.set(i, (try? corpus.wire(start + i)) ?? []) }
            var chunk: [UInt8] = []
            for line in lines.values where !line.isEmpty { chunk += line; chunk.append(0x0A) }
            total += chunk.count
            handle.write(Data(chunk))
        }
        // On disk before the timed ingest starts: otherwise the kernel writes the corpus's 470 MB
        // back during the ingest, and the ingest's fsyncs wait behind it.
        try handle.synchronize()
        return total
    }

    static func ingestAndQuery(_ corpus: StoreCorpus, corpusPath: String, dir: String, queries: Int) async throws -> [Figure] {
        let dbPath = dir + "/agora.db"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: dbPath + suffix) }
        let crypto = OpenSSLChangeCryptography()
        let verifier = CoreVerifier(verifier: ChangeVerifier(crypto: crypto, coalition: StoreCorpus.coalition,
                                                             directory: corpus.directory), clock: nil)
        let store = try Store(path: dbPath, options: .init(merger: CoreMerge(directory: corpus.directory, crypto: crypto),
                                                           verifier: verifier))
        let started = Clocks.monotonic(), startedCPU = Clocks.processCPU(), startedIO = writtenBytes()
        let report = try await ingest(file: corpusPath, into: store)
        let elapsed = Clocks.monotonic() - started, endedCPU = Clocks.processCPU(), written = writtenBytes() - startedIO
        let afterIngest = peakRSSKiB()
        let cpu = (user: endedCPU.user - startedCPU.user, system: endedCPU.system - startedCPU.system)
        let (latencies, cli) = try await StoreQueries.measure(store, count: queries, dbPath: dbPath, dir: dir)
        await store.close()
        return [
            Figure(name: "store.ingest.accepted", value: Double(report.accepted), unit: "changes"),
            Figure(name: "store.ingest.refused", value: Double(report.refused), unit: "changes"),
            Figure(name: "store.ingest.rate", value: Double(report.accepted) / elapsed, unit: "changes/s"),
            Figure(name: "store.ingest.seconds", value: elapsed, unit: "s"),
            Figure(name: "store.ingest.cpu.user", value: cpu.user, unit: "s"),
            Figure(name: "store.ingest.cpu.system", value: cpu.system, unit: "s"),
            Figure(name: "store.ingest.per-cpu-second", value: Double(report.accepted) / max(cpu.user + cpu.system, 1e-9),
                   unit: "changes/CPU-s"),
            Figure(name: "store.ingest.written-per-change", value: Double(written) / Double(max(report.accepted, 1)),
                   unit: "B"),
            Figure(name: "store.query.p50", value: latencies.p50 * 1000, unit: "ms"),
            Figure(name: "store.query.p99", value: latencies.p99 * 1000, unit: "ms"),
            Figure(name: "store.query.sqlite3.p50", value: cli.p50 * 1000, unit: "ms"),
            Figure(name: "store.query.sqlite3.p99", value: cli.p99 * 1000, unit: "ms"),
            Figure(name: "store.query.mean-total", value: latencies.meanTotal, unit: "hits"),
            Figure(name: "store.rss.peak-after-ingest", value: Double(afterIngest) / 1024, unit: "MiB"),
            Figure(name: "store.rss.peak", value: Double(peakRSSKiB()) / 1024, unit: "MiB"),
            Figure(name: "store.db.size", value: Double(fileSize(dbPath)) / 1_048_576, unit: "MiB"),
        ]
    }

    /// Reads the corpus a batch at a time and ingests it as `agora import` does: each batch is
    /// verified on every core while the writer stores the one before, in input order.
    static func ingest(file: String, into store: Store) async throws -> IngestReport {
        guard let reader = LineReader(path: file) else { throw BenchError("cannot read \(file)") }
        var total = IngestReport()
        var pipeline = IngestPipeline(store: store)
        while true {
            let batch = reader.next(batchSize)
            if batch.isEmpty { break }
            if let stored = try await pipeline.add(batch) { total.add(stored) }
        }
        if let stored = try await pipeline.finish() { total.add(stored) }
        return total
    }

    static func peakRSSKiB() -> Int {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    /// Bytes this process has handed to `write` and `pwrite` so far (`wchar` of `/proc/self/io`):
    /// the WAL frames and checkpoint copies SQLite writes, whether or not they reached the disk yet.
    static func writtenBytes() -> Int {
        let io = (try? String(contentsOfFile: "/proc/self/io", encoding: .utf8)) ?? ""
        let line = io.split(separator: "\n").first { $0.hasPrefix("wchar:") } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
    }

    /// Runs async work from the benchmark's synchronous entry point (main thread, not a Task).
    static func blocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        return try box.result?.get() ?? { throw BenchError("no result") }()
    }
}

extension Clocks {
    /// User and system CPU seconds used by this process so far (all threads).
    static func processCPU() -> (user: Double, system: Double) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return (Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1e6,
                Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1e6)
    }
}

extension IngestReport {
    mutating func add(_ other: IngestReport) {
        accepted += other.accepted
        duplicates += other.duplicates
        refusals += other.refusals
        touchedRecords += other.touchedRecords
    }
}

struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A result handed from a detached task to the waiting main thread.
final class ResultBox<T>: @unchecked Sendable {
    // @unchecked: written once by the task before the semaphore is signalled, read after the wait.
    var result: Result<T, any Error>?
}

/// Lines produced by concurrentPerform iterations, each at its own index: fixed slots, not an
/// array that several threads would mutate (see AgoraStore's `SlotBuffer`).
final class LineBuffer: @unchecked Sendable {
    // @unchecked: each iteration writes a distinct slot; `values` is read after concurrentPerform.
    private let slots: UnsafeMutableBufferPointer<[UInt8]>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: [])
    }
    deinit {
        slots.deinitialize()
        slots.deallocate()
    }
    var count: Int { slots.count }
    func set(_ index: Int, _ line: [UInt8]) { slots[index] = line }
    var values: [[UInt8]] { Array(slots) }
}

/// Reads a JSON Lines file in batches of lines, without loading it whole.
final class LineReader {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false

    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    func next(_ count: Int) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        while lines.count < count {
            if let newline = buffer[position...].firstIndex(of: 0x0A) {
                lines.append(Array(buffer[position..<newline]))
                position = newline + 1
                continue
            }
            if atEnd { break }
            buffer.removeSubrange(..<position)
            position = 0
            let data = handle.readData(ofLength: 1 << 20)
            if data.isEmpty { atEnd = true } else { data.withUnsafeBytes { buffer.append(contentsOf: $0) } }  // not Data's per-byte iterator
        }
        return lines
    }
}
