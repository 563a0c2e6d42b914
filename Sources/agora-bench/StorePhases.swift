import AgoraCore
import AgoraCrypto
import AgoraStore
import Foundation

/// Per-change CPU cost of each ingest step on one thread, to explain the end-to-end rate.
enum StorePhases {
    static func measure(_ corpus: StoreCorpus, sample: Int = 500) throws -> [Figure] {
        let crypto = OpenSSLChangeCryptography()
        let lines = try (0..<sample).map { try corpus.wire(1_000_000 + $0) }
        let verifier = CoreVerifier(verifier: ChangeVerifier(crypto: crypto, coalition: StoreCorpus.coalition,
                                                             directory: corpus.directory), clock: nil)
        var start = Clocks.userCPU()
        let changes = lines.compactMap { try? verifier.verify(wire: $0).get() }
        let verify = Clocks.userCPU() - start
        start = Clocks.userCPU()
        for line in lines { _ = try? SignedChange.parse(line) }
        let parse = Clocks.userCPU() - start
        let merge = CoreMerge(directory: corpus.directory, crypto: crypto)
        start = Clocks.userCPU()
        let merged = try changes.map { try merge.merge(recordID: $0.recordID, changes: [$0]) }
        let mergeTime = Clocks.userCPU() - start
        let stateBytes = merged.reduce(0) { $0 + $1.canonicalState.utf8.count }
        let dir = NSTemporaryDirectory() + "agora-bench-phases-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try Store(path: dir + "/agora.db", options: .init(merger: merge))
        let writeStart = Clocks.monotonic(), writeCPU = Clocks.userCPU()
        _ = try StoreBenchmark.blocking { try await store.ingest(changes) }
        let write = Clocks.monotonic() - writeStart, writeUser = Clocks.userCPU() - writeCPU
        _ = try StoreBenchmark.blocking { await store.close() }
        let per = { (seconds: Double) in seconds / Double(max(sample, 1)) * 1e6 }
        return [
            Figure(name: "store.phase.verify", value: per(verify), unit: "us/change"),
            Figure(name: "store.phase.parse", value: per(parse), unit: "us/change"),
            Figure(name: "store.phase.merge", value: per(mergeTime), unit: "us/change"),
            Figure(name: "store.phase.write", value: per(write), unit: "us/change"),
            Figure(name: "store.phase.write.cpu", value: per(writeUser), unit: "us/change"),
            Figure(name: "store.phase.state-bytes", value: Double(stateBytes) / Double(max(sample, 1)), unit: "B"),
        ]
    }
}
