import AgoraCore
import AgoraCrypto

/// Full verification of realistic signed changes on one thread: parse, canonical check,
/// schema, body hashes, key lookup, clock, Ed25519 and change id, as `ChangeVerifier.verify`
/// does for every change a node receives. `scripts/bench/core` prints it as a ratio to
/// `openssl speed ed25519` verify/s.
enum ChangeVerifyBenchmark {
    static let benchmark = Benchmark(
        name: "change-verify",
        summary: "ChangeVerifier.verify of ~1 KiB signed changes (parse+canonicalize+hash+verify, one thread)",
        run: run)

    /// How many distinct changes are verified in turn.
    static let changeCount = 1_000
    static let now: UInt64 = 1_700_000_000_000

    static func run(seconds: Double) throws -> [Figure] {
        let crypto = OpenSSLChangeCryptography()
        let key = try Ed25519.PrivateKey(seed: [UInt8](repeating: 7, count: Ed25519.seedByteCount))
        let directory = try KeyDirectory([.init(key: key.publicKeyBytes, city: "tirana")], crypto: crypto)
        let signer = ChangeSigner(crypto: crypto)
        let verifier = ChangeVerifier(crypto: crypto, coalition: "ccdr", directory: directory)
        var figures: [Figure] = []
        for (name, large) in [("change", false), ("change.large", true)] {
            let lines = try (0..<changeCount).map { i in try signer.sign(sampleChange(i, large: large), key: key).change.wireBytes }
            let rate = try measure(verifier, lines, seconds: seconds)
            let bytes = Double(lines.reduce(0) { $0 + $1.count }) / Double(lines.count)
            figures += [
                Figure(name: "\(name).verify", value: rate.perCPUSecond, unit: "changes/s"),
                Figure(name: "\(name).verify.wall", value: rate.perWallSecond, unit: "changes/s"),
                Figure(name: "\(name).bytes", value: bytes, unit: "bytes"),
            ]
        }
        return figures
    }

    static func measure(_ verifier: ChangeVerifier, _ lines: [[UInt8]], seconds: Double) throws -> Rate {
        var index = 0, failures = 0
        let rate = Rate.measure(seconds: seconds) {
            if case .failure = verifier.verify(lines[index], wallMilliseconds: now) { failures += 1 }
            index = (index + 1) % lines.count
        }
        guard failures == 0 else {
            throw CryptoError(code: .openSSL, message: "\(failures) changes failed verification during the benchmark")
        }
        return rate
    }

    /// A publish-sized change of about 1 KiB in Albanian and English.
    static func sampleChange(_ i: Int, large: Bool = false) -> UnsignedChange {
        let description = "Bashkia e Tiranës publikon të dhëna të hapura për buxhetin, prokurimin dhe transportin publik, "
            + "në formate të lexueshme nga makina, me licencë të hapur. (\(i))"
        return UnsignedChange(
            coalition: "ccdr", record: RecordID("tirana/practice/open-data-portal-\(i % 1_000)")!, city: "tirana",
            hlc: HLCTimestamp(milliseconds: now - UInt64(i), counter: UInt32(i % 3)),
            operations: large ? largeOperations(description) : [
                .set(field: "title", language: "sq", value: .string("Portali i të dhënave të hapura")),
                .set(field: "title", language: "en", value: .string("Open data portal")),
                .set(field: "summary", language: "sq", value: .string(description)),
                .add(field: "themes", value: .string("transparency/open-data")),
            ])
    }

    /// A whole first publish: eight operations, about 2.3 KiB on the wire.
    static func largeOperations(_ description: String) -> [UnsignedOperation] {
        [
            .set(field: "title", language: "sq", value: .string("Portali i të dhënave të hapura")),
            .set(field: "title", language: "en", value: .string("Open data portal")),
            .set(field: "summary", language: "sq", value: .string(description)),
            .set(field: "summary", language: "en", value: .string("The municipality publishes open, machine-readable data on budget, procurement and public transport.")),
            .set(field: "stage", language: nil, value: .string("implementation")),
            .add(field: "themes", value: .string("transparency/open-data")),
            .add(field: "tags", value: .string("open data")),
            .set(field: "sources", language: nil, value: .array([.object(["title": .string("Bashkia e Tiranës dhe Koalicioni i Qyteteve për të Drejtat Digjitale"), "seed": .string("000_2e1bd90ac9c359db")])])),
        ]
    }
}
