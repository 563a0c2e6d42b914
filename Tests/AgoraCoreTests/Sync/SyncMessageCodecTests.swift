import AgoraTesting
import Testing
@testable import AgoraCore

/// The binary form: every message survives encoding, and every kind of bad input gets its
/// own precise error, never a crash.
@Suite struct SyncMessageCodecTests {
    let p = SyncParameters.default

    func sample() -> [SyncMessage] {
        let id = SyncID(words: (1, 2, 3, 4))
        return [
            .open(SyncOpening(parameters: p, nonce: [1, 2, 3, 4, 5, 6, 7, 8], bound: 1_764_547_200_000, lower: 1_700_000_000_000,
                              fingerprint: [UInt8](repeating: 0xAB, count: 16))),
            .equal,
            .reply(SyncReply(parameters: p, lower: 5, fingerprint: [UInt8](repeating: 1, count: 16), entries: [
                SyncEntry(skip: 0, action: .split(parts: 2, fingerprints: [1, 2, 3, 4, 5, 6])),
            ])),
            .next(parameters: p, entries: [
                SyncEntry(skip: 3, action: .list(tags: [0x010203, 0xFFFFFF, 0])),
                SyncEntry(skip: 0, action: .answer(lacking: [true, false, false, true, false, false, false, false, true], extras: [id])),
                SyncEntry(skip: 200, action: .none),
                SyncEntry(skip: 1, action: .all(SyncSummary(id))),
                SyncEntry(skip: 0, action: .later),
            ]),
        ]
    }

    @Test func messagesSurviveTheirBinaryForm() throws {
        for message in sample() { #expect(try SyncMessage(bytes: message.bytes) == message) }
    }

    @Test func theEqualMessageIsTwoBytes() {
        #expect(SyncMessage.equal.bytes == [1, 2])
    }

    @Test func everyTruncationIsRefusedAsTruncated() throws {
        for message in sample() {
            let bytes = message.bytes
            for cut in 1..<bytes.count {
                do {
                    let parsed = try SyncMessage(bytes: Array(bytes[..<cut]))
                    // A body may end between entries: then it is a shorter, valid message.
                    if case .next = parsed { continue }
                    if case .reply = parsed { continue }
                    Issue.record("a cut at \(cut) of \(bytes.count) parsed")
                } catch {
                    #expect([SyncError.Code.truncated, .badVarint].contains(error.code), "cut at \(cut): \(error)")
                }
            }
        }
    }

    func refusal(_ bytes: [UInt8], limits: SyncLimits = .standard) -> SyncError.Code? {
        do {
            _ = try SyncMessage(bytes: bytes, limits: limits)
            return nil
        } catch { return error.code }
    }

    @Test func badInputGetsPreciseErrors() {
        #expect(refusal([2, 2]) == .unsupportedVersion)
        #expect(refusal([1, 9]) == .unexpectedKind)
        #expect(refusal([1, 2, 0]) == .trailingBytes)
        #expect(refusal([1, 4, 0x22, 6]) == .badAction)                    // action 6
        #expect(refusal([1, 4, 0x22, 0x80, 0x00]) == .badVarint)           // non-shortest varint
        #expect(refusal([1, 4, 0x22, 0, 0]) == .invalidAction)             // a split into 0 parts
        #expect(refusal([1, 4, 0x22, 0, 0x81, 0x20]) == .overLimit)        // a split into 4,097 parts
        #expect(refusal([1, 4, 0x22, 2, 0x0A, 0xFF, 0x07, 0]) == .invalidAction)  // padding bits in a bitmap
        #expect(refusal([1, 4, 0x29]) == .tagLength)                       // 10-byte tags
        #expect(refusal([1, 4, 0x22, 0, 2, 1, 2, 3, 4]) == .truncated)     // fingerprints of the wrong length
        #expect(refusal([UInt8](repeating: 3, count: 2_000), limits: small()) == .messageTooLarge)
        // Found by scripts/fuzz/sync: an answer claiming 2^62 extras trapped while wording its error.
        #expect(refusal([1, 4, 0x22, 0x02, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F]) == .truncated)
    }

    func small() -> SyncLimits {
        var limits = SyncLimits()
        limits.maximumMessageBytes = 1_000
        return limits
    }

    @Test func randomBytesNeverCrashTheParserOrTheResponder() {
        var random = SplitMix64(seed: 11)
        let tree = FingerprintTree(sorted: SyncFixtures.items(500, times: 1...1_000, &random).sorted())
        for _ in 0..<3_000 {
            var bytes = sample()[random.below(4)].bytes
            for _ in 0..<(1 + random.below(4)) where !bytes.isEmpty {
                bytes[random.below(bytes.count)] = UInt8(truncatingIfNeeded: random.next())
            }
            var responder = SyncResponder(source: tree, sha256: SyncFixtures.sha256)
            if let message = try? SyncMessage(bytes: bytes) { _ = try? responder.receive(message) }
        }
    }

    @Test func theJSONRenderingNamesEveryField() throws {
        let text = JSONWriter.pretty(sample()[3].json)
        for field in ["\"kind\": \"next\"", "\"list\"", "\"010203\"", "\"answer\"", "\"lacking\"", "\"none\"", "\"all\"", "\"later\""] {
            #expect(text.contains(field), "\(field) in \(text)")
        }
    }
}
