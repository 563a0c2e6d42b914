import AgoraTesting
import Testing
@testable import AgoraHTTP

@Suite struct HTTPRequestParserPropertyTests {
    /// Random mutations of valid requests, cut at random places, give the same outcome as one feed.
    @Test func mutatedRequestsParseTheSameWhateverTheSplit() {
        var random = SplitMix64(seed: 5)
        let alphabet = Array("\r\n :;0aZ/%\t\u{7f}".utf8) + [0, 0x80, 0xFF]
        for _ in 0..<3000 {
            var bytes = Array((SampleRequests.all.randomElement(using: &random) ?? "").utf8)
            for _ in 0..<Int.random(in: 0...3, using: &random) where !bytes.isEmpty {
                let at = Int.random(in: 0..<bytes.count, using: &random)
                switch Int.random(in: 0..<3, using: &random) {
                case 0: bytes[at] = alphabet.randomElement(using: &random) ?? 0
                case 1: bytes.remove(at: at)
                default: bytes.insert(alphabet.randomElement(using: &random) ?? 0, at: at)
                }
            }
            let limits = HTTPParserLimits(maxRequestLineBytes: 40, maxHeaderBytes: 80, maxHeaderCount: 4, maxBodyBytes: 16)
            let whole = parse(bytes, limits: limits)
            let cuts = (0..<3).map { _ in Int.random(in: 0...bytes.count, using: &random) }.sorted()
            #expect(parse(bytes, cuts: cuts, limits: limits) == whole)
        }
    }

    /// Random bytes never crash the parser and never yield a request with a body over the limit.
    @Test func randomBytesAreRefusedOrParsedWithinLimits() {
        var random = SplitMix64(seed: 7)
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<200, using: &random)
            let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &random) }
            let outcome = parse(bytes, limits: HTTPParserLimits(maxBodyBytes: 8))
            #expect(outcome.requests.allSatisfy { $0.body.count <= 8 })
        }
    }
}
