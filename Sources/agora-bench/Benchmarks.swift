/// Every benchmark `agora-bench` knows. To add one: write `XBenchmark.swift` with a
/// `static let benchmark: Benchmark`, list it here, and add its section to
/// `docs/BENCHMARKS.md` (and, for the core set, a call in `scripts/bench/core`).
enum Benchmarks {
    static let all: [Benchmark] = [
        Ed25519Benchmark.benchmark,
        SHA256Benchmark.benchmark,
        HTTPCorpusBenchmark.benchmark,
        ChangeVerifyBenchmark.benchmark,
        MergeBenchmark.benchmark,
        RosterBenchmark.benchmark,
        StoreBenchmark.benchmark,
        SyncBenchmark.benchmark,
        SyncSimBenchmark.benchmark,
        SyncMemoryBenchmark.benchmark,
        StatusBenchmark.benchmark,
    ]
}
