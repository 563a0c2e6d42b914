import Testing
@testable import AgoraCore

@Suite struct JSONLimitsTests {
    static func nested(_ depth: Int) -> [UInt8] {
        Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
    }

    @Test func defaultsAreDocumentedValues() {
        #expect(JSONLimits.default.maxBytes == 1_048_576)
        #expect(JSONLimits.default.maxDepth == 64)
        #expect(JSONLimits.maxDepthCeiling == 512)
    }

    @Test func depthAtTheLimitIsAcceptedAndOneMoreRefused() throws {
        _ = try CanonicalJSON.decode(Self.nested(64))
        let error = try #require(throws: JSONError.self) { try CanonicalJSON.decode(Self.nested(65)) }
        #expect(error.code == .tooDeep)
        #expect(error.offset == 64)
    }

    @Test func objectsCountTowardsDepth() throws {
        let limits = JSONLimits(maxDepth: 2)
        _ = try CanonicalJSON.decode(Array(#"{"a":[1]}"#.utf8), limits: limits)
        let error = try #require(throws: JSONError.self) {
            try CanonicalJSON.decode(Array(#"{"a":[{}]}"#.utf8), limits: limits)
        }
        #expect(error.code == .tooDeep)
        #expect(error.offset == 6)
    }

    @Test func depthAboveTheCeilingIsCapped() throws {
        let limits = JSONLimits(maxBytes: 10_000_000, maxDepth: 1_000_000)
        _ = try CanonicalJSON.decode(Self.nested(512), limits: limits)
        let error = try #require(throws: JSONError.self) { try CanonicalJSON.decode(Self.nested(100_000), limits: limits) }
        #expect(error.code == .tooDeep)
        #expect(error.offset == 512)
    }

    @Test func sizeAtTheLimitIsAcceptedAndOneMoreRefused() throws {
        let limits = JSONLimits(maxBytes: 10)
        _ = try CanonicalJSON.decode(Array("[1,2,3,45]".utf8), limits: limits)
        let error = try #require(throws: JSONError.self) {
            try CanonicalJSON.decode(Array("[1,2,3,456]".utf8), limits: limits)
        }
        #expect(error.code == .tooLarge)
        #expect(error.offset == 10)
    }

    @Test func defaultSizeLimitRefusesAnOversizedDocument() throws {
        let big = [UInt8(ascii: "\"")] + Array(repeating: UInt8(ascii: "a"), count: JSONLimits.defaultMaxBytes) + [UInt8(ascii: "\"")]
        let error = try #require(throws: JSONError.self) { try CanonicalJSON.decode(big) }
        #expect(error.code == .tooLarge)
        #expect(error.offset == JSONLimits.defaultMaxBytes)
    }
}
