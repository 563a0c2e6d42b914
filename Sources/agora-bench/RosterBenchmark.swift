import AgoraCore
import AgoraCrypto
import Foundation

/// Roster throughput: a chain of 1,000 updates (each admitting a city) parsed from its wire
/// lines (schema and Ed25519 signature checks) and folded, against the floor of that work:
/// OpenSSL verifying the same 1,000 signatures, measured in the same run.
enum RosterBenchmark {
    static let benchmark = Benchmark(
        name: "roster",
        summary: "parse (with signature checks) and fold a roster chain of 1,000 updates, against verifying its 1,000 signatures alone",
        run: run)

    static let updateCount = 1_000

    static func run(seconds: Double) throws -> [Figure] {
        let crypto = OpenSSLChangeCryptography()
        let steward = try Ed25519.PrivateKey(seed: [UInt8](repeating: 9, count: 32))
        let signer = RosterSigner(crypto: crypto)
        let genesis = try signer.genesis(coalition: "ccdr", stewards: [Roster.Steward(key: steward.publicKeyBytes, city: "secretariat")], key: steward)
        var roster = try Roster(genesis: genesis, crypto: crypto)
        var lines: [[UInt8]] = []
        for n in 0..<updateCount {
            let key = try Ed25519.PrivateKey(seed: SHA256.hash(Array("roster-bench-\(n)".utf8)))
            let pin = Data(SHA256.hash(Array("pin-\(n)".utf8))).base64EncodedString()
            let op = RosterOperation.addMember(city: "city-\(n)", name: "City \(n)", country: "ZZ", keys: [key.publicKeyBytes],
                                               node: Roster.Node(url: "https://city-\(n).example", federationURL: "https://city-\(n).example:9443", pin: pin))
            let update = try signer.update([op], on: roster, key: steward)
            roster = try roster.applying(update, crypto: crypto)
            lines.append(update.wireBytes)
        }
        let parsed = try lines.map { try RosterUpdate.parse($0, crypto: crypto) }
        let signatures = parsed.map { ($0.signatures[0].signature, $0.signingMessage, $0.signatures[0].key) }

        let verify = measure(seconds) {
            for (signature, message, key) in signatures where !crypto.isValidSignature(signature, for: message, publicKey: key) { return }
        }
        var head = RosterUpdateID(digest: [])
        let fold = try measureThrowing(seconds) {
            var chain = try RosterChain(genesis: genesis, crypto: crypto)
            for line in lines { chain.insert(try RosterUpdate.parse(line, coalition: "ccdr", crypto: crypto), crypto: crypto) }
            head = chain.fold(crypto: crypto).roster?.head ?? head
        }
        guard head == roster.head else { throw BenchmarkFailure("the fold did not reach the chain's head") }
        return [
            Figure(name: "roster.updates", value: Double(updateCount) / fold, unit: "updates/s"),
            Figure(name: "roster.chain-ms", value: fold * 1_000, unit: "ms-per-1000"),
            Figure(name: "roster.verify-only", value: Double(updateCount) / verify, unit: "signatures/s"),
            Figure(name: "roster.signature-share", value: verify / fold * 100, unit: "percent-of-fold-time"),
        ]
    }

    /// CPU seconds of one run of `body`, averaged over runs for about `seconds`.
    static func measure(_ seconds: Double, _ body: () -> Void) -> Double {
        (try? measureThrowing(seconds, body)) ?? 0
    }

    static func measureThrowing(_ seconds: Double, _ body: () throws -> Void) throws -> Double {
        try body()
        var runs = 0
        let started = Clocks.monotonic(), cpu = Clocks.userCPU()
        repeat {
            try body()
            runs += 1
        } while Clocks.monotonic() - started < seconds
        return (Clocks.userCPU() - cpu) / Double(runs)
    }
}

/// A benchmark whose own check failed.
struct BenchmarkFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
